package fi.suoja.crypto.internal;

import fi.suoja.crypto.InsecureSecretKeyAccess;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.spi.KeyContext;
import fi.suoja.crypto.spi.KeyEncryption;
import fi.suoja.crypto.spi.MasterKey;
import fi.suoja.crypto.spi.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Wraps tenant data keys through a {@link KeyEncryption}; in the JVM ({@link LocalKeyEncryption})
 * with AES-256-GCM: {@code nonce(12) || ciphertext(32) || tag(16)}, 60 bytes. The associated data
 * binds the label {@code suoja/data-key/v1}, the tenant, the data key version and the master key
 * version, so a wrapped key moved to another tenant or version, or relabelled with another master
 * version, does not unwrap.
 *
 * <p>Why GCM rather than AES-KW: the binding above needs associated data, which RFC 3394/5649 do
 * not have. A master key wraps only a handful of keys (one per tenant and rotation), far below the
 * 2^32 random-nonce limit.
 */
public final class DataKeyWrap {
  /** Length of a data key. */
  public static final int DATA_KEY_BYTES = 32;

  /** Length of a data key wrapped in the JVM. */
  public static final int WRAPPED_BYTES = AesGcm.NONCE_BYTES + DATA_KEY_BYTES + AesGcm.TAG_BYTES;

  /** Longest wrapped key any key encryption may answer (the database column is this wide). */
  public static final int MAX_WRAPPED_BYTES = 256;

  private static final byte[] LABEL = "suoja/data-key/v1".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private DataKeyWrap() {}

  /** A fresh random 256-bit data key. */
  public static byte[] newDataKey() {
    byte[] key = new byte[DATA_KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /**
   * Wraps {@code dataKey} (32 bytes) as version {@code version} of {@code owner}'s key under {@code
   * encryption}.
   *
   * @throws KeyUnavailableException if the key encryption refuses or cannot be reached
   */
  public static WrappedKey wrap(
      KeyEncryption encryption, String owner, int version, byte[] dataKey) {
    if (dataKey.length != DATA_KEY_BYTES) {
      throw new IllegalArgumentException("data key must be 256 bits");
    }
    KeyContext context = new KeyContext(owner, version, encryption.version());
    byte[] wrapped;
    try {
      wrapped = encryption.wrap(dataKey, context);
    } catch (GeneralSecurityException e) {
      throw new KeyUnavailableException(
          "SUOJA-1051",
          "master key version "
              + encryption.version()
              + " refused to wrap key "
              + owner
              + " v"
              + version
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
    if (wrapped == null || wrapped.length == 0 || wrapped.length > MAX_WRAPPED_BYTES) {
      throw new KeyUnavailableException(
          "SUOJA-1051",
          "master key version "
              + encryption.version()
              + " answered a wrapped key of "
              + (wrapped == null ? 0 : wrapped.length)
              + " bytes (1.."
              + MAX_WRAPPED_BYTES
              + ")");
    }
    return new WrappedKey(owner, version, encryption.version(), wrapped);
  }

  /**
   * Unwraps; {@code encryption} must have the version the wrapped key names. The caller wipes the
   * result.
   *
   * @throws OpenFailedException if the record does not authenticate (corrupt, moved, wrong key) or
   *     the key encryption refuses it
   * @throws KeyUnavailableException if the key encryption cannot be reached
   */
  public static byte[] unwrap(KeyEncryption encryption, WrappedKey wrapped)
      throws OpenFailedException {
    if (encryption.version() != wrapped.masterKeyVersion()) {
      throw new OpenFailedException("malformed wrapped key");
    }
    byte[] raw;
    try {
      raw = encryption.unwrap(wrapped.wrapped(), KeyContext.of(wrapped));
    } catch (GeneralSecurityException e) {
      throw new OpenFailedException("wrapped key does not authenticate");
    }
    if (raw == null || raw.length != DATA_KEY_BYTES) {
      if (raw != null) {
        Arrays.fill(raw, (byte) 0);
      }
      throw new OpenFailedException("unwrapped key is not 256 bits");
    }
    return raw;
  }

  /** AES-256-GCM under a JCA master key: {@code nonce || ciphertext || tag} of {@code dataKey}. */
  static byte[] seal(MasterKey master, byte[] aad, byte[] dataKey) {
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
        aad,
        dataKey,
        0,
        dataKey.length,
        out,
        AesGcm.NONCE_BYTES);
    return out;
  }

  /** Opens what {@link #seal} returned. */
  static byte[] open(MasterKey master, byte[] aad, byte[] bytes) throws OpenFailedException {
    if (bytes.length != WRAPPED_BYTES) {
      throw new OpenFailedException("malformed wrapped key");
    }
    return AesGcm.open(
        master.provider().orElse(null),
        master.jcaKey(InsecureSecretKeyAccess.get()),
        bytes,
        0,
        aad,
        bytes,
        AesGcm.NONCE_BYTES,
        bytes.length - AesGcm.NONCE_BYTES);
  }

  /** The associated data of a wrapped key: {@link KeyContext#associatedData()}. */
  public static byte[] associatedData(String tenant, int version, int masterVersion) {
    return aad(tenant, version, masterVersion);
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
