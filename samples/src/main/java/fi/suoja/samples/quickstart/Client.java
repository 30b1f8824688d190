package fi.suoja.samples.quickstart;

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

// The README quick start's entity, compiled here so the README cannot drift from the API:
// ReadmeQuickStartTest compares the tagged region with the README's snippet.
// tag::annotate[]
/** A client of a care organisation: the data subject. */
@Entity
@PersonalData(subject = "client")
public class Client {
  @Id UUID id = UUID.randomUUID(); // or a database IDENTITY id (docs/JPA.md)
  @TenantId String organisation; // Hibernate's @TenantId: set from the acting user's tenant
  @Owner String responsibleEmployee; // the user id of the employee the client belongs to

  @Encrypted(padToBucket = 16)
  @Column(length = 120)
  String firstName;

  @Encrypted(padToBucket = 16)
  @Column(length = 120)
  String lastName;

  @Encrypted
  @Column(length = 120)
  String hetu;

  @BlindIndex(of = "hetu", normalization = IndexNormalization.HETU)
  @Column(length = 16)
  String hetuIndex; // maintained by Suoja, for lookups by HETU
}
// end::annotate[]
