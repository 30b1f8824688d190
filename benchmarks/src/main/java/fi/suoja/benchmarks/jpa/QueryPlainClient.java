package fi.suoja.benchmarks.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/**
 * {@link PlainClient} for the queries of {@link JpaQueryBenchmark}: a numeric id the application
 * assigns (so the benchmark can fill a large table with one {@code INSERT ... SELECT}), database
 * indexes on the employee and the HETU.
 */
@Entity
@Table(indexes = {@Index(columnList = "responsibleEmployee"), @Index(columnList = "hetu")})
public class QueryPlainClient {
  @Id public Long id;
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

  protected QueryPlainClient() {}

  QueryPlainClient(long id, String employee, String first, String last, String hetu) {
    this.id = id;
    this.responsibleEmployee = employee;
    this.firstName = first;
    this.lastName = last;
    this.hetu = hetu;
    this.municipality = "old";
  }
}
