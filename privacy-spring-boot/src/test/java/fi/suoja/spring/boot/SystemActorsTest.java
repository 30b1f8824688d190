package fi.suoja.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.Suoja;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.audit.spi.AuditSink;
import fi.suoja.policy.Action;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.RecordRef;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SystemActorsTest {
  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(SuojaAutoConfiguration.class))
          .withUserConfiguration(AutoConfigurationTest.OwnStores.class)
          .withPropertyValues(
              "suoja.system.retention.tenant=hoiva",
              "suoja.system.retention.roles=ORG_ADMIN",
              "suoja.system.retention.purpose=ADMINISTRATION");

  @Test
  void declaredJob_actsAsItsSystemActor_andItsAccessesAreAuditedUnderThatId() {
    runner.run(
        ctx -> {
          Suoja suoja = ctx.getBean(Suoja.class);
          String tenant =
              ctx.getBean(SystemActors.class)
                  .callAsSystem(
                      "retention",
                      () -> {
                        suoja
                            .guard()
                            .decide(
                                Action.ERASE, RecordRef.client("Client", "c-1", "hoiva", "e-1"));
                        return PrivacyContext.require().tenant().orElseThrow();
                      });

          assertThat(tenant).isEqualTo("hoiva");
          InMemoryAuditSink sink = (InMemoryAuditSink) ctx.getBean(AuditSink.class);
          AuditEvent erase = sink.events().get(sink.events().size() - 1);
          assertThat(erase.actor().userId()).isEqualTo("system:retention");
          assertThat(erase.actor().roles()).containsExactly("ORG_ADMIN");
          assertThat(erase.purpose()).isEqualTo("ADMINISTRATION");
          assertThat(erase.elevated()).isTrue();
        });
  }

  @Test
  void undeclaredJob_runsNothing() {
    runner.run(
        ctx -> {
          AtomicBoolean ran = new AtomicBoolean();
          assertThatThrownBy(
                  () -> ctx.getBean(SystemActors.class).runAsSystem("nightly", () -> ran.set(true)))
              .hasMessageStartingWith("SUOJA-8010");
          assertThat(ran).isFalse();
        });
  }

  @Test
  void jobWithoutRolesOrTenant_failsAtStartUp() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SuojaAutoConfiguration.class))
        .withUserConfiguration(AutoConfigurationTest.OwnStores.class)
        .withPropertyValues("suoja.system.retention.roles=ORG_ADMIN")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageStartingWith("SUOJA-8011")
                    .hasMessageContaining("suoja.system.retention"));
  }
}
