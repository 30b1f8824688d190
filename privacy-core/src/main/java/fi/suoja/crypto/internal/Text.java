package fi.suoja.crypto.internal;

import java.util.Base64;

/**
 * The text form of envelopes and blind indexes: unpadded Base64url (RFC 4648 section 5). Decoding
 * is strict: no padding characters, no whitespace, and the unused low bits of the last character
 * must be zero, so each byte string has exactly one text form.
 */
public final class Text {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Text() {}

  /** Unpadded Base64url of {@code bytes}. */
  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /** Characters of the text form of {@code bytes} bytes. */
  public static int encodedLength(int bytes) {
    return (bytes * 4 + 2) / 3;
  }

  /**
   * Decodes a canonical unpadded Base64url string.
   *
   * @throws IllegalArgumentException if it is not one
   */
  public static byte[] decode(String text) {
    int n = text.length();
    // '=' can only end a valid Base64 string; anywhere else the JDK decoder rejects it
    if (n % 4 == 1 || (n > 0 && text.charAt(n - 1) == '=')) {
      throw new IllegalArgumentException("not unpadded Base64url");
    }
    if (n % 4 != 0) {
      int last = value(text.charAt(n - 1));
      int unusedMask = n % 4 == 2 ? 0x0F : 0x03;
      if (last < 0 || (last & unusedMask) != 0) {
        throw new IllegalArgumentException("not canonical Base64url");
      }
    }
    return DECODER.decode(text);
  }

  /** The 6-bit value of a Base64url character, or -1 (arithmetic: no table scan per open). */
  private static int value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '-' ? 62 : c == '_' ? 63 : -1;
  }
}
