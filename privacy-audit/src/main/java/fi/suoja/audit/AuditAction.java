package fi.suoja.audit;

/**
 * What happened. The first group concerns a data subject's personal data; the second group records
 * key and configuration events that a reviewer of the trail also needs.
 *
 * <p>New constants may be added in later versions; readers of the JSON form must treat an unknown
 * action as a verification error, never ignore it.
 */
public enum AuditAction {
  /** Personal data was shown or returned to the actor. */
  READ,
  /** A search over personal data was run (results may be audited separately as READ). */
  QUERY,
  /** A record holding personal data was created. */
  CREATE,
  /** A record holding personal data was changed. */
  UPDATE,
  /** A record holding personal data was deleted. */
  DELETE,
  /** Personal data left the system as an export (e.g. a data-subject access copy). */
  EXPORT,
  /** A data subject's data was erased or crypto-shredded. */
  ERASE,
  /** Personal data was disclosed to a third party (another controller, an authority). */
  DISCLOSURE,
  /** An attempt was refused by the access policy. */
  ACCESS_DENIED,
  /** A key was rotated to a new version. */
  KEY_ROTATED,
  /** A key was destroyed (crypto-shredding). */
  KEY_DESTROYED,
  /** A tenant was off-boarded. */
  TENANT_OFFBOARDED,
  /** A security-relevant configuration changed (policy, grants, retention). */
  CONFIGURATION_CHANGED
}
