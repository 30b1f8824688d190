package fi.suoja.crypto.spi;

import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.internal.InMemoryKeyProvider;
import fi.suoja.crypto.internal.Pkcs11KeyProvider;
import fi.suoja.crypto.internal.Pkcs12KeyProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * Source of master keys (key-encryption keys). One required method: look a version up.
 *
 * <p>Suoja only ever asks a provider to wrap and unwrap data keys ({@link #keyEncryption(int)}); by
 * default with the {@link MasterKey} in the JVM or in the PKCS#11 token that holds it, or in a key
 * management service ({@link #kms()}).
 *
 * <p>Built in: {@link #pkcs12} (a local PKCS#12 key store, the embedded default), {@link #pkcs11}
 * (non-extractable keys in an HSM through the JDK's SunPKCS11; proved with SoftHSM2 by {@code
 * Pkcs11MasterKeyTest}), {@link #kms()} (keys that never leave a key management service, through
 * Tink; tested against a loopback Vault Transit double by {@code KmsMasterKeyTest}), {@link
 * #environment} (keys in environment variables, for containers) and {@link #inMemory} (tests).
 * Another provider returns {@link MasterKey#of(int, javax.crypto.SecretKey,
 * java.security.Provider)} for a key that only its provider can use.
 *
 * <p>Warning: a provider must never invent a key it does not hold. Answer {@link
 * KeyUnavailableException}; Suoja then fails closed.
 */
public interface KeyProvider {

  /**
   * The master key with this version.
   *
   * @throws KeyUnavailableException if this provider does not hold it (or cannot reach it now)
   */
  MasterKey masterKey(int version);

  /**
   * The version that wraps new data keys and that {@code Keyring.rotateMasterKey()} re-wraps to.
   * Default 1; the built-in providers answer the highest version they hold. {@code
   * SuojaCrypto.Builder.masterKeyVersion} overrides it.
   */
  default int currentVersion() {
    return 1;
  }

  /**
   * The wrapping and unwrapping of data keys under master key {@code version}; all Suoja ever asks
   * of a provider. Default: {@link KeyEncryption#local} with {@link #masterKey(int)}, in the JVM or
   * in the PKCS#11 token that holds the key. A provider whose keys never leave a key management
   * service ({@link KmsKeyProvider}) overrides it.
   *
   * @throws KeyUnavailableException if this provider does not hold that version
   */
  default KeyEncryption keyEncryption(int version) {
    return KeyEncryption.local(masterKey(version));
  }

  /**
   * Master keys held by a key management service, one {@link KeyEncryption} per version (e.g.
   * {@code fi.suoja.crypto.tink.TinkKeyEncryption} over Tink's AWS KMS, Google Cloud KMS or Vault
   * integration); each call retried with backoff within a deadline, then failing closed ({@code
   * SUOJA-1050}). See {@link KmsKeyProvider.Builder} for the defaults.
   */
  static KmsKeyProvider.Builder kms() {
    return KmsKeyProvider.builder();
  }

  /**
   * Master keys from a PKCS#12 key store: AES-256 secret-key entries named {@code
   * suoja-master-<version>}, each protected by the store password.
   *
   * @throws fi.suoja.SuojaConfigurationException if the store cannot be read or holds no master key
   */
  static KeyProvider pkcs12(Path path, char[] password) {
    return Pkcs12KeyProvider.load(path, password);
  }

  /**
   * Like {@link #pkcs12(Path, char[])}, with the password read from the environment variable {@code
   * passwordVariable} (so it is in neither the configuration nor the command line).
   */
  static KeyProvider pkcs12(Path path, String passwordVariable) {
    return Pkcs12KeyProvider.loadWithPasswordFrom(path, passwordVariable, System.getenv());
  }

  /**
   * Master keys in a PKCS#11 token: AES-256 secret-key objects labelled {@code
   * suoja-master-<version>}, reached through a SunPKCS11 provider configured from {@code
   * sunPkcs11Config} (library, slot; see docs/OPERATIONS.md) and logged in with the PIN held in
   * environment variable {@code pinVariable}. The keys are used in the token and never exported.
   *
   * @throws fi.suoja.SuojaConfigurationException if the provider cannot be configured, the login
   *     fails, the variable is unset or the token holds no master key
   */
  static KeyProvider pkcs11(Path sunPkcs11Config, String pinVariable) {
    return Pkcs11KeyProvider.loadWithPinFrom(sunPkcs11Config, pinVariable, System.getenv());
  }

  /**
   * Master keys from environment variables {@code <prefix><version>}, each the unpadded or padded
   * Base64 (standard or URL alphabet) of 32 random bytes, e.g. {@code SUOJA_MASTER_KEY_1}.
   *
   * @throws fi.suoja.SuojaConfigurationException if no variable matches or one is malformed (the
   *     message names the variable, never its value)
   */
  static KeyProvider environment(String prefix) {
    return InMemoryKeyProvider.fromEnvironment(System.getenv(), prefix);
  }

  /** Master keys held in memory (copied), for tests: version -> 32 key bytes. */
  static KeyProvider inMemory(Map<Integer, byte[]> keys) {
    return InMemoryKeyProvider.of(keys);
  }
}
