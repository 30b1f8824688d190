package fi.suoja.crypto.internal;

import java.security.SecureRandom;

/**
 * Suoja's 96-bit GCM nonces: a random 32-bit prefix and a 64-bit counter that starts at a random
 * value, both drawn from {@link SecureRandom} when a sequence starts; each nonce then costs one
 * increment. One sequence per thread ({@link #next}), so there is neither a lock nor a call into
 * the JDK's {@code SecureRandom} (which takes a global lock) on the hot path.
 *
 * <p>Within a sequence nonces never repeat (the counter is re-drawn long before it could wrap: a
 * sequence is limited to 2^32 nonces). Across sequences (threads, nodes, restarts) two nonces only
 * collide if the random 96-bit starting points fall within one sequence length of each other, a
 * probability no larger than that of independent random 96-bit nonces. The NIST SP 800-38D limit
 * for random nonces, 2^32 seals per key, still applies and is documented in ENVELOPE.md.
 *
 * <p>Warning: a process image that is cloned after a sequence started (VM snapshot restored twice,
 * {@code fork} in native code) repeats the sequence. Restart the JVM after a restore.
 */
public final class NonceSequence {
  /** Nonces one sequence hands out before it re-draws its starting point. */
  static final long SEQUENCE_LENGTH = 1L << 32;

  private static final SecureRandom SEEDS = new SecureRandom();
  private static final ThreadLocal<NonceSequence> PER_THREAD =
      ThreadLocal.withInitial(() -> new NonceSequence(SEEDS));

  private final SecureRandom seeds;
  private final long sequenceLength;
  private int prefix;
  private long counter;
  private long remaining;

  /** A sequence seeded from {@code seeds}; {@link #next} uses one sequence per thread instead. */
  public NonceSequence(SecureRandom seeds) {
    this(seeds, SEQUENCE_LENGTH);
  }

  NonceSequence(SecureRandom seeds, long sequenceLength) {
    this.seeds = seeds;
    this.sequenceLength = sequenceLength;
    reseed();
  }

  /** Writes the calling thread's next nonce (12 bytes) into {@code out} at {@code offset}. */
  public static void next(byte[] out, int offset) {
    PER_THREAD.get().fill(out, offset);
  }

  /** Writes this sequence's next nonce (12 bytes) into {@code out} at {@code offset}. */
  public void fill(byte[] out, int offset) {
    if (remaining == 0) {
      reseed();
    }
    remaining--;
    long c = counter++;
    int p = prefix;
    out[offset] = (byte) (p >>> 24);
    out[offset + 1] = (byte) (p >>> 16);
    out[offset + 2] = (byte) (p >>> 8);
    out[offset + 3] = (byte) p;
    for (int i = 0; i < 8; i++) {
      out[offset + 4 + i] = (byte) (c >>> (56 - 8 * i));
    }
  }

  private void reseed() {
    prefix = seeds.nextInt();
    counter = seeds.nextLong();
    remaining = sequenceLength;
  }
}
