/**
 * Who may do what with a record of personal data. An {@link fi.suoja.policy.Actor} (one person,
 * never a shared account) acts within a {@link fi.suoja.policy.PrivacyContext}; an {@link
 * fi.suoja.policy.AccessPolicy} — by default the eChat rules of {@link
 * fi.suoja.policy.CareAccessPolicy} — returns a {@link fi.suoja.policy.Decision} for each action on
 * a {@link fi.suoja.policy.RecordRef}; the {@link fi.suoja.policy.AccessGuard} enforces it, refuses
 * cross-tenant access whatever the policy says, and audits every decision, failing closed when the
 * audit cannot be written.
 */
package fi.suoja.policy;
