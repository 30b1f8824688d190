package fi.suoja.spring.boot;

import fi.suoja.Suoja;
import fi.suoja.SuojaException;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.spi.AuditSink;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.processing.ProcessingDeclaration;
import fi.suoja.masking.MaskerSelector;
import fi.suoja.masking.jackson.PersonalDataModule;
import fi.suoja.micrometer.SuojaMeterBinder;
import fi.suoja.policy.AccessPolicy;
import fi.suoja.policy.ActorResolver;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.IncidentGrants;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.TenantPrivacySettings;
import fi.suoja.spring.boot.internal.Boot3HealthIndicator;
import fi.suoja.spring.boot.internal.Boot4HealthIndicator;
import fi.suoja.spring.boot.internal.EntityClasses;
import fi.suoja.spring.boot.internal.Log4j2MaskingInstaller;
import fi.suoja.spring.boot.internal.LogbackMaskingInstaller;
import fi.suoja.spring.boot.internal.Parts;
import fi.suoja.spring.boot.internal.RolePermissionsPolicy;
import fi.suoja.spring.boot.internal.SchemaTools;
import fi.suoja.spring.boot.internal.SpringSecurityActorResolver;
import fi.suoja.spring.boot.internal.StartupFailure;
import fi.suoja.spring.boot.internal.SystemActorsImpl;
import fi.suoja.spring.boot.internal.TraceIdSource;
import fi.suoja.spring.boot.internal.TraceIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;

