package fi.suoja.jpa.enhanced;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.hibernate.annotations.TenantId;

/** A bytecode-enhanced entity whose id the database assigns (IDENTITY). */
@Entity
@PersonalData(subject = "client")
@SuppressWarnings("UnusedVariable") // mapped columns Hibernate reads and writes, not Java code
public class EnhancedNumberedClient implements NumberedRecord {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  // mapped columns: Hibernate reads them, no accessor does
  @SuppressWarnings("UnusedVariable")
  @TenantId
  private String organisation;

  @SuppressWarnings("UnusedVariable")
  @Owner
  private String responsibleEmployee = "e-1";

  @Encrypted
  @Column(length = 200)
  private String lastName;

  protected EnhancedNumberedClient() {}

  public EnhancedNumberedClient(String lastName) {
    this.lastName = lastName;
  }

  @Override
  public Integer id() {
    return id;
  }

  @Override
  public String lastName() {
    return lastName;
  }

  @Override
  public void lastName(String value) {
    this.lastName = value;
  }
}
