package fi.suoja.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.Suoja;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.audit.spi.AuditSink;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.processing.ProcessingDeclaration;
import fi.suoja.policy.AccessPolicy;
import fi.suoja.policy.Action;
import fi.suoja.policy.Actor;
import fi.suoja.policy.ActorResolver;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.Decision;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.RecordRef;
import fi.suoja.policy.Role;
import fi.suoja.spring.boot.internal.RequestPrivacyContext;
import fi.suoja.spring.boot.internal.SpringSecurityActorResolver;
import fi.suoja.spring.boot.internal.SuojaProblemDetails;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which beans the starter contributes, and that every bean of the host wins. */
class AutoConfigurationTest {
  static final byte[] MASTER = new SecureRandom().generateSeed(32);

  /** What a host without a DataSource defines: keys and audit of its own. */
  @Configuration(proxyBeanMethods = false)
  static class OwnStores {
    @Bean
    KeyProvider keys() {
      return KeyProvider.inMemory(Map.of(1, MASTER));
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
          .withUserConfiguration(OwnStores.class);

  @Test
  void withTheHostsStores_buildsTheRuntimeAroundThem() {
    runner
        .withPropertyValues(
            "suoja.processing.controller=Hoiva Oy", "suoja.processing.claims=TRANSPORT_ENCRYPTED")
        .run(
            ctx -> {
              assertThat(ctx)
                  .hasNotFailed()
                  .hasSingleBean(Suoja.class)
                  .hasSingleBean(SystemActors.class);
              assertThat(ctx.getBean(AccessPolicy.class)).isInstanceOf(CareAccessPolicy.class);
              assertThat(ctx.getBean(ActorResolver.class))
                  .isInstanceOf(SpringSecurityActorResolver.class);
              assertThat(ctx.getBean(Auditor.class)).isNotNull();
              ProcessingDeclaration declared = ctx.getBean(ProcessingDeclaration.class);
              assertThat(declared.controller()).isEqualTo("Hoiva Oy");
              assertThat(declared.claims())
                  .containsExactly(ProcessingDeclaration.Claim.TRANSPORT_ENCRYPTED);
            });
  }

  @Test
  void theHostsOwnBeans_win() {
    AccessPolicy deny =
        (actor, action, record) -> Decision.deny(fi.suoja.policy.DenyReason.ROLE_NOT_PERMITTED);
    ActorResolver nobody = Optional::empty;
    Suoja own =
        Suoja.builder()
            .keyProvider(KeyProvider.inMemory(Map.of(1, MASTER)))
            .wrappedKeyStore(WrappedKeyStore.inMemory())
            .policy(deny)
            .auditor(Auditor.builder(new InMemoryAuditSink()).application("a").node("n").build())
            .build();
    runner
        .withBean(AccessPolicy.class, () -> deny)
        .withBean(ActorResolver.class, () -> nobody)
        .withBean(Suoja.class, () -> own)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(Suoja.class)).isSameAs(own);
              assertThat(ctx.getBean(AccessPolicy.class)).isSameAs(deny);
              assertThat(ctx.getBean(ActorResolver.class)).isSameAs(nobody);
            });
  }

  @Test
  void disabled_contributesNothing() {
    runner
        .withPropertyValues("suoja.enabled=false")
        .run(
            ctx ->
                assertThat(ctx).doesNotHaveBean(Suoja.class).doesNotHaveBean(SystemActors.class));
  }

  @Test
  void webMvc_problemDetailsAndRequestContext_canEachBeTurnedOff() {
    WebApplicationContextRunner web =
        new WebApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    SuojaAutoConfiguration.class, SuojaWebMvcAutoConfiguration.class))
            .withUserConfiguration(OwnStores.class);

    web.run(
        ctx ->
            assertThat(ctx)
                .hasSingleBean(SuojaProblemDetails.class)
                .hasSingleBean(RequestPrivacyContext.class));
    web.withPropertyValues("suoja.web.problem-details=false", "suoja.web.request-scope=false")
        .run(
            ctx ->
                assertThat(ctx)
                    .doesNotHaveBean(SuojaProblemDetails.class)
                    .doesNotHaveBean(RequestPrivacyContext.class));
    runner
        .withConfiguration(AutoConfigurations.of(SuojaWebMvcAutoConfiguration.class))
        .run(ctx -> assertThat(ctx).doesNotHaveBean(SuojaProblemDetails.class));
  }

  @Test
  void withoutADataSource_theJdbcDefaultsFailWithTheirCode() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SuojaAutoConfiguration.class))
        .withBean(KeyProvider.class, () -> KeyProvider.inMemory(Map.of(1, MASTER)))
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageStartingWith("SUOJA-8004"));
  }

  @Test
  void micrometerTracing_currentTraceId_isTheCorrelationIdOfAuditEvents() {
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    io.micrometer.tracing.TraceContext context =
        proxy(io.micrometer.tracing.TraceContext.class, "traceId", traceId);
    io.micrometer.tracing.Span span = proxy(io.micrometer.tracing.Span.class, "context", context);
    io.micrometer.tracing.Tracer tracer =
        proxy(io.micrometer.tracing.Tracer.class, "currentSpan", span);
    runner
        .withBean(io.micrometer.tracing.Tracer.class, () -> tracer)
        .run(
            ctx -> {
              Suoja suoja = ctx.getBean(Suoja.class);
              PrivacyContext.runAs(
                  Actor.tenantUser("aino.hoitaja", "hoiva", Role.EMPLOYEE),
                  Purpose.CARE,
                  () ->
                      suoja
                          .guard()
                          .decide(
                              Action.READ,
                              RecordRef.client("Client", "c-1", "hoiva", "aino.hoitaja")));

              InMemoryAuditSink sink = (InMemoryAuditSink) ctx.getBean(AuditSink.class);
              assertThat(sink.events())
                  .singleElement()
                  .satisfies(e -> assertThat(e.correlationId()).isEqualTo(traceId));
            });
  }

  /** An interface whose one named method answers {@code value}; every other answers null. */
  private static <T> T proxy(Class<T> type, String method, Object value) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, m, args) ->
                switch (m.getName()) {
                  case "hashCode" -> System.identityHashCode(self);
                  case "equals" -> self == args[0];
                  case "toString" -> type.getSimpleName();
                  default -> m.getName().equals(method) ? value : null;
                }));
  }
}
