package fi.suoja.policy;

/** Whose data a record holds; the care rules treat the two very differently. */
public enum DataCategory {
  /** A tenant's staff member's own data: name, contact details, HETU, job title. */
  EMPLOYEE_DATA,
  /** A tenant's client (the care data subject): identity and care records. */
  CLIENT_DATA
}
