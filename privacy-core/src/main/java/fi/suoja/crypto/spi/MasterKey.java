package fi.suoja.crypto.spi;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.InsecureSecretKeyAccess;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One version of a master key (key-encryption key). It only ever wraps and unwraps tenant data
 * keys; data is never encrypted under it directly, so rotating it re-wraps the data keys and
 * touches no data.
 *
 * <p>Holds a JCA {@link SecretKey}, which may be non-extractable (an HSM key): Suoja never needs
 * its bytes. {@link #toString()} shows the version only.
 */
public final class MasterKey {
  private final int version;
  private final SecretKey key;

  private MasterKey(int version, SecretKey key) {
    this.version = version;
    this.key = key;
  }

  /**
   * Wraps a JCA AES key.
   *
   * @param version 1 or more; recorded with every data key it wraps
   * @param key an AES key; if its encoding is available it must be 256 bits
   * @throws SuojaConfigurationException for a version below 1, a non-AES key or a wrong length
   */
  public static MasterKey of(int version, SecretKey key) {
    Objects.requireNonNull(key, "key");
    if (version < 1) {
      throw new SuojaConfigurationException("SUOJA-1030", "master key version must be 1 or more");
    }
    if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
      throw new SuojaConfigurationException(
          "SUOJA-1030", "master key version " + version + " is not an AES key");
    }
    byte[] encoded = key.getEncoded();
    if (encoded != null) {
      int bits = encoded.length * 8;
      Arrays.fill(encoded, (byte) 0);
      if (bits != 256) {
        throw new SuojaConfigurationException(
            "SUOJA-1030", "master key version " + version + " must be 256 bits, is " + bits);
      }
    }
    return new MasterKey(version, key);
  }

  /**
   * A master key from raw bytes (the bytes are copied).
   *
   * @throws SuojaConfigurationException unless {@code raw} is 32 bytes
   */
  public static MasterKey of(int version, byte[] raw) {
    Objects.requireNonNull(raw, "raw");
    if (raw.length != 32) {
      throw new SuojaConfigurationException(
          "SUOJA-1030", "master key version " + version + " must be 256 bits");
    }
    return of(version, new SecretKeySpec(raw, "AES"));
  }

  /** The version recorded in every data key this key wraps. */
  public int version() {
    return version;
  }

  /** The JCA key, for the wrapping code only. */
  public SecretKey jcaKey(InsecureSecretKeyAccess access) {
    Objects.requireNonNull(access, "access");
    return key;
  }

  @Override
  public String toString() {
    return "MasterKey[version=" + version + "]";
  }
}
