package fi.suoja.audit.internal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Fresh event ids in the form of random (version 4) UUIDs, without a {@link SecureRandom} call per
 * id. {@link UUID#randomUUID()} draws 16 bytes from a shared {@code SecureRandom} (a global lock
 * and a read of the kernel's generator) on every audited record, which was the largest single cost
 * of an audit event on the JPA hot path.
 *
 * <p>Each thread draws 128 random bits once: 60 of them, with the version bits, are its fixed high
 * half; 62, with the variant bits, are the start of a counter in the low half. Two ids are equal
 * only if two threads drew the same 60 high bits <em>and</em> their counter ranges meet: the chance
 * is of the order of (threads² × ids per thread) / 2^122, as small as for random UUIDs. The ids are
 * unique, not unpredictable: within a thread they are consecutive. Nothing relies on an event id
 * being secret; the trail's integrity comes from the chain and checkpoints.
 */
public final class EventIds {
  private static final SecureRandom SEEDS = new SecureRandom();
  private static final long LOW_MASK = 0x3FFF_FFFF_FFFF_FFFFL; // 62 counter bits
  private static final long VARIANT = 0x8000_0000_0000_0000L; // IETF variant 10
  private static final ThreadLocal<long[]> STATE =
      ThreadLocal.withInitial(
          () -> {
            byte[] seed = new byte[16];
            SEEDS.nextBytes(seed);
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
              hi = hi << 8 | (seed[i] & 0xFF);
              lo = lo << 8 | (seed[i + 8] & 0xFF);
            }
            hi = (hi & ~0xF000L) | 0x4000L; // version 4
            return new long[] {hi, lo & LOW_MASK};
          });

  private EventIds() {}

  /** A fresh id, as {@link UUID#toString()} text. */
  public static String next() {
    long[] s = STATE.get();
    long counter = s[1];
    s[1] = (counter + 1) & LOW_MASK;
    return new UUID(s[0], VARIANT | counter).toString();
  }
}
