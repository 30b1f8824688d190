package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.TenantId;

@Entity
@PersonalData(subject = "employee")
public class Employee {
  /** The employee's user id is the record id. */
  @Id public String userId;

  @TenantId public String organisation;
  @Owner public String self;

  @Encrypted
  @Column(length = 200)
  public String email;

  public String jobTitle;

  protected Employee() {}

  public Employee(String userId, String email, String jobTitle) {
    this.userId = userId;
    this.self = userId;
    this.email = email;
    this.jobTitle = jobTitle;
  }
}
