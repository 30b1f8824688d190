package fi.suoja.crypto.internal;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.MasterKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Master keys held in memory: from a map (tests) or from environment variables (containers). */
public final class InMemoryKeyProvider implements KeyProvider {
  private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");

  private final VersionedMasterKeys keys;
  private final String source;

  private InMemoryKeyProvider(Map<Integer, MasterKey> keys, String source) {
    this.keys = new VersionedMasterKeys(keys, source);
    this.source = source;
  }

  /** Copies {@code raw}: version -> 32 key bytes. */
  public static InMemoryKeyProvider of(Map<Integer, byte[]> raw) {
    Objects.requireNonNull(raw, "keys");
    if (raw.isEmpty()) {
      throw new SuojaConfigurationException("SUOJA-1032", "KeyProvider.inMemory(keys) needs a key");
    }
    Map<Integer, MasterKey> keys = new TreeMap<>();
    raw.forEach((version, bytes) -> keys.put(version, MasterKey.of(version, bytes.clone())));
    return new InMemoryKeyProvider(keys, "in-memory");
  }

  /**
   * Reads variables {@code <prefix><version>} from {@code env}. Messages name the variable, never
   * its value.
   */
  public static InMemoryKeyProvider fromEnvironment(Map<String, String> env, String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isEmpty()) {
      throw new SuojaConfigurationException(
          "SUOJA-1032", "KeyProvider.environment(prefix): the prefix is empty");
    }
    Map<Integer, MasterKey> keys = new TreeMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(prefix) || !VERSION.matcher(name.substring(prefix.length())).matches()) {
        continue;
      }
      int version = Integer.parseInt(name.substring(prefix.length()));
      byte[] raw;
      try {
        String value = e.getValue().trim();
        raw =
            value.indexOf('-') >= 0 || value.indexOf('_') >= 0
                ? Base64.getUrlDecoder().decode(value)
                : Base64.getDecoder().decode(value);
      } catch (IllegalArgumentException notBase64) {
        throw new SuojaConfigurationException(
            "SUOJA-1032", "environment variable " + name + " is not Base64");
      }
      if (raw.length != 32) {
        Arrays.fill(raw, (byte) 0);
        throw new SuojaConfigurationException(
            "SUOJA-1032", "environment variable " + name + " must hold 32 bytes (256 bits)");
      }
      keys.put(version, MasterKey.of(version, raw));
      Arrays.fill(raw, (byte) 0);
    }
    if (keys.isEmpty()) {
      throw new SuojaConfigurationException(
          "SUOJA-1032",
          "no environment variable "
              + prefix
              + "<version> holds a master key (prefix set by"
              + " KeyProvider.environment(prefix))");
    }
    return new InMemoryKeyProvider(keys, "environment " + prefix + "*");
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
    return "InMemoryKeyProvider[" + source + ", versions=" + keys.versions() + "]";
  }
}
