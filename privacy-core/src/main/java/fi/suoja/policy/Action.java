package fi.suoja.policy;

/** What an actor wants to do with a record of personal data. */
public enum Action {
  READ,
  CREATE,
  UPDATE,
  DELETE,
  /** Export of a data subject's data (GDPR Art. 15/20). */
  EXPORT,
  /** Erasure of a data subject's data (GDPR Art. 17). */
  ERASE,
  /** Hand-over of a record to another controller (audited as {@code DISCLOSURE}). */
  DISCLOSE,
  /** Off-boarding of a whole tenant, the record being the tenant ({@code TENANT_OFFBOARDED}). */
  OFFBOARD,
  /** Destruction of a tenant's key, crypto-shredding what it sealed ({@code KEY_DESTROYED}). */
  DESTROY_KEY
}
