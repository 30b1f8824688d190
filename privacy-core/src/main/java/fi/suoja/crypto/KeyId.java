package fi.suoja.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Names one version of one data key. Every envelope carries the key id it was sealed with, so
 * rotation never leaves a row unreadable.
 *
 * <p>{@link Kind#TENANT} keys belong to a tenant (the owner is the tenant id, which the envelope
 * does not repeat: it is bound through the context). {@link Kind#SUBJECT} is reserved for
 * per-data-subject keys (crypto-shredding); its owner is an opaque subject-key reference that the
 * envelope does carry. The envelope format already encodes both kinds; this version of Suoja issues
 * only tenant keys and answers {@link KeyUnavailableException} for subject keys.
 *
 * @param kind whose key it is
 * @param owner tenant id for {@code TENANT}; opaque reference (1..64 UTF-8 bytes, never a personal
 *     identifier) for {@code SUBJECT}
 * @param version 1 or more
 */
public record KeyId(Kind kind, String owner, int version) {

  /** Whose key: a tenant's, or (reserved) one data subject's. */
  public enum Kind {
    /** A tenant's data key; envelope code {@code 0x01}. */
    TENANT(0x01),
    /** A data subject's key for crypto-shredding; envelope code {@code 0x02}. */
    SUBJECT(0x02);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    /** The byte that stands for this kind in an envelope. */
    public int code() {
      return code;
    }
  }

  /**
   * @throws InvalidInputException for a version below 1 or an owner of the wrong length
   */
  public KeyId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(owner, "owner");
    int max = kind == Kind.TENANT ? 128 : 64;
    int length = owner.getBytes(StandardCharsets.UTF_8).length;
    if (length == 0 || length > max) {
      throw new InvalidInputException(
          "SUOJA-1021", "key owner must be 1.." + max + " UTF-8 bytes for " + kind);
    }
    if (version < 1) {
      throw new InvalidInputException("SUOJA-1021", "key version must be 1 or more");
    }
  }

  /** Version {@code version} of {@code tenant}'s data key. */
  public static KeyId tenant(String tenant, int version) {
    return new KeyId(Kind.TENANT, tenant, version);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + ":" + owner + ":v" + version;
  }
}
