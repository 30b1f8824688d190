package fi.suoja.crypto.spi;

import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.internal.InMemoryKeyProvider;
import fi.suoja.crypto.internal.Pkcs12KeyProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * Source of master keys (key-encryption keys). One required method: look a version up.
 *
 * <p>Built in: {@link #pkcs12} (a local PKCS#12 key store, the embedded default), {@link
 * #environment} (keys in environment variables, for containers) and {@link #inMemory} (tests). A
 * PKCS#11 HSM provider can implement the same interface with non-extractable keys.
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
