package fi.suoja.crypto.internal;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF-SHA256 (RFC 5869) from Bouncy Castle: the JDK 17 has no HKDF. */
public final class Hkdf {
  /** Largest output RFC 5869 allows for SHA-256: 255 blocks of 32 bytes. */
  public static final int MAX_OUTPUT_BYTES = 255 * 32;

  private Hkdf() {}

  /**
   * Extract-then-expand.
   *
   * @param salt may be empty (RFC 5869 then uses a string of zeros)
   * @throws IllegalArgumentException if {@code length} is not within 1..8160
   */
  public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
    if (length < 1 || length > MAX_OUTPUT_BYTES) {
      throw new IllegalArgumentException("HKDF-SHA256 output length out of range");
    }
    HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
    generator.init(new HKDFParameters(ikm, salt.length == 0 ? null : salt, info));
    byte[] out = new byte[length];
    generator.generateBytes(out, 0, length);
    return out;
  }
}
