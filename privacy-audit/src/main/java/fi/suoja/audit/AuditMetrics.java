package fi.suoja.audit;

import fi.suoja.audit.spi.AuditSink;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of an {@link Auditor}, for a metrics registry or a health check to read: events
 * recorded, failed records, time spent in the sink, and what the sink reports of its queue and
 * checkpoints. The auditor updates them with a few {@link LongAdder} increments per event (no
 * lookup, no allocation); reading is cheap and never blocks a writer for long.
 *
 * <p>Carries no event content: counts and times only.
 */
public final class AuditMetrics {
  private final AuditSink sink;
  private final LongAdder writes = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder writeNanos = new LongAdder();
  private volatile boolean lastWriteFailed;

  AuditMetrics(AuditSink sink) {
    this.sink = sink;
  }

  void recorded(long nanos) {
    writes.increment();
    writeNanos.add(nanos);
    if (lastWriteFailed) {
      lastWriteFailed = false;
    }
  }

  void failed(long nanos) {
    failures.increment();
    writeNanos.add(nanos);
    lastWriteFailed = true;
  }

  /** Events the sink accepted. */
  public long writes() {
    return writes.sum();
  }

  /** Records that failed ({@link AuditUnavailableException} to the caller). */
  public long failures() {
    return failures.sum();
  }

  /** Time spent in the sink by accepted and failed records together, in nanoseconds. */
  public long writeNanos() {
    return writeNanos.sum();
  }

  /**
   * Whether the audit trail can take events now: the last record did not fail and the sink does not
   * report itself broken ({@link AuditSink#writable()}).
   */
  public boolean writable() {
    return !lastWriteFailed && sink.writable();
  }

  /** Events waiting in the sink's queue; empty for a sink without one. */
  public OptionalLong queueDepth() {
    return sink.queueDepth();
  }

  /** When the sink last stored a signed checkpoint; empty for a sink that writes none (yet). */
  public Optional<Instant> lastCheckpoint() {
    return sink.lastCheckpoint();
  }

  @Override
  public String toString() {
    return "AuditMetrics[writes=" + writes() + ", failures=" + failures() + "]";
  }
}
