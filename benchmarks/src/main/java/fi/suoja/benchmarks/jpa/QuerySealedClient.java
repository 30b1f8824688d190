package fi.suoja.benchmarks.jpa;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/**
 * {@link SealedClient} for the queries of {@link JpaQueryBenchmark}: a numeric id the application
 * assigns, database indexes on the owner and the HETU's blind index.
 */
@Entity
@PersonalData(subject = "client")
@Table(indexes = {@Index(columnList = "responsibleEmployee"), @Index(columnList = "hetuIndex")})
public class QuerySealedClient {
  @Id public Long id;
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

  protected QuerySealedClient() {}

  QuerySealedClient(long id, String employee, String first, String last, String hetu) {
    this.id = id;
    this.responsibleEmployee = employee;
    this.firstName = first;
    this.lastName = last;
    this.hetu = hetu;
    this.municipality = "old";
  }
}
