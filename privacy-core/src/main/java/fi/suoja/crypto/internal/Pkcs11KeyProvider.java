package fi.suoja.crypto.internal;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.MasterKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Map;
import java.util.Objects;

/**
 * Master keys held by a PKCS#11 token (an HSM, or SoftHSM2), reached through the JDK's SunPKCS11
 * provider: secret-key objects labelled {@code suoja-master-<version>} in the provider's {@code
 * PKCS11} key store. The provider is configured from a SunPKCS11 configuration file and logged in
 * once, at construction; it is not installed in {@link Security}, so no other code of the host
 * sends its keys to the token by accident.
 *
 * <p>The keys stay in the token: they may be (and should be) non-extractable and sensitive; every
 * wrap and unwrap runs the token's AES/GCM through this provider ({@link MasterKey#provider()}).
 */
public final class Pkcs11KeyProvider implements KeyProvider {
  private final VersionedMasterKeys keys;
  private final String name;

  private Pkcs11KeyProvider(VersionedMasterKeys keys, String name) {
    this.keys = keys;
    this.name = name;
  }

  /** Configures SunPKCS11 from {@code config}, logs in with {@code pin} (not retained). */
  public static Pkcs11KeyProvider load(Path config, char[] pin) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(pin, "pin");
    String file =
        config.getFileName() == null ? config.toString() : config.getFileName().toString();
    if (!Files.isRegularFile(config)) {
      throw new SuojaConfigurationException(
          "SUOJA-1040", "SunPKCS11 configuration file " + file + " does not exist");
    }
    Provider template = Security.getProvider("SunPKCS11");
    if (template == null) {
      throw new SuojaConfigurationException(
          "SUOJA-1040", "this JDK has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
    }
    Provider provider;
    try {
      provider = template.configure(config.toString());
    } catch (RuntimeException e) {
      // InvalidParameterException or ProviderException: bad file, library or slot
      throw new SuojaConfigurationException(
          "SUOJA-1040",
          "cannot configure SunPKCS11 from "
              + file
              + " (check library, slot and that the token is initialised)",
          e);
    }
    KeyStore store;
    try {
      store = KeyStore.getInstance("PKCS11", provider);
      store.load(null, pin);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new SuojaConfigurationException(
          "SUOJA-1041",
          "cannot log in to the PKCS#11 token of " + provider.getName() + " (wrong PIN?)",
          e);
    }
    Map<Integer, MasterKey> keys =
        VersionedMasterKeys.scan(
            store,
            null,
            (version, key) -> MasterKey.of(version, key, provider),
            "SUOJA-1041",
            "the PKCS#11 token of " + provider.getName());
    return new Pkcs11KeyProvider(
        new VersionedMasterKeys(keys, "PKCS#11 token " + provider.getName()), provider.getName());
  }

  /** As {@link #load(Path, char[])} with the PIN held in environment variable {@code variable}. */
  public static Pkcs11KeyProvider loadWithPinFrom(
      Path config, String variable, Map<String, String> env) {
    Objects.requireNonNull(variable, "pinVariable");
    return SecretVariable.with(
        env,
        variable,
        "SUOJA-1042",
        "the token PIN, named by KeyProvider.pkcs11(config, pinVariable)",
        pin -> load(config, pin));
  }

  @Override
  public MasterKey masterKey(int version) {
    return keys.get(version);
  }

  @Override
  public int currentVersion() {
    return keys.current();
  }

  @Override
  public String toString() {
    return "Pkcs11KeyProvider[" + name + ", versions=" + keys.versions() + "]";
  }
}
