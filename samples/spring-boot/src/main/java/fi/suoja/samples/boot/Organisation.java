package fi.suoja.samples.boot;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * A care organisation subscribing to eChat: a tenant, and the controller of its clients' data. Not
 * personal data, so Suoja leaves it alone; its two privacy decisions feed the access policy ({@link
 * PrivacyConfiguration}).
 */
@Entity
public class Organisation {
  /** The tenant id, e.g. {@code hoiva}: the {@code @TenantId} of every record it owns. */
  @Id public String code;

  public String name;

  /** Client data may appear in logs as pseudonymous tokens; otherwise logs are anonymised. */
  public boolean clientDataInLogs;

  /** Provider support may read client data under an incident grant of this organisation. */
  public boolean incidentAccessConsent;

  protected Organisation() {}

  public Organisation(
      String code, String name, boolean clientDataInLogs, boolean incidentAccessConsent) {
    this.code = code;
    this.name = name;
    this.clientDataInLogs = clientDataInLogs;
    this.incidentAccessConsent = incidentAccessConsent;
  }
}
