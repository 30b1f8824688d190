package fi.suoja.crypto;

/**
 * Seals (encrypts and authenticates) and opens field values with AES-256-GCM under per-field keys
 * derived from the tenant's current data key, in Suoja's versioned envelope format
 * (docs/ENVELOPE.md). Thread-safe.
 *
 * <h2>Security guarantees</h2>
 *
 * <ul>
 *   <li>Confidentiality and integrity of the value; a ciphertext reveals the length of the value
 *       (or only its bucket when the field pads).
 *   <li>Context binding: a sealed value opens only with the same tenant, entity, field and row id
 *       (or the same absence of a row id), and, when it was sealed with {@linkplain
 *       CipherContext#withPolicy policy inputs}, the same owner and data subject. Anywhere else,
 *       and after any modification, {@link #open} throws {@link DecryptionException}; it never
 *       returns other data.
 *   <li>Randomised: sealing the same value twice gives different envelopes, so equal values are not
 *       visible in the database (use a {@link BlindIndexer} to search for equality).
 *   <li>Rotation: new values use the tenant's current key version; every older version still opens.
 * </ul>
 *
 * <p>Warning: without a row id, a value can be copied between rows of the same tenant, entity and
 * field without detection. Bind the row whenever the id is known before the insert. A value sealed
 * without policy inputs opens whatever inputs the context carries (so data sealed before they were
 * bound keeps opening): where an unbound value must not be accepted, check {@link #bindsPolicy}
 * first, and re-seal old data ({@link #reseal} with the inputs) to bind it.
 */
public interface FieldCipher {

  /**
   * Seals {@code plaintext} into the text form (unpadded Base64url) for a String column.
   *
   * @throws InvalidInputException if the string is not well-formed UTF-16 (lone surrogates)
   * @throws KeyUnavailableException if the tenant has no data key or the master key is missing
   */
  String seal(CipherContext context, String plaintext);

  /**
   * Seals {@code plaintext} under the data subject's own key instead of the tenant key, creating
   * that key on first use ({@link SubjectKeys}). The envelope opens with {@link #open} like any
   * other, until the subject key is {@linkplain SubjectKeys#destroy destroyed}; from then on every
   * copy fails with {@link KeyUnavailableException} ({@code SUOJA-6001}).
   *
   * @param subjectId the data subject's internal id (never written into the envelope)
   * @throws KeyUnavailableException if the subject key cannot be created or read
   */
  String sealForSubject(CipherContext context, String subjectId, String plaintext);

  /**
   * Opens the text form.
   *
   * @throws DecryptionException if it is not a valid envelope for this context
   * @throws KeyUnavailableException if the key version it names is not available
   */
  String open(CipherContext context, String sealed);

  /** Seals bytes into the binary envelope, for a binary column. */
  byte[] sealBytes(CipherContext context, byte[] plaintext);

  /** Opens a binary envelope. Same failures as {@link #open}. */
  byte[] openBytes(CipherContext context, byte[] envelope);

  /**
   * The key an envelope (text form) names, read from its header without opening it: lets a
   * re-encryption job find rows still under an old key version.
   *
   * @throws DecryptionException if the header is malformed
   */
  KeyId keyOf(CipherContext context, String sealed);

  /**
   * Whether an envelope (text form) binds policy inputs, read from its header without opening it.
   *
   * @throws DecryptionException if the header is malformed
   */
  boolean bindsPolicy(CipherContext context, String sealed);

  /**
   * Opens {@code sealed} and seals the value again under the current key version, binding the
   * context's policy inputs if it has any (so a re-seal upgrades an unbound envelope).
   */
  String reseal(CipherContext context, String sealed);
}
