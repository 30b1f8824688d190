/**
 * The audit trail's public API: the event model ({@code AuditEvent}, {@code AuditAction}, {@code
 * Outcome}) and the {@code Auditor} facade that applications call to record what happened to
 * personal data, by whom and on what basis.
 */
package fi.suoja.audit;
