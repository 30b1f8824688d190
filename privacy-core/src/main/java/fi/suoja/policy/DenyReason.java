package fi.suoja.policy;

/** Why an access was denied: a stable code a caller can log, count and test. */
public enum DenyReason {
  /** No actor in the unit of work. */
  NO_ACTOR,
  /** The actor works for another tenant than the one owning the record. */
  CROSS_TENANT,
  /** An employee tried to reach a client they are not responsible for. */
  NOT_OWNER,
  /** None of the actor's roles permits this action on this category of data. */
  ROLE_NOT_PERMITTED,
  /** Provider staff asked for client data without an incident grant covering the record. */
  NO_INCIDENT_GRANT,
  /** The incident grant's validity window has ended or not yet begun. */
  GRANT_EXPIRED,
  /** The tenant revoked the incident grant. */
  GRANT_REVOKED,
  /** The tenant has not consented to its client data being used for incident investigation. */
  NO_TENANT_CONSENT,
  /** The audit event for the decision could not be recorded, so the access fails closed. */
  AUDIT_UNAVAILABLE,
  /** The policy itself failed; treated as deny. */
  POLICY_ERROR
}
