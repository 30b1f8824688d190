package fi.suoja.crypto.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tenant data key as it is stored: encrypted (wrapped) under a master key. Safe to store and
 * replicate; useless without the master key. Names the master key version that wrapped it, so a
 * master-key rotation can re-wrap it and every node knows which master key opens it.
 */
public final class WrappedKey {
  private final String tenant;
  private final int version;
  private final int masterKeyVersion;
  private final byte[] wrapped;

  /**
   * @param tenant the tenant id
   * @param version the data key version, 1 or more
   * @param masterKeyVersion the master key version that wrapped it
   * @param wrapped the wrapped key bytes (copied)
   */
  public WrappedKey(String tenant, int version, int masterKeyVersion, byte[] wrapped) {
    this.tenant = Objects.requireNonNull(tenant, "tenant");
    if (version < 1 || masterKeyVersion < 1) {
      throw new IllegalArgumentException("key versions must be 1 or more");
    }
    this.version = version;
    this.masterKeyVersion = masterKeyVersion;
    this.wrapped = Objects.requireNonNull(wrapped, "wrapped").clone();
  }

  public String tenant() {
    return tenant;
  }

  public int version() {
    return version;
  }

  public int masterKeyVersion() {
    return masterKeyVersion;
  }

  /** A copy of the wrapped bytes. */
  public byte[] wrapped() {
    return wrapped.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WrappedKey w
        && tenant.equals(w.tenant)
        && version == w.version
        && masterKeyVersion == w.masterKeyVersion
        && Arrays.equals(wrapped, w.wrapped);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tenant, version, masterKeyVersion, Arrays.hashCode(wrapped));
  }

  @Override
  public String toString() {
    return "WrappedKey[tenant="
        + tenant
        + ", version="
        + version
        + ", master="
        + masterKeyVersion
        + "]";
  }
}
