package fi.suoja.crypto.internal;

/**
 * Length hiding: the plaintext is extended with {@code 0x80} and zero bytes (ISO/IEC 7816-4) up to
 * the smallest bucket that holds it plus the marker byte. Buckets are the minimum bucket times a
 * power of two (16, 32, 64, ... for a minimum of 16), so only the bucket, not the length, is
 * visible in the ciphertext.
 */
public final class Padding {
  private Padding() {}

  /** Padded length of {@code length} bytes for {@code minimumBucket} (a power of two). */
  public static int paddedLength(int length, int minimumBucket) {
    long bucket = minimumBucket;
    while (bucket < (long) length + 1) {
      bucket <<= 1;
    }
    if (bucket > Integer.MAX_VALUE - 64) {
      throw new IllegalArgumentException("value too long to pad");
    }
    return (int) bucket;
  }

  /** Writes {@code in} padded to {@code paddedLength} bytes into a new array. */
  public static byte[] pad(byte[] in, int paddedLength) {
    byte[] out = new byte[paddedLength];
    System.arraycopy(in, 0, out, 0, in.length);
    out[in.length] = (byte) 0x80;
    return out;
  }

  /** The length of the data before the padding; fails if the padding is malformed. */
  public static int unpaddedLength(byte[] padded) throws OpenFailedException {
    int i = padded.length - 1;
    while (i >= 0 && padded[i] == 0) {
      i--;
    }
    if (i < 0 || padded[i] != (byte) 0x80) {
      throw new OpenFailedException("bad padding");
    }
    return i;
  }
}
