package fi.suoja.crypto.internal;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.MasterKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Objects;

/**
 * Master keys from a local PKCS#12 key store: secret-key entries {@code suoja-master-<version>}.
 * The store is read once, at construction. Create an entry with {@code keytool -genseckey -keyalg
 * AES -keysize 256 -storetype PKCS12 -alias suoja-master-1 -keystore suoja.p12}.
 *
 * <p>The store password protects the file with the JDK's PBKDF2-based PKCS#12 encryption, which is
 * not memory-hard: keep the file readable only by the service account.
 */
public final class Pkcs12KeyProvider implements KeyProvider {
  /** Alias of a master key entry: this prefix and the version. */
  public static final String ALIAS_PREFIX = "suoja-master-";

  private final VersionedMasterKeys keys;
  private final String file;

  private Pkcs12KeyProvider(VersionedMasterKeys keys, String file) {
    this.keys = keys;
    this.file = file;
  }

  /** Reads the store; the password array is not retained. */
  public static Pkcs12KeyProvider load(Path path, char[] password) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(password, "password");
    String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
    KeyStore store;
    try (InputStream in = Files.newInputStream(path)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new SuojaConfigurationException(
          "SUOJA-1031",
          "cannot read PKCS#12 key store " + file + " (missing, corrupt or wrong password)");
    }
    Map<Integer, MasterKey> keys =
        VersionedMasterKeys.scan(
            store, password, MasterKey::of, "SUOJA-1031", "PKCS#12 key store " + file);
    return new Pkcs12KeyProvider(new VersionedMasterKeys(keys, "key store " + file), file);
  }

  /** Reads the store with the password held in environment variable {@code variable}. */
  public static Pkcs12KeyProvider loadWithPasswordFrom(
      Path path, String variable, Map<String, String> env) {
    Objects.requireNonNull(variable, "passwordVariable");
    return SecretVariable.with(
        env,
        variable,
        "SUOJA-1031",
        "the key store password, named by KeyProvider.pkcs12(path, passwordVariable)",
        password -> load(path, password));
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
    return "Pkcs12KeyProvider[" + file + ", versions=" + keys.versions() + "]";
  }
}
