package fi.suoja.crypto.internal;

import java.nio.charset.StandardCharsets;

/**
 * Unambiguous concatenation: each component as a 2-byte big-endian length and its bytes. Used for
 * associated data, HKDF info strings and compound blind-index input.
 */
public final class LengthPrefixed {
  /** Longest component, in bytes. */
  public static final int MAX_COMPONENT = 0xFFFF;

  private LengthPrefixed() {}

  /** {@code s} as a 2-byte length and its UTF-8 bytes. */
  public static byte[] utf8(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code b} as a 2-byte length and the bytes. */
  public static byte[] bytes(byte[] b) {
    if (b.length > MAX_COMPONENT) {
      throw new IllegalArgumentException("component longer than 65535 bytes");
    }
    byte[] out = new byte[2 + b.length];
    out[0] = (byte) (b.length >>> 8);
    out[1] = (byte) b.length;
    System.arraycopy(b, 0, out, 2, b.length);
    return out;
  }

  /** Plain concatenation of already-prefixed parts. */
  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
