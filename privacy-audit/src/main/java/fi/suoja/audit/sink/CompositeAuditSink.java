package fi.suoja.audit.sink;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.AuditUnavailableException;
import fi.suoja.audit.spi.AuditSink;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every event to several sinks. {@link #all} requires every member to record (the event is
 * still offered to the others when one fails, then the call throws); {@link #any} requires at least
 * one, logs each member failure as a warning, and throws only when all failed.
 */
public final class CompositeAuditSink implements AuditSink {
  private static final Logger LOG = LoggerFactory.getLogger("suoja.audit.sink");

  private final List<AuditSink> members;
  private final boolean requireAll;

  private CompositeAuditSink(List<AuditSink> members, boolean requireAll) {
    if (members.isEmpty()) {
      throw new AuditException(
          "SUOJA-4020", "CompositeAuditSink.all(...) / any(...) needs at least one member");
    }
    members.forEach(m -> Objects.requireNonNull(m, "member"));
    this.members = List.copyOf(members);
    this.requireAll = requireAll;
  }

  /** Every member must record each event. */
  public static CompositeAuditSink all(AuditSink... members) {
    return new CompositeAuditSink(List.of(members), true);
  }

  /** At least one member must record each event. */
  public static CompositeAuditSink any(AuditSink... members) {
    return new CompositeAuditSink(List.of(members), false);
  }

  @Override
  public void record(AuditEvent event) {
    forEach(m -> m.record(event), "record event " + event.id());
  }

  @Override
  public void recordAll(List<AuditEvent> events) {
    forEach(m -> m.recordAll(events), "record " + events.size() + " events");
  }

  @Override
  public void flush() {
    forEach(AuditSink::flush, "flush");
  }

  @Override
  public void close() {
    forEach(AuditSink::close, "close");
  }

  private interface Call {
    void apply(AuditSink sink);
  }

  private void forEach(Call call, String what) {
    RuntimeException first = null;
    int failed = 0;
    for (AuditSink m : members) {
      try {
        call.apply(m);
      } catch (RuntimeException e) {
        failed++;
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
        if (!requireAll) {
          LOG.warn(
              "audit sink {} failed to {}: {}", m.getClass().getSimpleName(), what, e.getMessage());
        }
      }
    }
    if (failed > 0 && (requireAll || failed == members.size())) {
      throw new AuditUnavailableException(
          failed + " of " + members.size() + " audit sinks failed to " + what, first);
    }
  }
}
