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
  ERASE
}
