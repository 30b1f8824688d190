package fi.suoja.benchmarks.jpa;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** The client with Suoja: 3 encrypted attributes, 1 blind index. */
@Entity
@PersonalData(subject = "client")
public class SealedClient {
  @Id public UUID id;
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;

  @Encrypted(padToBucket = 16, maxLength = 40)
  @Column(length = 218)
  public String firstName;

  @Encrypted(padToBucket = 16, maxLength = 40)
  @Column(length = 218)
  public String lastName;

  @Encrypted(maxLength = 11)
  @Column(length = 91)
  public String hetu;

  @BlindIndex(of = "hetu", normalization = IndexNormalization.HETU)
  @Column(length = 64)
  public String hetuIndex;

  public String municipality;

  protected SealedClient() {}

  SealedClient(String first, String last, String hetu, String municipality) {
    this.id = UUID.randomUUID();
    this.responsibleEmployee = "e-1";
    this.firstName = first;
    this.lastName = last;
    this.hetu = hetu;
    this.municipality = municipality;
  }
}
