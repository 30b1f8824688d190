/**
 * The audit trail's public API: the event model ({@link fi.suoja.audit.AuditEvent} with its {@link
 * fi.suoja.audit.AuditActor}, {@link fi.suoja.audit.AuditAction}, {@link
 * fi.suoja.audit.AuditResource}, {@link fi.suoja.audit.AccessBasis} and {@link
 * fi.suoja.audit.Outcome}) and the {@link fi.suoja.audit.Auditor} facade that applications call to
 * record what happened to personal data, by whom and on what basis. Failures are {@link
 * fi.suoja.audit.AuditException}s with codes {@code SUOJA-4xxx}.
 */
package fi.suoja.audit;
