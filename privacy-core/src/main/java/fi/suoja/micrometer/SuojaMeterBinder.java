package fi.suoja.micrometer;

import fi.suoja.SuojaMetrics;
import fi.suoja.audit.AuditMetrics;
import fi.suoja.policy.DenyReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds a Suoja runtime's counters ({@code new SuojaMeterBinder(suoja.metrics()).bindTo(registry)})
 * as Micrometer meters. The meters read the counters when the registry publishes; nothing is added
 * to the seal, open or decision path.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code suoja.seals}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code suoja.opens}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code suoja.open.failures}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code suoja.decisions}</td><td>counter</td><td>{@code outcome=allow|elevated|deny}
 *   </td></tr>
 *   <tr><td>{@code suoja.denials}</td><td>counter</td><td>{@code reason=} a {@link DenyReason},
 *   lower case</td></tr>
 *   <tr><td>{@code suoja.keys.cache}</td><td>counter</td><td>{@code result=hit|miss}</td></tr>
 *   <tr><td>{@code suoja.audit.writes}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code suoja.audit.failures}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code suoja.audit.write.latency}</td><td>function timer</td><td></td></tr>
 *   <tr><td>{@code suoja.audit.queue.depth}</td><td>gauge</td><td>only for a sink with a queue
 *   </td></tr>
 *   <tr><td>{@code suoja.audit.checkpoint.age}</td><td>gauge, seconds</td><td>NaN before the
 *   first signed checkpoint</td></tr>
 * </table>
 *
 * <p>Every tag value is a fixed word: no tenant, user, record, field or value is ever a tag.
 */
public final class SuojaMeterBinder implements MeterBinder {
  private final SuojaMetrics metrics;

  /** A binder for the counters of one runtime ({@code suoja.metrics()}). */
  public SuojaMeterBinder(SuojaMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(registry, "suoja.seals", "Values sealed", SuojaMetrics::seals);
    counter(registry, "suoja.opens", "Values opened", SuojaMetrics::opens);
    counter(
        registry,
        "suoja.open.failures",
        "Values that did not open (SUOJA-1001)",
        SuojaMetrics::openFailures);
    for (SuojaMetrics.Outcome outcome : SuojaMetrics.Outcome.values()) {
      FunctionCounter.builder("suoja.decisions", metrics, m -> m.decisions(outcome))
          .description("Access decisions by outcome")
          .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    for (DenyReason reason : DenyReason.values()) {
      FunctionCounter.builder("suoja.denials", metrics, m -> m.denials(reason))
          .description("Access denials by reason")
          .tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    FunctionCounter.builder("suoja.keys.cache", metrics, SuojaMetrics::keyCacheHits)
        .description("Tenant data-key lookups")
        .tag("result", "hit")
        .register(registry);
    FunctionCounter.builder("suoja.keys.cache", metrics, SuojaMetrics::keyCacheMisses)
        .description("Tenant data-key lookups")
        .tag("result", "miss")
        .register(registry);
    AuditMetrics audit = metrics.audit();
    if (audit != null) {
      bindAudit(registry, audit);
    }
  }

  private static void bindAudit(MeterRegistry registry, AuditMetrics audit) {
    FunctionCounter.builder("suoja.audit.writes", audit, AuditMetrics::writes)
        .description("Audit events recorded")
        .register(registry);
    FunctionCounter.builder("suoja.audit.failures", audit, AuditMetrics::failures)
        .description("Audit events that could not be recorded")
        .register(registry);
    FunctionTimer.builder(
            "suoja.audit.write.latency",
            audit,
            a -> a.writes() + a.failures(),
            AuditMetrics::writeNanos,
            TimeUnit.NANOSECONDS)
        .description("Time spent recording audit events, waits for a group commit included")
        .register(registry);
    if (audit.queueDepth().isPresent()) {
      Gauge.builder("suoja.audit.queue.depth", audit, a -> a.queueDepth().orElse(0))
          .description("Audit events waiting in the sink's queue")
          .register(registry);
    }
    Gauge.builder("suoja.audit.checkpoint.age", audit, SuojaMeterBinder::checkpointAgeSeconds)
        .description("Seconds since the audit sink stored its last signed checkpoint")
        .baseUnit("seconds")
        .register(registry);
  }

  private void counter(
      MeterRegistry registry, String name, String description, ToDoubleFunction<SuojaMetrics> f) {
    FunctionCounter.builder(name, metrics, f).description(description).register(registry);
  }

  static double checkpointAgeSeconds(AuditMetrics audit) {
    return audit
        .lastCheckpoint()
        .map(at -> Duration.between(at, Instant.now()).toMillis() / 1000.0)
        .orElse(Double.NaN);
  }

  @Override
  public String toString() {
    return "SuojaMeterBinder";
  }
}
