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
import fi.suoja.policy.DenyReason;
import fi.suoja.policy.IncidentGrant;
import fi.suoja.policy.IncidentGrants;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.RecordRef;
import fi.suoja.policy.Role;
import fi.suoja.policy.TenantPrivacySettings;
import fi.suoja.spring.boot.internal.RequestPrivacyContext;
import fi.suoja.spring.boot.internal.SpringSecurityActorResolver;
import fi.suoja.spring.boot.internal.SuojaProblemDetails;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

  /** The grants a tenant's admin gave: INC-7 to hoiva and to kotihoito. */
  @Configuration(proxyBeanMethods = false)
  static class Grants {
    @Bean
    IncidentGrants grants() {
      IncidentGrants.Registry grants = IncidentGrants.inMemory();
      Instant now = Instant.now();
      for (String tenant : List.of("hoiva", "kotihoito")) {
        grants.grant(
            IncidentGrant.forTenant(
                "g-" + tenant,
                "INC-7",
                tenant,
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofHours(1)),
                "admin-" + tenant));
      }
      return grants;
    }
  }

  @Test
  void providerSupport_readsUnderAGrant_onlyWhereSuojaTenantsRecordsTheTenantsConsent() {
    Actor support = Actor.providerUser("sami.tuki", Role.PROVIDER_SUPPORT);
    RecordRef hoiva = RecordRef.client("Client", "c-1", "hoiva", "e-1");
    RecordRef kotihoito = RecordRef.client("Client", "c-2", "kotihoito", "e-2");
    runner
        .withUserConfiguration(Grants.class)
        .withPropertyValues(
            "suoja.tenants.hoiva.incident-access-consent=true",
            "suoja.tenants.kotihoito.incident-access-consent=false")
        .run(
            ctx -> {
              AccessPolicy policy = ctx.getBean(AccessPolicy.class);
              assertThat(policy.decide(support, Action.READ, hoiva))
                  .isEqualTo(Decision.elevated("INCIDENT:INC-7"));
              assertThat(policy.decide(support, Action.READ, kotihoito))
                  .isEqualTo(Decision.deny(DenyReason.NO_TENANT_CONSENT));
            });
    // without the property every tenant counts as not consenting, grant or no grant
    runner
        .withUserConfiguration(Grants.class)
        .run(
            ctx ->
                assertThat(ctx.getBean(AccessPolicy.class).decide(support, Action.READ, hoiva))
                    .isEqualTo(Decision.deny(DenyReason.NO_TENANT_CONSENT)));
  }

  @Test
  void aTenantSettingsSourceBeanOfTheHost_replacesTheProperties() {
    Actor support = Actor.providerUser("sami.tuki", Role.PROVIDER_SUPPORT);
    RecordRef hoiva = RecordRef.client("Client", "c-1", "hoiva", "e-1");
    runner
        .withUserConfiguration(Grants.class)
        .withPropertyValues("suoja.tenants.hoiva.incident-access-consent=true")
        .withBean(
            TenantSettingsSource.class,
            () -> tenant -> Optional.of(new TenantPrivacySettings(tenant, false, false)))
        .run(
            ctx ->
                assertThat(ctx.getBean(AccessPolicy.class).decide(support, Action.READ, hoiva))
                    .isEqualTo(Decision.deny(DenyReason.NO_TENANT_CONSENT)));
  }

  @Test
  void initializeSchemaFlywayOrLiquibase_withoutThatToolRunning_failsAtStartWithSuoja8042() {
    for (String tool : List.of("flyway", "liquibase")) {
      runner
          .withPropertyValues("suoja.jdbc.initialize-schema=" + tool)
          .run(
              ctx ->
                  assertThat(ctx)
                      .getFailure()
                      .hasStackTraceContaining("SUOJA-8042")
                      .hasStackTraceContaining("suoja.jdbc.initialize-schema=" + tool));
    }
    // auto without a tool: nothing to migrate, the context starts
    runner.run(ctx -> assertThat(ctx).hasNotFailed());
  }

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
