package fi.suoja.crypto;

import java.util.Optional;

/**
 * Per-data-subject data keys for crypto-shredding (docs/SUBJECT_RIGHTS.md). A subject key is a
 * random 256-bit key, created on the first {@link FieldCipher#sealForSubject seal} for that
 * subject, stored only wrapped under the master key in the same {@code WrappedKeyStore} as the
 * tenant keys (owner {@code ~subject/<reference>}). Envelopes sealed under it carry the opaque
 * reference, never the subject id: the reference is a keyed hash (HMAC-SHA256, 128 bits) of the
 * tenant and subject id under a per-tenant reference key stored the same way.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>After {@link #destroy}, every envelope sealed under that subject's key — in the database, a
 *       replica, an export of the raw column or a backup — fails to open with {@link
 *       KeyUnavailableException} ({@code SUOJA-6001}) on every node once its cache TTL has passed
 *       (at once on the node that destroyed it). No data is ever returned.
 * </ul>
 *
 * <p>Warning: crypto-shredding is only as final as the deletion of the wrapped key. A backup of the
 * key store taken before {@link #destroy} (for example a database dump that contains both the data
 * and the {@code JdbcWrappedKeyStore} table) still holds the wrapped key, which opens with the
 * master key. Keep key-store backups apart from data backups, or let them expire. Plaintext that
 * already left the library (an export, a log line, a screen) cannot be recalled.
 */
public interface SubjectKeys {

  /** Owner-name prefix of subject keys in the {@code WrappedKeyStore}. */
  String OWNER_PREFIX = "~subject/";

  /** Owner-name prefix of the per-tenant reference keys in the {@code WrappedKeyStore}. */
  String REFERENCE_OWNER_PREFIX = "~subject-ref/";

  /**
   * The subject's key id, creating (and durably storing) the key if the subject has none.
   *
   * @throws KeyUnavailableException if the key cannot be created or read
   */
  KeyId create(String tenant, String subjectId);

  /** The subject's key id if the subject has a stored key. */
  Optional<KeyId> find(String tenant, String subjectId);

  /**
   * Deletes every stored version of the subject's key and drops it from this node's cache.
   * Idempotent.
   *
   * @return how many stored versions were deleted (0 if there were none)
   * @throws KeyUnavailableException if the store cannot delete
   */
  int destroy(String tenant, String subjectId);
}
