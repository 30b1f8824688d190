package fi.suoja.crypto.internal;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.spi.MasterKey;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;

/**
 * The master keys a built-in provider holds, by version, and what the providers say alike: the
 * {@code SUOJA-1004} of a version not held, the current version (the highest held), and the scan of
 * a JCA key store for entries {@code suoja-master-<version>}.
 */
final class VersionedMasterKeys {
  /** Alias of a master key entry: {@link Pkcs12KeyProvider#ALIAS_PREFIX} and the version. */
  private static final Pattern ALIAS = Pattern.compile("suoja-master-([1-9][0-9]{0,8})");

  private final Map<Integer, MasterKey> keys;
  private final String where;

  /**
   * @param keys at least one key, by version (copied)
   * @param where how {@code SUOJA-1004} names the holder, e.g. "key store suoja.p12"
   */
  VersionedMasterKeys(Map<Integer, MasterKey> keys, String where) {
    this.keys = Collections.unmodifiableMap(new TreeMap<>(keys));
    this.where = where;
  }

  /** How a scanned secret key becomes a {@link MasterKey}. */
  interface Adopt {
    MasterKey adopt(int version, SecretKey key);
  }

  /**
   * Every secret-key entry {@code suoja-master-<n>} of {@code store}, others ignored.
   *
   * @param password the entries' password, or null (a PKCS#11 token)
   * @param code the code of every failure
   * @param holder how failures name the store, e.g. "PKCS#12 key store suoja.p12"
   * @throws SuojaConfigurationException if an entry is not a secret key, the entries cannot be read
   *     or there is none
   */
  static Map<Integer, MasterKey> scan(
      KeyStore store, char[] password, Adopt adopt, String code, String holder) {
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
              code, "entry " + alias + " of " + holder + " is not a secret key");
        }
        keys.put(version, adopt.adopt(version, secret));
      }
    } catch (GeneralSecurityException e) {
      // no cause: a key store's exception may quote more than Suoja wants in a log
      throw new SuojaConfigurationException(code, "cannot read the master keys of " + holder);
    }
    if (keys.isEmpty()) {
      throw new SuojaConfigurationException(
          code, holder + " holds no secret key " + Pkcs12KeyProvider.ALIAS_PREFIX + "<n>");
    }
    return keys;
  }

  /**
   * The key with this version.
   *
   * @throws KeyUnavailableException ({@code SUOJA-1004}) if it is not held
   */
  MasterKey get(int version) {
    MasterKey key = keys.get(version);
    if (key == null) {
      throw new KeyUnavailableException(
          "SUOJA-1004", "master key version " + version + " is not in " + where);
    }
    return key;
  }

  /** The highest version held. */
  int current() {
    return Collections.max(keys.keySet());
  }

  /** The versions held, ascending. */
  Set<Integer> versions() {
    return keys.keySet();
  }
}
