package fi.suoja.crypto.spi;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.InsecureSecretKeyAccess;
import java.security.Provider;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One version of a master key (key-encryption key). It only ever wraps and unwraps tenant data
 * keys; data is never encrypted under it directly, so rotating it re-wraps the data keys and
 * touches no data.
 *
 * <p>Holds a JCA {@link SecretKey}, which may be non-extractable (an HSM key): Suoja never needs
 * its bytes. A key held by a provider that is not installed in {@link java.security.Security} (e.g.
 * a SunPKCS11 instance configured for one token) is given with that provider: {@link #of(int,
 * SecretKey, Provider)}. {@link #toString()} shows the version only.
 */
public final class MasterKey {
  private final int version;
  private final SecretKey key;
  private final Provider provider;

  private MasterKey(int version, SecretKey key, Provider provider) {
    this.version = version;
    this.key = key;
    this.provider = provider;
  }

  /**
   * Wraps a JCA AES key.
   *
   * @param version 1 or more; recorded with every data key it wraps
   * @param key an AES key; if its encoding is available it must be 256 bits
   * @throws SuojaConfigurationException for a version below 1, a non-AES key or a wrong length
   */
  public static MasterKey of(int version, SecretKey key) {
    return create(version, key, null);
  }

  /**
   * Wraps a JCA AES key held by {@code provider} (e.g. a non-extractable key of a PKCS#11 token,
   * with the SunPKCS11 instance logged in to it): Suoja wraps and unwraps with that provider's
   * AES/GCM and never asks for the key's bytes.
   *
   * @throws SuojaConfigurationException as {@link #of(int, SecretKey)}
   */
  public static MasterKey of(int version, SecretKey key, Provider provider) {
    return create(version, key, Objects.requireNonNull(provider, "provider"));
  }

  private static MasterKey create(int version, SecretKey key, Provider provider) {
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
    return new MasterKey(version, key, provider);
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

  /**
   * The provider that holds the key, if it was given ({@link #of(int, SecretKey, Provider)});
   * empty: the JDK chooses among the installed providers.
   */
  public Optional<Provider> provider() {
    return Optional.ofNullable(provider);
  }

  @Override
  public String toString() {
    return "MasterKey[version=" + version + "]";
  }
}
