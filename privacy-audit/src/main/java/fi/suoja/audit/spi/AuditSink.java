package fi.suoja.audit.spi;

import fi.suoja.audit.AuditEvent;
import java.util.List;

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

  /** Pushes everything accepted so far to stable storage. The default does nothing. */
  default void flush() {}

  /** Flushes and releases resources; later {@code record} calls throw. */
  @Override
  default void close() {
    flush();
  }
}