/**
 * Builds the {@link Suoja} runtime from {@link SuojaProperties}: master keys (PKCS#12 by default),
 * wrapped keys and the audit trail in the application's {@code DataSource}, the care policy, the
 * actor from Spring Security, trace ids in audit events, Logback and Log4j 2 masking. Every part is
 * a bean the host may define itself ({@code @ConditionalOnMissingBean}); {@code
 * suoja.enabled=false} switches the whole starter off. Names no class that exists on only one Boot
 * line: the DataSource auto-configuration it follows is named in both of its packages.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
@ConditionalOnProperty(prefix = "suoja", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SuojaProperties.class)
public class SuojaAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(SuojaAutoConfiguration.class);

  /** Instantiated by Spring. */
  public SuojaAutoConfiguration() {}

  /**
   * Suoja's own tables under the application's Flyway or Liquibase ({@code
   * suoja.jdbc.initialize-schema}); the key store and the audit sink wait for them.
   */
  @Bean
  static SchemaTools suojaSchemaTools() {
    return new SchemaTools();
  }

  @Bean
  @ConditionalOnMissingBean
  KeyProvider suojaKeyProvider(SuojaProperties p) {
    return Parts.keyProvider(p.getMasterKey(), System.getenv());
  }

  @Bean
  @ConditionalOnMissingBean
  WrappedKeyStore suojaWrappedKeyStore(
      SuojaProperties p, SchemaTools schema, ObjectProvider<DataSource> dataSource) {
    return Parts.wrappedKeyStore(p.getKeyStore(), schema, dataSource.getIfAvailable());
  }

  @Bean
  @ConditionalOnMissingBean
  AuditSink suojaAuditSink(
      SuojaProperties p, SchemaTools schema, ObjectProvider<DataSource> dataSource) {
    return Parts.auditSink(
        p.getAudit(), schema, dataSource.getIfAvailable(), node(p), System.getenv());
  }

  @Bean
  @ConditionalOnMissingBean
  Auditor suojaAuditor(AuditSink sink, SuojaProperties p, Environment env) {
    String application =
        p.getApplication() != null
            ? p.getApplication()
            : env.getProperty("spring.application.name", "application");
    return Auditor.builder(sink).application(application).node(node(p)).build();
  }

  @Bean
  @ConditionalOnMissingBean
  TenantSettingsSource suojaTenantSettings(SuojaProperties p) {
    Map<String, TenantPrivacySettings> byTenant = new LinkedHashMap<>();
    p.getTenants()
        .forEach(
            (tenant, t) ->
                byTenant.put(
                    tenant, new TenantPrivacySettings(tenant, false, t.isIncidentAccessConsent())));
    Map<String, TenantPrivacySettings> settings = Map.copyOf(byTenant);
    return tenant -> Optional.ofNullable(settings.get(tenant));
  }

  @Bean
  @ConditionalOnMissingBean
  AccessPolicy suojaAccessPolicy(
      SuojaProperties p,
      ObjectProvider<IncidentGrants> grants,
      ObjectProvider<TenantSettingsSource> tenants) {
    if (!p.getPolicy().getPermissions().isEmpty()) {
      LOG.info(
          "SUOJA-8040: the access policy is the role table suoja.policy.permissions (roles {}),"
              + " not the care rules",
          p.getPolicy().getPermissions().keySet());
      return new RolePermissionsPolicy(p.getPolicy().getPermissions());
    }
    CareAccessPolicy.Builder care = CareAccessPolicy.builder();
    grants.ifAvailable(care::incidentGrants);
    tenants.ifAvailable(source -> care.tenantSettings(source::settingsOf));
    return care.build();
  }

  @Bean
  @ConditionalOnMissingBean
  Suoja suoja(
      SuojaProperties p,
      KeyProvider keys,
      WrappedKeyStore store,
      AccessPolicy policy,
      Auditor auditor,
      ObjectProvider<ActorResolver> resolver,
      ObjectProvider<EntityClasses> entities,
      ObjectProvider<TraceIdSource> tracers,
      ObjectProvider<SuojaBuilderCustomizer> customizers) {
    ActorResolver actors =
        resolver.getIfAvailable(
            () -> {
              LOG.info(
                  "SUOJA-8015: no ActorResolver bean and no Spring Security: only explicit"
                      + " PrivacyContexts (Suoja.runAs) act; every other access is denied");
              return ActorResolver.none();
            });
    Suoja.Builder b =
        Suoja.builder()
            .keyProvider(keys)
            .wrappedKeyStore(store)
            .policy(policy)
            .auditor(auditor)
            .actorResolver(actors)
            .providerId(p.getProviderId())
            .crypto(c -> c.createTenantKeysOnFirstUse(p.getKeyStore().isCreateOnFirstUse()));
    if (p.getCorrelation().isEnabled()) {
      List<Supplier<String>> first = List.copyOf(tracers.orderedStream().toList());
      b.correlationId(new TraceIds(first, p.getCorrelation().getMdcKey()));
    }
    List<Class<?>> types = entities.getIfAvailable(() -> List::of).get();
    try {
      b.entities(types.toArray(Class<?>[]::new));
    } catch (SuojaException e) {
      throw new StartupFailure(
          "SUOJA-8017",
          "the entities of the persistence unit do not configure Suoja",
          "Fix the @Encrypted/@BlindIndex annotations the cause names.",
          e);
    }
    customizers.orderedStream().forEach(c -> c.customize(b));
    return b.build();
  }

  /**
   * {@code @Async} work and Boot's task executor run each task in the PrivacyContext current when
   * it was handed over. Boot takes a single TaskDecorator: an application with its own composes
   * {@link PrivacyContext#wrap(Runnable)} into it.
   */
  @Bean
  @ConditionalOnMissingBean(TaskDecorator.class)
  TaskDecorator suojaTaskDecorator() {
    return PrivacyContext::wrap;
  }

  @Bean
  @ConditionalOnMissingBean
  SystemActors suojaSystemActors(Suoja suoja, SuojaProperties p) {
    return new SystemActorsImpl(suoja, p.getSystem());
  }

  @Bean
  @ConditionalOnMissingBean
  ProcessingDeclaration suojaProcessingDeclaration(SuojaProperties p) {
    SuojaProperties.Processing d = p.getProcessing();
    Properties props = new Properties();
    putIfSet(props, "controller", d.getController());
    putIfSet(props, "processor", d.getProcessor());
    putIfSet(props, "dpo", d.getDpo());
    putIfSet(props, "location", d.getLocation());
    putIfSet(props, "legalBasis", d.getLegalBasis());
    putIfSet(props, "auditRetention", d.getAuditRetention());
    for (int i = 0; i < d.getPurposes().size(); i++) {
      props.setProperty("purpose." + i, d.getPurposes().get(i));
    }
    for (int i = 0; i < d.getSubProcessors().size(); i++) {
      props.setProperty("subProcessor." + i, d.getSubProcessors().get(i));
    }
    d.getRetention().forEach((entity, hold) -> props.setProperty("retention." + entity, hold));
    if (!d.getClaims().isEmpty()) {
      props.setProperty("claims", String.join(",", d.getClaims()));
    }
    try {
      return ProcessingDeclaration.fromProperties(props);
    } catch (SuojaException e) {
      throw new StartupFailure(
          "SUOJA-8018",
          "suoja.processing.* does not make a processing declaration",
          "Use claim names of ProcessingDeclaration.Claim in suoja.processing.claims.",
          e);
    }
  }

  private static void putIfSet(Properties props, String key, String value) {
    if (value != null) {
      props.setProperty(key, value);
    }
  }

  private static String node(SuojaProperties p) {
    return p.getNode() != null ? p.getNode() : Parts.hostName();
  }

  /** The actor from Spring Security, when it is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
  static class SpringSecurityActor {
    @Bean
    @ConditionalOnMissingBean
    ActorResolver suojaActorResolver(SuojaProperties p) {
      return new SpringSecurityActorResolver(p.getActor());
    }
  }

  /** Micrometer Tracing's current trace id, asked first for the correlation id. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
  static class MicrometerTracing {
    @Bean
    TraceIdSource suojaMicrometerTraceIds(ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
      return () -> {
        io.micrometer.tracing.Tracer t = tracer.getIfAvailable();
        io.micrometer.tracing.Span span = t == null ? null : t.currentSpan();
        return span == null ? null : span.context().traceId();
      };
    }
  }

  /** The health of keys and audit, line-neutral; reported by the indicator below on Boot 4. */
  @Bean
  @ConditionalOnMissingBean
  SuojaHealth suojaHealth(KeyProvider keys, Suoja suoja) {
    return new SuojaHealth(keys, suoja.auditor());
  }

  /** Seals, opens, decisions, key cache and audit as Micrometer meters. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    SuojaMeterBinder suojaMeterBinder(Suoja suoja) {
      return new SuojaMeterBinder(suoja.metrics());
    }
  }

  /** Boot 4's health indicator, component {@code suoja}; Boot 3.5's is {@link Boot3Health}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnProperty(
      prefix = "management.health.suoja",
      name = "enabled",
      matchIfMissing = true)
  static class Boot4Health {
    @Bean
    @ConditionalOnMissingBean(name = "suojaHealthIndicator")
    Boot4HealthIndicator suojaHealthIndicator(SuojaHealth health) {
      return new Boot4HealthIndicator(health);
    }
  }

  /**
   * Boot 3.5's health indicator, component {@code suoja}: the interface is in spring-boot-actuator
   * 3.x's {@code org.springframework.boot.actuate.health}, which Boot 4 no longer has, so it is
   * registered by name (a proxy, {@link Boot3HealthIndicator}).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnProperty(
      prefix = "management.health.suoja",
      name = "enabled",
      matchIfMissing = true)
  @Import(Boot3HealthIndicator.class)
  static class Boot3Health {}

  /** Every pattern appender of Logback masks its lines. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
  @ConditionalOnProperty(prefix = "suoja.masking", name = "logback", matchIfMissing = true)
  static class LogbackMasking {
    @Bean
    SmartInitializingSingleton suojaLogbackMasking() {
      return () ->
          LOG.info("Suoja masks the log lines of appenders {}", LogbackMaskingInstaller.install());
    }
  }

  /** Every appender of Log4j 2 (when it is the logging backend) gets masked events. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.apache.logging.log4j.core.LoggerContext")
  @ConditionalOnProperty(prefix = "suoja.masking", name = "log4j2", matchIfMissing = true)
  static class Log4j2Masking {
    @Bean
    Log4j2MaskingInstaller suojaLog4j2Masking() {
      return new Log4j2MaskingInstaller();
    }
  }

  /** Boot 3.5's ObjectMapper masks personal data (opt-in: it also writes API responses). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "com.fasterxml.jackson.databind.Module")
  @ConditionalOnProperty(prefix = "suoja.masking", name = "json", havingValue = "true")
  static class Jackson2Masking {
    @Bean
    com.fasterxml.jackson.databind.Module suojaPersonalDataModule() {
      return new PersonalDataModule(MaskerSelector.scoped());
    }
  }

  /** Boot 4's JsonMapper (Jackson 3) masks personal data (opt-in, as above). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "tools.jackson.databind.JacksonModule")
  @ConditionalOnProperty(prefix = "suoja.masking", name = "json", havingValue = "true")
  static class Jackson3Masking {
    @Bean
    tools.jackson.databind.JacksonModule suojaJackson3PersonalDataModule() {
      return new fi.suoja.masking.jackson3.PersonalDataModule(MaskerSelector.scoped());
    }
  }
}
