package fi.suoja.audit;

import fi.suoja.audit.internal.Checks;
import fi.suoja.audit.internal.EventIds;
import fi.suoja.audit.spi.AuditSink;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The facade applications call to record audit events. It stamps what the application should not
 * have to repeat (event id, time, application name, node) and hands the event to its {@link
 * AuditSink}.
 *
 * <p><b>Fail closed.</b> {@link #record} returns only after the sink accepted the event; any
 * failure of the sink surfaces as {@link AuditUnavailableException}, so the caller's operation
 * fails rather than running unaudited. Thread-safe; build one per application.
 */
public final class Auditor implements AutoCloseable {
  private final AuditSink sink;
  private final String application;
  private final String node;
  private final Clock clock;
  private final AuditMetrics metrics;

  private Auditor(Builder b) {
    this.sink = b.sink;
    this.metrics = new AuditMetrics(b.sink);
    this.application = b.application;
    this.node = b.node;
    this.clock = b.clock;
  }

  /** A builder for an auditor that writes to {@code sink}. */
  public static Builder builder(AuditSink sink) {
    return new Builder(Objects.requireNonNull(sink, "sink"));
  }

  /**
   * Completes the draft (id, time, application, node where unset), records it and returns the
   * recorded event.
   *
   * @throws AuditException {@code SUOJA-4001} if the draft is incomplete (no actor, action or
   *     outcome)
   * @throws AuditUnavailableException if the sink could not record it
   */
  public AuditEvent record(AuditEvent.Builder draft) {
    return record(draft.timeIfUnset(Instant.now(clock)).build());
  }

  /**
   * Records an event, filling in application and node when the event has none.
   *
   * @throws AuditUnavailableException if the sink could not record it
   */
  public AuditEvent record(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    AuditEvent stamped = event;
    if (event.application() == null || event.node() == null) {
      stamped =
          event.toBuilder()
              .application(event.application() == null ? application : event.application())
              .node(event.node() == null ? node : event.node())
              .build();
    }
    long started = System.nanoTime();
    try {
      sink.record(stamped);
      metrics.recorded(System.nanoTime() - started);
    } catch (AuditUnavailableException e) {
      metrics.failed(System.nanoTime() - started);
      throw e;
    } catch (RuntimeException e) {
      metrics.failed(System.nanoTime() - started);
      throw new AuditUnavailableException(
          "audit sink "
              + sink.getClass().getSimpleName()
              + " failed to record event "
              + stamped.id(),
          e);
    }
    return stamped;
  }

  /** Counters of the events recorded through this auditor and the state of its sink. */
  public AuditMetrics metrics() {
    return metrics;
  }

  /** A new draft with a fresh id and the auditor's clock time. */
  public AuditEvent.Builder event(AuditAction action) {
    return AuditEvent.builder()
        .id(EventIds.next())
        .time(Instant.now(clock))
        .action(action)
        .application(application)
        .node(node);
  }

  /** Flushes the sink; failures surface as {@link AuditUnavailableException}. */
  public void flush() {
    try {
      sink.flush();
    } catch (AuditUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AuditUnavailableException("audit sink failed to flush", e);
    }
  }

  /** Closes the sink (which flushes it). */
  @Override
  public void close() {
    sink.close();
  }

  /** Builds an {@link Auditor}. Application and node are required. */
  public static final class Builder {
    private final AuditSink sink;
    private String application;
    private String node;
    private Clock clock = Clock.systemUTC();

    private Builder(AuditSink sink) {
      this.sink = sink;
    }

    /** Name of the emitting application, e.g. {@code echat-backend}. */
    public Builder application(String application) {
      this.application = application;
      return this;
    }

    /** Name of this node, e.g. the host name or pod name. */
    public Builder node(String node) {
      this.node = node;
      return this;
    }

    /** Clock for event times; defaults to the UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the auditor.
     *
     * @throws AuditException {@code SUOJA-4001} if application or node is missing or invalid
     */
    public Auditor build() {
      Checks.token("Auditor.builder(sink).application", application);
      Checks.token("Auditor.builder(sink).node", node);
      return new Auditor(this);
    }
  }
}
