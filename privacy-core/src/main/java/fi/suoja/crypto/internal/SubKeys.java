package fi.suoja.crypto.internal;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;

/**
 * Per-field sub-keys: HKDF-SHA256 over the tenant data key, with an empty salt (the data key is
 * already uniformly random) and info = length-prefixed purpose label, tenant, entity and field (or
 * compound index name). Different purposes, tenants, entities or fields never share a key: the
 * encryption key of a field and its blind-index key are unrelated. Also the per-tenant keys of log
 * pseudonyms, derived from the host's pseudonym key rather than a data key.
 */
public final class SubKeys {
  /** Purpose label of the field encryption key. */
  public static final String SEAL = "suoja/v1/field-seal";

  /** Purpose label of a single-field blind-index key. */
  public static final String BLIND_INDEX = "suoja/v1/blind-index";

  /** Purpose label of a compound blind-index key (last component: the index name). */
  public static final String COMPOUND_INDEX = "suoja/v1/compound-index";

  /**
   * Purpose label of a prefix-index key, followed by the prefix length ({@code
   * .../prefix-index/3}): unrelated to the field's equality-index key, and to a prefix index of
   * another length.
   */
  public static final String PREFIX_INDEX = "suoja/v1/prefix-index/";

  private SubKeys() {}

  /** A 32-byte sub-key of {@code dataKey} for {@code purpose} and the given names. */
  public static byte[] derive(
      byte[] dataKey, String purpose, String tenant, String entity, String name) {
    byte[] info =
        LengthPrefixed.concat(
            LengthPrefixed.bytes(purpose.getBytes(StandardCharsets.US_ASCII)),
            LengthPrefixed.utf8(tenant),
            LengthPrefixed.utf8(entity),
            LengthPrefixed.utf8(name));
    return Hkdf.derive(dataKey, new byte[0], info, 32);
  }

  /**
   * The log-pseudonym key of {@code tenant}: HMAC-SHA256 under the host's pseudonym key of the
   * label {@code suoja/log-pseudonyms/v1/} followed by the tenant id (UTF-8). Tenants never share a
   * key, so a pseudonym in one tenant's logs cannot be matched with another tenant's. (Kept
   * byte-for-byte as first released, so existing pseudonyms stay stable.)
   *
   * @throws IllegalArgumentException when the key cannot key HMAC-SHA256
   */
  public static SecretKey logPseudonymKey(SecretKey pseudonymKey, String tenant) {
    byte[] label = ("suoja/log-pseudonyms/v1/" + tenant).getBytes(StandardCharsets.UTF_8);
    return HmacSha256.key(HmacSha256.compute(pseudonymKey, label));
  }
}
