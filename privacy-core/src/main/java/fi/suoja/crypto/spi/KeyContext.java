package fi.suoja.crypto.spi;

import fi.suoja.crypto.internal.DataKeyWrap;
import java.util.Objects;

/**
 * What a wrapped data key belongs to, bound to it as associated data by every {@link
 * KeyEncryption}: the owner (a tenant, or a subject-key owner {@code ~subject...}), the data key
 * version and the master key version. A wrapped key moved to another owner or version, or
 * relabelled with another master version, does not unwrap.
 *
 * @param owner the tenant id or subject-key owner
 * @param version the data key version, 1 or more
 * @param masterKeyVersion the master key version that wraps it, 1 or more
 */
public record KeyContext(String owner, int version, int masterKeyVersion) {

  /** Validates. */
  public KeyContext {
    Objects.requireNonNull(owner, "owner");
    if (version < 1 || masterKeyVersion < 1) {
      throw new IllegalArgumentException("key versions must be 1 or more");
    }
  }

  /** The context of a stored wrapped key. */
  public static KeyContext of(WrappedKey wrapped) {
    return new KeyContext(wrapped.tenant(), wrapped.version(), wrapped.masterKeyVersion());
  }

  /**
   * The associated data every implementation binds: the label {@code suoja/data-key/v1}, the owner
   * (each length-prefixed), the data key version and the master key version (4 bytes big-endian
   * each); docs/ENVELOPE.md, <em>Wrapped data keys</em>. A fresh array each call.
   */
  public byte[] associatedData() {
    return DataKeyWrap.associatedData(owner, version, masterKeyVersion);
  }
}
