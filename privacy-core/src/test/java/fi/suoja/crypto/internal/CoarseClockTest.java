package fi.suoja.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The coarse clock behind the key caches' TTLs: it advances with real time, lags it by about a
 * tick, never goes back, and its thread ends when nobody reads it and comes back on the next read.
 */
class CoarseClockTest {
  static final long SLACK = TimeUnit.MILLISECONDS.toNanos(200); // a loaded CI machine

  @Test
  void nanoTime_followsTheRealClockWithinATick() throws Exception {
    long realStart = System.nanoTime();
    long start = CoarseClock.nanoTime();
    Thread.sleep(300);
    long coarse = CoarseClock.nanoTime();
    long real = System.nanoTime();
    // each read lags real time by a tick, more while a loaded machine keeps the ticker waiting
    assertThat(coarse - start)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300) - SLACK)
        .isLessThanOrEqualTo(real - realStart + SLACK);
    assertThat(real - coarse).isBetween(-CoarseClock.TICK_NANOS, SLACK);
  }

  @Test
  void nanoTime_neverGoesBack_acrossThreads() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                long last = CoarseClock.nanoTime();
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150);
                while (System.nanoTime() < end) {
                  long now = CoarseClock.nanoTime();
                  if (now < last) {
                    synchronized (failures) {
                      failures.add(new AssertionError("went back by " + (last - now) + " ns"));
                    }
                    return;
                  }
                  last = now;
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void thread_endsWhenIdle_andTheNextReadRestartsItWithTheRealTime() throws Exception {
    CoarseClock.nanoTime();
    assertThat(CoarseClock.running()).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (CoarseClock.running() && System.nanoTime() < deadline) {
      Thread.sleep(100); // no reads: the ticker gives up after IDLE_TICKS
    }
    assertThat(CoarseClock.running()).as("ended after about a second without reads").isFalse();

    long before = System.nanoTime();
    long restarted = CoarseClock.nanoTime();
    assertThat(CoarseClock.running()).isTrue();
    assertThat(restarted).isGreaterThanOrEqualTo(before); // read the real clock, not a stale tick
  }
}
