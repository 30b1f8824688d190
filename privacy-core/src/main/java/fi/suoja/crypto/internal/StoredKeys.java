package fi.suoja.crypto.internal;

import fi.suoja.crypto.spi.WrappedKey;
import java.util.List;

/** What every built-in {@code WrappedKeyStore} says alike: key kinds, key names, retire rules. */
public final class StoredKeys {
  /** Kind of tenant data keys. */
  public static final String TENANT = "tenant";

  /** Kind of per-subject and subject reference keys (owners starting with {@code ~subject}). */
  public static final String SUBJECT = "subject";

  /**
   * Owner of the rows that record retired master key versions (no tenant id starts with {@code ~});
   * kind {@link #MASTER}.
   */
  public static final String MASTER_OWNER = "~master";

  /** Kind of the rows that record a retired master key version. */
  public static final String MASTER = "master";

  private StoredKeys() {}

  /**
   * Checks a master key version given to {@code retireMasterKey}.
   *
   * @throws IllegalArgumentException if it is below 1
   */
  public static void checkMasterVersion(int version) {
    if (version < 1) {
      throw new IllegalArgumentException("master key versions are 1 or more, was " + version);
    }
  }

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
