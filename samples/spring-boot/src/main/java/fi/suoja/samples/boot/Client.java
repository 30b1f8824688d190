package fi.suoja.samples.boot;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import fi.suoja.annotation.PersonalDataCategory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A client of an organisation, the care data subject. Only the responsible employee reads and
 * updates it; the organisation admin may read it, audited as elevated; provider support only under
 * an incident grant the organisation gave.
 */
@Entity
@PersonalData(subject = "client")
public class Client {
  @Id public UUID id;

  @TenantId public String organisation;

  /** The responsible employee's sign-in name: the owner the care rules check. */
  @Owner public String responsibleEmployee;

  @PersonalData(category = PersonalDataCategory.NAME)
  @Encrypted(padToBucket = 16)
  @Column(length = 200)
  public String firstName;

  @PersonalData(category = PersonalDataCategory.NAME)
  @Encrypted(padToBucket = 16)
  @Column(length = 200)
  public String lastName;

  @PersonalData(category = PersonalDataCategory.IDENTIFIER)
  @Encrypted
  @Column(length = 200)
  public String hetu;

  /** What makes {@code Clients.findByHetu} work on a sealed column: Suoja fills it. */
  @BlindIndex(of = "hetu", normalization = IndexNormalization.HETU)
  @Column(length = 64)
  public String hetuIndex;

  @PersonalData(category = PersonalDataCategory.HEALTH)
  @Encrypted(padToBucket = 64)
  @Column(length = 4000)
  public String careNotes;

  protected Client() {}

  public Client(
      String responsibleEmployee, String firstName, String lastName, String hetu, String notes) {
    this.id = UUID.randomUUID();
    this.responsibleEmployee = responsibleEmployee;
    this.firstName = firstName;
    this.lastName = lastName;
    this.hetu = hetu;
    this.careNotes = notes;
  }
}
