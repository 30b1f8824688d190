package fi.suoja.jpa.internal;

import fi.suoja.policy.PrivacyContext;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Hands Hibernate's {@code @TenantId} filter the tenant of the current {@link PrivacyContext}.
 * Outside any context it answers a tenant id no record carries, so nothing is visible: no actor,
 * no data. Public only because Hibernate instantiates it by name; not API.
 */
public final class PrivacyContextTenantResolver implements CurrentTenantIdentifierResolver<String> {
  /** The tenant id used when no actor is known; no record ever carries it. */
  public static final String NO_TENANT = "suoja:no-tenant";

  @Override
  public String resolveCurrentTenantIdentifier() {
    return PrivacyContext.current().flatMap(PrivacyContext::tenant).orElse(NO_TENANT);
  }

  @Override
  public boolean validateExistingCurrentSessions() {
    return true;
  }
}
