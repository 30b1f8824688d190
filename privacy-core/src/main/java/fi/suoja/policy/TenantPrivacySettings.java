package fi.suoja.policy;

import java.util.Objects;

/**
 * What a tenant (the controller) has decided about its clients' data.
 *
 * @param tenant the tenant
 * @param clientDataInLogs whether client data may appear in application logs as stable pseudonymous
 *     tokens (so support can correlate lines); when {@code false} it is anonymised irreversibly.
 *     Clear text never reaches a log either way.
 * @param incidentAccessConsent whether the provider's support staff may read client data under an
 *     {@link IncidentGrant} to investigate an error
 */
public record TenantPrivacySettings(
    String tenant, boolean clientDataInLogs, boolean incidentAccessConsent) {

  public TenantPrivacySettings {
    Objects.requireNonNull(tenant, "tenant");
  }

  /** The settings assumed for a tenant that has decided nothing: anonymised logs, no consent. */
  public static TenantPrivacySettings strictest(String tenant) {
    return new TenantPrivacySettings(tenant, false, false);
  }
}
