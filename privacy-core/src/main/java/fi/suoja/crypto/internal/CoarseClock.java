package fi.suoja.crypto.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * A monotonic clock for the key caches' TTL checks on the hot path: a plain field read instead of a
 * {@link System#nanoTime()} call, which on a virtualised host was the largest fixed cost of opening
 * a small value (measured; figures in benchmarks/README.md, "Crypto").
 *
 * <p>One daemon thread ({@value #THREAD_NAME}) stores {@code System.nanoTime()} every {@link
 * #TICK_NANOS}; readers get that value, so it lags real time by at most one tick while the thread
 * is scheduled — a cache entry lives at most its TTL plus one tick (plus however long the operating
 * system keeps the thread from running). The thread starts on the first read and ends by itself
 * after {@link #IDLE_TICKS} ticks without a read (so an idle or undeployed library holds no
 * thread); the next read restarts it and reads the real clock once.
 */
public final class CoarseClock {
  /** Resolution: 10 ms. */
  public static final long TICK_NANOS = 10_000_000L;

  /** Ticks without a read before the thread ends: 1 s. */
  static final int IDLE_TICKS = 100;

  /** Name of the ticking thread. */
  static final String THREAD_NAME = "suoja-coarse-clock";

  private static volatile long now = System.nanoTime();
  private static volatile boolean running;
  // written by readers only when false, cleared by the ticker: a racy hint, not a counter
  private static boolean read;
  private static final Object LOCK = new Object();

  private CoarseClock() {}

  /** The current time in nanoseconds, comparable with earlier values of this method only. */
  public static long nanoTime() {
    if (!running) {
      start();
    }
    if (!read) {
      read = true;
    }
    return now;
  }

  private static void start() {
    synchronized (LOCK) {
      if (running) {
        return;
      }
      now = System.nanoTime();
      running = true;
      Thread t = new Thread(CoarseClock::tick, THREAD_NAME);
      t.setDaemon(true);
      t.setContextClassLoader(null);
      t.start();
    }
  }

  private static void tick() {
    int idle = 0;
    while (true) {
      LockSupport.parkNanos(TICK_NANOS);
      now = System.nanoTime();
      if (read) {
        read = false;
        idle = 0;
      } else if (++idle >= IDLE_TICKS) {
        synchronized (LOCK) {
          if (!read) {
            running = false; // the next reader restarts the thread and reads the real clock
            return;
          }
        }
        read = false;
        idle = 0;
      }
    }
  }

  /** Whether the ticking thread is running (for tests). */
  static boolean running() {
    return running;
  }
}
