package fi.suoja.crypto.internal;

import fi.suoja.crypto.InsecureSecretKeyAccess;
import fi.suoja.crypto.spi.MasterKey;
import fi.suoja.crypto.spi.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Wraps tenant data keys under a master key with AES-256-GCM: {@code nonce(12) || ciphertext(32) ||
 * tag(16)}, 60 bytes. The associated data binds the label {@code suoja/data-key/v1}, the tenant,
 * the data key version and the master key version, so a wrapped key moved to another tenant or
 * version, or relabelled with another master version, does not unwrap.
 *
 * <p>Why GCM rather than AES-KW: the binding above needs associated data, which RFC 3394/5649 do
 * not have. A master key wraps only a handful of keys (one per tenant and rotation), far below the
 * 2^32 random-nonce limit.
 */
public final class DataKeyWrap {
  /** Length of a data key. */
  public static final int DATA_KEY_BYTES = 32;

  /** Length of a wrapped data key. */
  public static final int WRAPPED_BYTES = AesGcm.NONCE_BYTES + DATA_KEY_BYTES + AesGcm.TAG_BYTES;

  private static final byte[] LABEL = "suoja/data-key/v1".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private DataKeyWrap() {}

  /** A fresh random 256-bit data key. */
  public static byte[] newDataKey() {
    byte[] key = new byte[DATA_KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /** Wraps {@code dataKey} (32 bytes) as version {@code version} of {@code tenant}'s key. */
  public static WrappedKey wrap(MasterKey master, String tenant, int version, byte[] dataKey) {
    if (dataKey.length != DATA_KEY_BYTES) {
      throw new IllegalArgumentException("data key must be 256 bits");
    }
    byte[] out = new byte[WRAPPED_BYTES];
    RANDOM.nextBytes(out); // only the first 12 bytes (the nonce) survive
    AesGcm.seal(
        master.provider().orElse(null),
        master.jcaKey(InsecureSecretKeyAccess.get()),
        out,
        0,
        aad(tenant, version, master.version()),
        dataKey,
        0,
        dataKey.length,
        out,
        AesGcm.NONCE_BYTES);
    return new WrappedKey(tenant, version, master.version(), out);
  }

  /**
   * Unwraps; {@code master} must have the version the wrapped key names.
   *
   * @throws OpenFailedException if the record does not authenticate (corrupt, moved, wrong key)
   */
  public static byte[] unwrap(MasterKey master, WrappedKey wrapped) throws OpenFailedException {
    byte[] bytes = wrapped.wrapped();
    if (bytes.length != WRAPPED_BYTES || master.version() != wrapped.masterKeyVersion()) {
      throw new OpenFailedException("malformed wrapped key");
    }
    return AesGcm.open(
        master.provider().orElse(null),
        master.jcaKey(InsecureSecretKeyAccess.get()),
        bytes,
        0,
        aad(wrapped.tenant(), wrapped.version(), wrapped.masterKeyVersion()),
        bytes,
        AesGcm.NONCE_BYTES,
        bytes.length - AesGcm.NONCE_BYTES);
  }

  private static byte[] aad(String tenant, int version, int masterVersion) {
    return LengthPrefixed.concat(
        LengthPrefixed.bytes(LABEL),
        LengthPrefixed.utf8(tenant),
        new byte[] {
          (byte) (version >>> 24),
          (byte) (version >>> 16),
          (byte) (version >>> 8),
          (byte) version,
          (byte) (masterVersion >>> 24),
          (byte) (masterVersion >>> 16),
          (byte) (masterVersion >>> 8),
          (byte) masterVersion
        });
  }
}
