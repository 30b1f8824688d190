package fi.suoja.samples.echat;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * A subscribing organisation (tenant) and its privacy settings. Not personal data: it is the
 * controller itself.
 */
@Entity
public class Organisation {
  @Id public String id;
  public String name;

  /** Client data may appear in logs as pseudonymous tokens; otherwise logs are anonymised. */
  public boolean clientDataInLogs;

  /** The organisation consents to provider support reading client data under incident grants. */
  public boolean incidentAccessConsent;

  protected Organisation() {}

  public Organisation(
      String id, String name, boolean clientDataInLogs, boolean incidentAccessConsent) {
    this.id = id;
    this.name = name;
    this.clientDataInLogs = clientDataInLogs;
    this.incidentAccessConsent = incidentAccessConsent;
  }
}
