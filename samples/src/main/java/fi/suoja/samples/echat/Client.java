package fi.suoja.samples.echat;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Erasure;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import fi.suoja.annotation.PersonalDataCategory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A client of an organisation: the care data subject. */
@Entity
@PersonalData(subject = "client")
@Erasure(value = Erasure.Mode.DELETE_RECORD, subjectKey = true) // sealed under Helmi's own key
public class Client {
  @Id public UUID id;

  @TenantId public String organisation;

  /** The responsible employee's user id. */
  @Owner public String responsibleEmployee;

  @PersonalData(category = PersonalDataCategory.NAME)
  @Encrypted(padToBucket = 16)
  @Column(length = 120)
  public String firstName;

  @PersonalData(category = PersonalDataCategory.NAME)
  @Encrypted(padToBucket = 16)
  @Column(length = 120)
  public String lastName;

  @PersonalData(category = PersonalDataCategory.IDENTIFIER)
  @Encrypted
  @Column(length = 120)
  public String hetu;

  @BlindIndex(of = "hetu", normalization = IndexNormalization.HETU)
  @Column(length = 16)
  public String hetuIndex;

  protected Client() {}

  public Client(String responsibleEmployee, String firstName, String lastName, String hetu) {
    this.id = UUID.randomUUID();
    this.responsibleEmployee = responsibleEmployee;
    this.firstName = firstName;
    this.lastName = lastName;
    this.hetu = hetu;
  }
}
