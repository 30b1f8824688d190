package fi.suoja.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Nonce uniqueness: one sequence never repeats a nonce, whatever its random starting point
 * (including a counter about to wrap); sequences on several threads at once never collide; a
 * sequence re-draws its starting point after its length.
 */
class NonceSequenceProperties {

  /** A seed source that returns chosen values, to place the sequence anywhere. */
  static final class Chosen extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final int prefix;
    private long counter;

    Chosen(int prefix, long counter) {
      this.prefix = prefix;
      this.counter = counter;
    }

    @Override
    public int nextInt() {
      return prefix;
    }

    @Override
    public long nextLong() {
      return counter++;
    }
  }

  @Property(tries = 100)
  void fill_anyStartingPoint_neverRepeatsWithinASequence(
      @ForAll int prefix, @ForAll long counterStart) {
    NonceSequence sequence = new NonceSequence(new Chosen(prefix, counterStart));
    Set<ByteBuffer> seen = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      byte[] nonce = new byte[12];
      sequence.fill(nonce, 0);
      assertThat(seen.add(ByteBuffer.wrap(nonce))).isTrue();
    }
  }

  @Example
  void fill_counterAboutToWrap_stillUnique() {
    NonceSequence sequence = new NonceSequence(new Chosen(7, -3L));
    Set<ByteBuffer> seen = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      byte[] nonce = new byte[12];
      sequence.fill(nonce, 0);
      assertThat(seen.add(ByteBuffer.wrap(nonce))).isTrue();
    }
  }

  @Example
  void fill_afterSequenceLength_redrawsStartingPoint() {
    NonceSequence sequence = new NonceSequence(new Chosen(1, 100), 3);
    byte[][] nonces = new byte[4][12];
    for (byte[] n : nonces) {
      sequence.fill(n, 0);
    }
    // counters 100, 101, 102, then the re-drawn start 101 from the seed source
    assertThat(ByteBuffer.wrap(nonces[2], 4, 8).getLong()).isEqualTo(102);
    assertThat(ByteBuffer.wrap(nonces[3], 4, 8).getLong()).isEqualTo(101);
  }

  @Example
  void next_manyThreadsAtOnce_allNoncesDistinct() throws Exception {
    Set<ByteBuffer> all = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results =
          pool.invokeAll(List.of(task(all), task(all), task(all), task(all), task(all), task(all)));
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get();
      }
      assertThat(all).hasSize(total);
      assertThat(total).isEqualTo(6 * 50_000);
    } finally {
      pool.shutdown();
    }
  }

  private static java.util.concurrent.Callable<Integer> task(Set<ByteBuffer> all) {
    return () -> {
      for (int i = 0; i < 50_000; i++) {
        byte[] nonce = new byte[12];
        NonceSequence.next(nonce, 0);
        all.add(ByteBuffer.wrap(nonce));
      }
      return 50_000;
    };
  }
}
