package fi.suoja.crypto;

import fi.suoja.crypto.internal.Text;
import java.util.Arrays;
import java.util.Objects;

/**
 * A blind index value: HMAC-SHA256 of a normalised value under a per-tenant, per-field key,
 * truncated to the configured bits (unused low bits of the last byte are zero). Store {@link
 * #toText()} in the index column and compare for equality.
 *
 * <p>Equal values give equal indexes under the same key version; unequal values collide with
 * probability 2^-bits. {@link #toString()} does not show the value (an index links rows).
 */
public final class BlindIndex {
  private final KeyId keyId;
  private final int bits;
  private final byte[] bytes;

  BlindIndex(KeyId keyId, int bits, byte[] bytes) {
    this.keyId = keyId;
    this.bits = bits;
    this.bytes = bytes;
  }

  /** The data key version it was computed under. */
  public KeyId keyId() {
    return keyId;
  }

  /** The number of bits. */
  public int bits() {
    return bits;
  }

  /** A copy of the index bytes: ceil(bits / 8) bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Unpadded Base64url of {@link #bytes()}: 6 characters for 32 bits, 11 for 64. */
  public String toText() {
    return Text.encode(bytes);
  }

  /**
   * Lower-case hexadecimal of {@link #bytes()}: 8 characters for 32 bits. The form to store in a
   * database column: it compares exactly even under a case-insensitive collation (the MariaDB and
   * MySQL default), where the Base64url form would match other indexes that differ only in case.
   */
  public String toHex() {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }

  /** Equal if bits and bytes are equal (the key version is not compared: it is not stored). */
  @Override
  public boolean equals(Object o) {
    return o instanceof BlindIndex b && bits == b.bits && Arrays.equals(bytes, b.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bits, Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    return "BlindIndex[bits=" + bits + ", key=" + keyId + "]";
  }
}
