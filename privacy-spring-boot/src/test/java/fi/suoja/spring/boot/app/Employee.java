package fi.suoja.spring.boot.app;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A tenant's staff member; the account name is the user name Spring Security knows. */
@Entity
@PersonalData(subject = "employee")
public class Employee {
  @Id public UUID id;
  @TenantId public String organisation;
  @Owner public String account;

  @Encrypted
  @Column(length = 200)
  public String email;

  protected Employee() {}

  public Employee(String account, String email) {
    this.id = UUID.randomUUID();
    this.account = account;
    this.email = email;
  }
}
