package fi.suoja.jpa.internal;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.InvalidInputException;
import fi.suoja.jpa.SuojaJpaSettings;
import java.util.Map;

/**
 * The fixed tenant of a single-tenant deployment ({@link SuojaJpaSettings#SINGLE_TENANT}): the
 * tenant of every protected entity that has no {@code @TenantId} attribute. Its records are sealed,
 * indexed and decided exactly as if a tenant column held this id, so adding the column later,
 * filled with the same id, keeps every envelope and index valid.
 */
final class SingleTenant {
  private SingleTenant() {}

  /**
   * The fixed tenant configured in {@code properties}, or null when the deployment is multi-tenant.
   *
   * @throws SuojaConfigurationException {@code SUOJA-5032} when the value is no valid tenant id
   */
  static String of(Map<?, ?> properties) {
    Object value = properties.get(SuojaJpaSettings.SINGLE_TENANT);
    if (value == null) {
      return null;
    }
    String tenant = value.toString();
    try {
      CipherContext.of(tenant, "Entity", "field"); // the tenant id rules of every envelope
    } catch (InvalidInputException e) {
      throw new SuojaConfigurationException(
          "SUOJA-5032",
          "property '"
              + SuojaJpaSettings.SINGLE_TENANT
              + "' is not a valid tenant id: "
              + e.getMessage(),
          e);
    }
    if (tenant.isBlank()
        || !tenant.equals(tenant.trim())
        || tenant.equals(PrivacyContextTenantResolver.NO_TENANT)) {
      throw new SuojaConfigurationException(
          "SUOJA-5032",
          "property '"
              + SuojaJpaSettings.SINGLE_TENANT
              + "' must be the organisation's tenant"
              + " id (not blank, no surrounding spaces, not '"
              + PrivacyContextTenantResolver.NO_TENANT
              + "')");
    }
    return tenant;
  }
}
