package fi.suoja.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  @Test
  void next_isAVersion4UuidInCanonicalText() {
    for (int i = 0; i < 1000; i++) {
      String id = EventIds.next();
      UUID u = UUID.fromString(id);
      assertThat(u.toString()).isEqualTo(id);
      assertThat(u.version()).isEqualTo(4);
      assertThat(u.variant()).isEqualTo(2);
    }
  }

  @Test
  void next_neverRepeats_acrossThreads() throws Exception {
    Set<String> all = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    int perThread = 50_000;
    for (int t = 0; t < 8; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  all.add(EventIds.next());
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(all).hasSize(8 * perThread);
  }

  @Test
  void threads_drawDifferentHighHalves() throws Exception {
    Set<Long> highs = new HashSet<>();
    for (int t = 0; t < 16; t++) {
      long[] high = new long[1];
      Thread thread =
          new Thread(() -> high[0] = UUID.fromString(EventIds.next()).getMostSignificantBits());
      thread.start();
      thread.join();
      highs.add(high[0]);
    }
    assertThat(highs).hasSize(16);
  }
}
