package fi.suoja.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The only place in Suoja that obtains a {@link Mac} (an architecture test enforces it):
 * HMAC-SHA256 from the JDK provider, with truncation to a number of bits.
 */
public final class HmacSha256 {
  /** Full output length in bytes. */
  public static final int OUTPUT_BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";

  private HmacSha256() {}

  /** An HMAC key; any non-empty length is accepted (RFC 2104). */
  public static SecretKey key(byte[] raw) {
    if (raw.length == 0) {
      throw new IllegalArgumentException("HMAC key must not be empty");
    }
    return new SecretKeySpec(raw, ALGORITHM);
  }

  /**
   * A new {@link Mac} initialised with {@code key}. After each {@code doFinal} it is ready for the
   * next message under the same key, so callers cache one per thread and key.
   */
  public static Mac newMac(SecretKey key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("unusable HMAC key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no " + ALGORITHM, e);
    }
  }

  /** One-shot HMAC-SHA256 (for tests and rare paths). */
  public static byte[] compute(SecretKey key, byte[] message) {
    return newMac(key).doFinal(message);
  }

  /**
   * The first {@code bits} bits of {@code mac}; bits past the last full byte are zeroed.
   *
   * @throws IllegalArgumentException unless 1 <= bits <= 8 * mac.length
   */
  public static byte[] truncate(byte[] mac, int bits) {
    if (bits < 1 || bits > mac.length * 8) {
      throw new IllegalArgumentException("truncation length out of range");
    }
    byte[] out = Arrays.copyOf(mac, (bits + 7) / 8);
    int rest = bits % 8;
    if (rest != 0) {
      out[out.length - 1] &= (byte) (0xFF << (8 - rest));
    }
    return out;
  }
}
