package fi.suoja.audit.sink;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditUnavailableException;
import fi.suoja.audit.spi.AuditSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps events in memory, in order. For tests of code that audits (including tests of fail-closed
 * behaviour: {@link #failing(boolean)} makes every {@code record} throw).
 *
 * <p><b>Warning.</b> Not a production sink: nothing survives the JVM and nothing is tamper-evident.
 */
public final class InMemoryAuditSink implements AuditSink {
  private final List<AuditEvent> events = new ArrayList<>();
  private boolean failing;
  private boolean closed;

  /** An empty sink that records. */
  public InMemoryAuditSink() {}

  /** Records the event, or throws {@link AuditUnavailableException} when failing or closed. */
  @Override
  public synchronized void record(AuditEvent event) {
    if (failing) {
      throw new AuditUnavailableException("in-memory sink is set to fail");
    }
    if (closed) {
      throw new AuditUnavailableException("in-memory sink is closed");
    }
    events.add(event);
  }

  /** While {@code true}, every {@code record} throws {@link AuditUnavailableException}. */
  public synchronized void failing(boolean failing) {
    this.failing = failing;
  }

  /** A snapshot of the events recorded so far, in order. */
  public synchronized List<AuditEvent> events() {
    return List.copyOf(events);
  }

  /** Forgets all recorded events. */
  public synchronized void clear() {
    events.clear();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
