package fi.suoja.jpa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Logs a job's progress through SLF4J at most once per interval (not per batch): count, total, rate
 * and time to go. Counts and entity names only, never a value.
 */
final class ProgressLog {
  private final Logger log;
  private final Clock clock;
  private final Duration every;
  private final String job;
  private Instant last;

  ProgressLog(Logger log, Clock clock, Duration every, String job) {
    this.log = log;
    this.clock = clock;
    this.every = every;
    this.job = job;
    this.last = clock.instant();
  }

  void batch(String entity, long scanned, long total, long changed, Duration elapsed) {
    Instant now = clock.instant();
    if (Duration.between(last, now).compareTo(every) < 0) {
      return;
    }
    last = now;
    double rate = Rates.perSecond(scanned, elapsed);
    log.info(
        "{} of {}: {}/{} rows, {} changed, {} rows/s, eta {}s",
        job,
        entity,
        scanned,
        total,
        changed,
        (long) rate,
        Rates.eta(scanned, total, rate).toSeconds());
  }
}
