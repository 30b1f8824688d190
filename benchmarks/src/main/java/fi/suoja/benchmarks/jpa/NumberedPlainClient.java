package fi.suoja.benchmarks.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.hibernate.annotations.TenantId;

/** {@link PlainClient} with an IDENTITY id: what IDENTITY costs without Suoja (no batching). */
@Entity
public class NumberedPlainClient {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @TenantId public String organisation;
  public String responsibleEmployee;

  @Column(length = 218)
  public String firstName;

  @Column(length = 218)
  public String lastName;

  @Column(length = 91)
  public String hetu;

  @Column(length = 64)
  public String hetuIndex;

  public String municipality;

  protected NumberedPlainClient() {}

  NumberedPlainClient(String first, String last, String hetu, String municipality) {
    this.responsibleEmployee = "e-1";
    this.firstName = first;
    this.lastName = last;
    this.hetu = hetu;
    this.municipality = municipality;
  }
}
