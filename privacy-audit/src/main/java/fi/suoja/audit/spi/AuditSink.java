package fi.suoja.audit.spi;

import fi.suoja.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where audit events go. One required method, {@link #record(AuditEvent)}.
 *
 * <p><b>Contract.</b> {@code record} returns normally only when the sink has accepted the event
 * under its documented durability (for a durable sink: stored). When it cannot, it throws (the
 * {@link fi.suoja.audit.Auditor} turns any exception into {@link
 * fi.suoja.audit.AuditUnavailableException}); it never drops an event silently. Implementations
 * must be safe for concurrent use.
 *
 * <p><b>Warning.</b> A sink that swallows errors breaks the fail-closed guarantee of everything
 * built on it: an access that cannot be audited must fail.
 */
public interface AuditSink extends AutoCloseable {

  /** Records one event, or throws. */
  void record(AuditEvent event);

  /**
   * Records several events, in order. The default calls {@link #record} for each; sinks that can
   * batch (one transaction, one fsync) override it. On an exception, a prefix of the list may have
   * been recorded.
   */
  default void recordAll(List<AuditEvent> events) {
    for (AuditEvent event : events) {
      record(event);
    }
  }

  /**
   * How many accepted events wait in the sink's queue, for a sink that queues them (a group-commit
   * or buffered sink); empty for a sink without a queue. Read by metrics, not on the write path.
   */
  default OptionalLong queueDepth() {
    return OptionalLong.empty();
  }

  /**
   * When the sink last stored a signed checkpoint; empty for a sink that writes none, or none yet.
   * Health checks report its age.
   */
  default Optional<Instant> lastCheckpoint() {
    return Optional.empty();
  }

  /**
   * Whether the sink can still record: {@code false} once it has failed in a way that makes it
   * refuse every later event (a chained sink after a failed write). The default is {@code true}: a
   * sink without such a state reports failures per call. Read by health checks.
   */
  default boolean writable() {
    return true;
  }

  /** Pushes everything accepted so far to stable storage. The default does nothing. */
  default void flush() {}

  /** Flushes and releases resources; later {@code record} calls throw. */
  @Override
  default void close() {
    flush();
  }
}
