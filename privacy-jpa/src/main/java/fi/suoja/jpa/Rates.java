package fi.suoja.jpa;

import java.time.Duration;

/** Rate and time-to-go arithmetic shared by the batch jobs' progress records. */
final class Rates {
  private Rates() {}

  /** {@code done} per second of {@code elapsed}; zero before any time has passed. */
  static double perSecond(long done, Duration elapsed) {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : done / seconds;
  }

  /** Time to finish {@code total} at {@code rate}; zero once done or while the rate is unknown. */
  static Duration eta(long done, long total, double rate) {
    long left = total - done;
    if (left <= 0 || rate <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofMillis((long) (left / rate * 1000));
  }
}
