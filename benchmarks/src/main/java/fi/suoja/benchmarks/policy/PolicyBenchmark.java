package fi.suoja.benchmarks.policy;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.spi.AuditSink;
import fi.suoja.policy.AccessGuard;
import fi.suoja.policy.AccessPolicy;
import fi.suoja.policy.Action;
import fi.suoja.policy.Actor;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.Decision;
import fi.suoja.policy.IncidentGrant;
import fi.suoja.policy.IncidentGrants;
import fi.suoja.policy.RecordRef;
import fi.suoja.policy.Role;
import fi.suoja.policy.TenantPrivacySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one access decision. {@code baseline}: a policy that allows everything (the call
 * itself); {@code care}: {@link CareAccessPolicy} for the request; {@code guarded}: the {@link
 * AccessGuard} around the care policy, building and recording one audit event into a counting sink
 * (what every load pays before the sink's own cost).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PolicyBenchmark {

  @Param({"baseline", "care", "guarded"})
  public String impl;

  /** owner: an employee reads her client; incident: support reads under a grant. */
  @Param({"owner", "incident"})
  public String request;

  private AccessPolicy policy;
  private AccessGuard guard;
  private Actor actor;
  private RecordRef record;

  @Setup
  public void setUp() {
    IncidentGrants.Registry grants = IncidentGrants.inMemory();
    Instant now = Instant.now();
    grants.grant(
        IncidentGrant.forTenant(
            "g-1",
            "INC-1",
            "A",
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(1)),
            "adm-1"));
    CareAccessPolicy care =
        CareAccessPolicy.builder()
            .incidentGrants(grants)
            .tenantSettings(List.of(new TenantPrivacySettings("A", false, true)))
            .build();
    policy = impl.equals("baseline") ? (a, ac, r) -> new Decision.Allow("ANY") : care;
    LongAdder count = new LongAdder();
    AuditSink counting =
        new AuditSink() {
          @Override
          public void record(AuditEvent event) {
            count.increment();
          }
        };
    guard =
        AccessGuard.builder(care, Auditor.builder(counting).application("bench").node("n1").build())
            .build();
    actor =
        request.equals("owner")
            ? Actor.tenantUser("e-1", "A", Role.EMPLOYEE)
            : Actor.providerUser("s-1", Role.PROVIDER_SUPPORT);
    record = RecordRef.client("Client", "c-1", "A", "e-1");
  }

  @Benchmark
  public Decision decide() {
    if (impl.equals("guarded")) {
      return guard.decide(actor, null, Action.READ, record, List.of("lastName"));
    }
    return policy.decide(actor, Action.READ, record);
  }
}
