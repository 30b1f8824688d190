package fi.suoja.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.Suoja;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.DecryptionException;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.policy.Action;
import fi.suoja.policy.Actor;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.RecordRef;
import fi.suoja.policy.Role;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The binder without Spring: the meters move with the runtime's work. */
class SuojaMeterBinderTest {
  final InMemoryAuditSink sink = new InMemoryAuditSink();
  final Suoja suoja =
      Suoja.builder()
          .keyProvider(KeyProvider.inMemory(Map.of(1, new byte[32])))
          .wrappedKeyStore(WrappedKeyStore.inMemory())
          .policy(CareAccessPolicy.builder().build())
          .auditor(Auditor.builder(sink).application("t").node("n").build())
          .build();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  SuojaMeterBinderTest() {
    new SuojaMeterBinder(suoja.metrics()).bindTo(registry);
  }

  double count(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  @Test
  void sealAndOpen_moveTheCryptoAndKeyCacheCounters() {
    suoja.keyring().create("A");
    double missesBefore = count("suoja.keys.cache", "result", "miss");
    CipherContext context = CipherContext.of("A", "Client", "notes");
    String sealed = suoja.cipher().seal(context, "soitto asiakkaalle");
    suoja.cipher().open(context, sealed);
    suoja.cipher().open(context, sealed);
    assertThatThrownBy(() -> suoja.cipher().open(CipherContext.of("A", "Client", "hetu"), sealed))
        .isInstanceOf(DecryptionException.class);

    assertThat(count("suoja.seals")).isEqualTo(1);
    assertThat(count("suoja.opens")).isEqualTo(2);
    assertThat(count("suoja.open.failures")).isEqualTo(1);
    // the key just created is cached: the seal and the three opens find it there
    assertThat(count("suoja.keys.cache", "result", "miss")).isEqualTo(missesBefore);
    assertThat(count("suoja.keys.cache", "result", "hit")).isEqualTo(4);
    // a tenant the cache does not know goes to the key store
    assertThatThrownBy(() -> suoja.cipher().seal(CipherContext.of("B", "Client", "notes"), "x"))
        .hasMessageStartingWith("SUOJA-1002");
    assertThat(count("suoja.keys.cache", "result", "miss")).isEqualTo(missesBefore + 1);
    assertThat(count("suoja.seals")).isEqualTo(1);
  }

  @Test
  void decisions_areCountedByOutcomeAndReason_andAuditWritesAreTimed() {
    Actor nurse = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);
    PrivacyContext.runAs(
        nurse,
        Purpose.CARE,
        () -> {
          suoja.guard().decide(Action.READ, RecordRef.client("Client", "c-1", "A", "e-1"));
          suoja.guard().decide(Action.READ, RecordRef.client("Client", "c-2", "A", "e-2"));
          sink.failing(true);
          suoja.guard().decide(Action.READ, RecordRef.client("Client", "c-1", "A", "e-1"));
        });

    assertThat(count("suoja.decisions", "outcome", "allow")).isEqualTo(1);
    assertThat(count("suoja.decisions", "outcome", "deny")).isEqualTo(2);
    assertThat(count("suoja.decisions", "outcome", "elevated")).isZero();
    assertThat(count("suoja.denials", "reason", "not_owner")).isEqualTo(1);
    assertThat(count("suoja.denials", "reason", "audit_unavailable")).isEqualTo(1);
    assertThat(count("suoja.audit.writes")).isEqualTo(2);
    assertThat(count("suoja.audit.failures")).isEqualTo(1);
    assertThat(registry.get("suoja.audit.write.latency").functionTimer().count()).isEqualTo(3);
    assertThat(
            registry
                .get("suoja.audit.write.latency")
                .functionTimer()
                .totalTime(TimeUnit.NANOSECONDS))
        .isPositive();
    assertThat(suoja.metrics().audit().writable()).isFalse();
  }

  @Test
  void meters_carryOnlyFixedTagValues_andNoQueueGaugeForASinkWithoutAQueue() {
    PrivacyContext.runAs(
        Actor.tenantUser("e-1", "A", Role.EMPLOYEE),
        Purpose.CARE,
        () -> suoja.guard().decide(Action.READ, RecordRef.client("Client", "c-9", "A", "e-1")));

    for (Meter meter : registry.getMeters()) {
      assertThat(meter.getId().getName()).startsWith("suoja.");
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getKey()).isIn("outcome", "reason", "result");
        assertThat(tag.getValue()).matches("[a-z_]+").doesNotContain("c-9", "e-1");
      }
    }
    assertThat(registry.find("suoja.audit.queue.depth").gauge()).isNull();
    assertThat(registry.get("suoja.audit.checkpoint.age").gauge().value()).isNaN();
  }
}
