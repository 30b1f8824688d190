package fi.suoja.samples.benchmark;

import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * The baseline's tenant for Hibernate's {@code @TenantId}: with Suoja the tenant comes from the
 * signed-in user; without it, an application resolves it itself, here the one demo organisation.
 */
public class FixedTenant implements CurrentTenantIdentifierResolver<String> {
  @Override
  public String resolveCurrentTenantIdentifier() {
    return "hoiva";
  }

  @Override
  public boolean validateExistingCurrentSessions() {
    return false;
  }
}
