package fi.suoja.benchmarks.jpa;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.hibernate.annotations.TenantId;

/** {@link SealedClient} with an id the database assigns (IDENTITY): sealed in two statements. */
@Entity
@PersonalData(subject = "client")
public class NumberedSealedClient {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

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

  protected NumberedSealedClient() {}

  NumberedSealedClient(String first, String last, String hetu, String municipality) {
    this.responsibleEmployee = "e-1";
    this.firstName = first;
    this.lastName = last;
    this.hetu = hetu;
    this.municipality = municipality;
  }
}
