package fi.suoja.policy;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.Outcome;
import fi.suoja.audit.sink.InMemoryAuditSink;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * SECURITY.md, "Access policy": every allowed or denied access produces exactly one audit event;
 * elevated ones say so.
 */
class AccessGuardProperties {
  final CareAccessPolicyProperties gen = new CareAccessPolicyProperties();

  @Property(tries = 500)
  void everyDecision_producesExactlyOneMatchingAuditEvent(
      @ForAll("actors") Actor actor,
      @ForAll Action action,
      @ForAll("records") RecordRef record,
      @ForAll("policies") CareAccessPolicy policy) {
    InMemoryAuditSink sink = new InMemoryAuditSink();
    AccessGuard guard =
        AccessGuard.builder(policy, Auditor.builder(sink).application("test").node("n1").build())
            .build();

    Decision d = PrivacyContext.callAs(actor, Purpose.CARE, () -> guard.decide(action, record));

    assertThat(sink.events()).hasSize(1);
    AuditEvent e = sink.events().get(0);
    assertThat(e.actor().userId()).isEqualTo(actor.userId());
    assertThat(e.action()).isEqualTo(AccessGuard.auditAction(action)); // the table: AccessGuardTest
    assertThat(e.resource().id()).isEqualTo(record.id());
    if (d instanceof Decision.Deny deny) {
      assertThat(e.outcome()).isEqualTo(Outcome.denied(deny.reason().name()));
    } else {
      assertThat(e.outcome()).isEqualTo(Outcome.success());
      assertThat(e.elevated()).isEqualTo(d instanceof Decision.AllowElevated);
    }
    assertThat(d).isEqualTo(policy.decide(actor, action, record));
  }

  @Property(tries = 200)
  void failingAudit_neverAllows(
      @ForAll("actors") Actor actor,
      @ForAll Action action,
      @ForAll("records") RecordRef record,
      @ForAll("policies") CareAccessPolicy policy) {
    InMemoryAuditSink sink = new InMemoryAuditSink();
    sink.failing(true);
    AccessGuard guard =
        AccessGuard.builder(policy, Auditor.builder(sink).application("test").node("n1").build())
            .build();

    Decision d = PrivacyContext.callAs(actor, null, () -> guard.decide(action, record));

    assertThat(d).isEqualTo(new Decision.Deny(DenyReason.AUDIT_UNAVAILABLE));
  }

  @Provide
  Arbitrary<Actor> actors() {
    return net.jqwik.api.Arbitraries.oneOf(
        gen.tenantActors(), gen.supportActors(), gen.unknownRoleActors());
  }

  @Provide
  Arbitrary<RecordRef> records() {
    return gen.records();
  }

  @Provide
  Arbitrary<CareAccessPolicy> policies() {
    return gen.policies();
  }
}
