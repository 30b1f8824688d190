package fi.suoja.crypto.internal;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.MasterKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;

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

  private static final Pattern ALIAS = Pattern.compile("suoja-master-([1-9][0-9]{0,8})");

  private final Map<Integer, MasterKey> keys;
  private final String file;

  private Pkcs12KeyProvider(Map<Integer, MasterKey> keys, String file) {
    this.keys = Collections.unmodifiableMap(keys);
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
    Map<Integer, MasterKey> keys = new TreeMap<>();
    try {
      Enumeration<String> aliases = store.aliases();
      while (aliases.hasMoreElements()) {
        String alias = aliases.nextElement();
        Matcher m = ALIAS.matcher(alias);
        if (!m.matches()) {
          continue;
        }
        int version = Integer.parseInt(m.group(1));
        Key key = store.getKey(alias, password);
        if (!(key instanceof SecretKey secret)) {
          throw new SuojaConfigurationException(
              "SUOJA-1031", "entry " + alias + " of " + file + " is not a secret key");
        }
        keys.put(version, MasterKey.of(version, secret));
      }
    } catch (GeneralSecurityException e) {
      throw new SuojaConfigurationException(
          "SUOJA-1031", "cannot read the master keys of PKCS#12 key store " + file);
    }
    if (keys.isEmpty()) {
      throw new SuojaConfigurationException(
          "SUOJA-1031", "PKCS#12 key store " + file + " holds no entry " + ALIAS_PREFIX + "<n>");
    }
    return new Pkcs12KeyProvider(keys, file);
  }

  /** Reads the store with the password held in environment variable {@code variable}. */
  public static Pkcs12KeyProvider loadWithPasswordFrom(
      Path path, String variable, Map<String, String> env) {
    Objects.requireNonNull(variable, "passwordVariable");
    String value = env.get(variable);
    if (value == null) {
      throw new SuojaConfigurationException(
          "SUOJA-1031",
          "environment variable "
              + variable
              + " (the key store password, named by"
              + " KeyProvider.pkcs12(path, passwordVariable)) is not set");
    }
    char[] password = value.toCharArray();
    try {
      return load(path, password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  @Override
  public MasterKey masterKey(int version) {
    MasterKey key = keys.get(version);
    if (key == null) {
      throw new KeyUnavailableException(
          "SUOJA-1004", "master key version " + version + " is not in key store " + file);
    }
    return key;
  }

  @Override
  public int currentVersion() {
    return Collections.max(keys.keySet());
  }

  @Override
  public String toString() {
    return "Pkcs12KeyProvider[" + file + ", versions=" + keys.keySet() + "]";
  }
}
