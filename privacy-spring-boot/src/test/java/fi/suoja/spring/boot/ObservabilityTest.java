package fi.suoja.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.Suoja;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditUnavailableException;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.audit.spi.AuditSink;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.MasterKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.micrometer.SuojaMeterBinder;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/** The starter's meter binder and health: up with keys and audit, down without either. */
class ObservabilityTest {
  static final byte[] MASTER = new SecureRandom().generateSeed(32);
  static final boolean BOOT_4 =
      ClassUtils.isPresent("org.springframework.boot.health.contributor.HealthIndicator", null);

  /** A key provider that an operator's outage can switch off. */
  static final class SwitchableKeys implements KeyProvider {
    final KeyProvider real = KeyProvider.inMemory(Map.of(1, MASTER));
    volatile boolean down;

    @Override
    public MasterKey masterKey(int version) {
      if (down) {
        throw new KeyUnavailableException("SUOJA-1004", "the key service does not answer");
      }
      return real.masterKey(version);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Stores {
    @Bean
    SwitchableKeys keys() {
      return new SwitchableKeys();
    }

    @Bean
    WrappedKeyStore store() {
      return WrappedKeyStore.inMemory();
    }

    @Bean
    AuditSink sink() {
      return new InMemoryAuditSink();
    }
  }

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(SuojaAutoConfiguration.class))
          .withUserConfiguration(Stores.class);

  @Test
  void health_isUpWithKeysAndAudit_andDownWhenTheKeyProviderFails() {
    runner.run(
        ctx -> {
          assertThat(ctx).hasNotFailed().hasSingleBean(SuojaHealth.class);
          SuojaHealth health = ctx.getBean(SuojaHealth.class);
          assertThat(health.check().up()).isTrue();
          assertThat(health.check().details())
              .containsEntry("keys", "UP")
              .containsEntry("keys.masterKeyVersion", 1)
              .containsEntry("audit", "UP");

          ctx.getBean(SwitchableKeys.class).down = true;
          SuojaHealth.Report down = health.check();
          assertThat(down.up()).isFalse();
          assertThat(down.details())
              .containsEntry("keys", "DOWN")
              .containsEntry("keys.error", "SUOJA-1004");
          assertThat(down.details().toString())
              .doesNotContain(HexFormat.of().formatHex(MASTER))
              .doesNotContain(Base64.getEncoder().encodeToString(MASTER))
              .doesNotContain("does not answer");

          ctx.getBean(SwitchableKeys.class).down = false;
          assertThat(health.check().up()).isTrue();
        });
  }

  @Test
  void health_isDownAfterAnAuditWriteFailed_untilOneSucceeds() {
    runner.run(
        ctx -> {
          Suoja suoja = ctx.getBean(Suoja.class);
          SuojaHealth health = ctx.getBean(SuojaHealth.class);
          InMemoryAuditSink sink = ctx.getBean(InMemoryAuditSink.class);
          sink.failing(true);
          assertThatThrownBy(
                  () ->
                      suoja
                          .auditor()
                          .record(
                              suoja
                                  .auditor()
                                  .event(AuditAction.READ)
                                  .actor(fi.suoja.audit.AuditActor.system("health-test", "hoiva"))
                                  .outcome(fi.suoja.audit.Outcome.success())))
              .isInstanceOf(AuditUnavailableException.class);
          assertThat(health.check().up()).isFalse();
          assertThat(health.check().details())
              .containsEntry("audit", "DOWN")
              .containsEntry("audit.failures", 1L);

          sink.failing(false);
          suoja
              .auditor()
              .record(
                  suoja
                      .auditor()
                      .event(AuditAction.READ)
                      .actor(fi.suoja.audit.AuditActor.system("health-test", "hoiva"))
                      .outcome(fi.suoja.audit.Outcome.success()));
          assertThat(health.check().up()).isTrue();
        });
  }

  @Test
  void meterBinder_andTheLinesIndicator_areContributed_andTheIndicatorHasAnOptOut() {
    runner.run(
        ctx -> {
          assertThat(ctx).hasSingleBean(SuojaMeterBinder.class);
          // Boot 4's health module or Boot 3.5's actuator: the indicator of the line in use, UP
          Class<?> type =
              ClassUtils.forName(
                  BOOT_4
                      ? "org.springframework.boot.health.contributor.HealthIndicator"
                      : "org.springframework.boot.actuate.health.HealthIndicator",
                  null);
          Object indicator = ctx.getBean("suojaHealthIndicator");
          assertThat(indicator).isInstanceOf(type);
          Object health = type.getMethod("health").invoke(indicator);
          Object status = health.getClass().getMethod("getStatus").invoke(health);
          assertThat(status).hasToString("UP");
        });
    runner
        .withPropertyValues("management.health.suoja.enabled=false")
        .run(ctx -> assertThat(ctx.containsBean("suojaHealthIndicator")).isFalse());
  }
}
