package fi.suoja.crypto.internal;

import fi.suoja.crypto.spi.WrappedKey;
import java.util.List;

/** What every built-in {@code WrappedKeyStore} says alike: key kinds, key names, retire rules. */
public final class StoredKeys {
  /** Kind of tenant data keys. */
  public static final String TENANT = "tenant";

  /** Kind of per-subject and subject reference keys (owners starting with {@code ~subject}). */
  public static final String SUBJECT = "subject";

  private StoredKeys() {}

  /** The kind of {@code owner}'s key. */
  public static String kind(String owner) {
    return owner.startsWith("~subject") ? SUBJECT : TENANT;
  }

  /** The name {@code destroy} reports for a destroyed version: {@code kind:owner:vN}. */
  public static String name(String owner, int version) {
    return kind(owner) + ":" + owner + ":v" + version;
  }

  /**
   * Refuses to retire the newest of {@code active}, which seals new values.
   *
   * @throws IllegalArgumentException if {@code version} is the newest active version
   */
  public static void requireNotNewest(List<WrappedKey> active, String tenant, int version) {
    int newest = active.stream().mapToInt(WrappedKey::version).max().orElse(0);
    if (version == newest) {
      throw new IllegalArgumentException(
          "version " + version + " is the newest key of tenant " + tenant + "; rotate first");
    }
  }
}
