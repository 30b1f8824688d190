package fi.suoja.jpa.internal;

import fi.suoja.Suoja;
import fi.suoja.jpa.SuojaJpaSettings;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableMutationStrategyProvider;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Installs Suoja's query translator ({@link SuojaSqmTranslatorFactory}), the guard of Hibernate's
 * multi-table bulk strategies ({@link GuardedMutationStrategies}) and, unless the host set its own,
 * the tenant resolver that follows the {@code PrivacyContext} ({@link
 * PrivacyContextTenantResolver}) in every Hibernate service registry, through {@code
 * META-INF/services/org.hibernate.service.spi.ServiceContributor}: the setting has to be in place
 * before Hibernate reads its settings, which is earlier than an {@code Integrator} runs. A
 * translator the host configured itself is left alone; {@link SuojaIntegrator} then refuses to boot
 * when entities with encrypted attributes exist. Public only because the service loader needs it;
 * not API.
 */
public final class SuojaServiceContributor implements ServiceContributor {
  /** Hibernate's setting naming the SQM translator factory class. */
  static final String QUERY_TRANSLATOR = "hibernate.query.sqm.translator";

  /** Hibernate's setting naming the current-tenant resolver. */
  static final String TENANT_RESOLVER = "hibernate.tenant_identifier_resolver";

  @Override
  public void contribute(StandardServiceRegistryBuilder builder) {
    Object enabled = builder.getSettings().get(SuojaJpaSettings.ENABLED);
    if ("false".equalsIgnoreCase(String.valueOf(enabled))) {
      return; // SuojaIntegrator logs the skip
    }
    if (builder.getSettings().get(QUERY_TRANSLATOR) == null) {
      builder.applySetting(QUERY_TRANSLATOR, SuojaSqmTranslatorFactory.class.getName());
    }
    // bulk statements on multi-table hierarchies bypass the translator: guard their strategies
    builder.addService(
        SqmMultiTableMutationStrategyProvider.class, new GuardedMutationStrategies());
    if (builder.getSettings().get(TENANT_RESOLVER) == null) {
      // @TenantId follows the PrivacyContext (else the runtime's ActorResolver) unless the host
      // resolves tenants itself
      Object runtime = builder.getSettings().get(SuojaJpaSettings.RUNTIME);
      builder.applySetting(
          TENANT_RESOLVER,
          runtime instanceof Suoja suoja
              ? new PrivacyContextTenantResolver(suoja.guard())
              : PrivacyContextTenantResolver.class.getName());
    }
  }
}
