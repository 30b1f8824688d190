package fi.suoja.benchmarks.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** The same client without Suoja: the baseline (same columns, widths and tenant filter). */
@Entity
public class PlainClient {
  @Id public UUID id;
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

  protected PlainClient() {}

  PlainClient(String first, String last, String hetu, String municipality) {
    this.id = UUID.randomUUID();
    this.responsibleEmployee = "e-1";
    this.firstName = first;
    this.lastName = last;
    this.hetu = hetu;
    this.municipality = municipality;
  }
}
