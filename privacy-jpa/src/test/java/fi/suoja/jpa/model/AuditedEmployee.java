package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.TenantId;
import org.hibernate.envers.Audited;

/** An employee record whose history Hibernate Envers keeps (an org admin may delete it). */
@Entity
@Audited
@PersonalData(subject = "employee")
public class AuditedEmployee {
  @Id public String userId;
  @TenantId public String organisation;
  @Owner public String self;

  @Encrypted
  @Column(length = 200)
  public String email;

  protected AuditedEmployee() {}

  public AuditedEmployee(String userId, String email) {
    this.userId = userId;
    this.self = userId;
    this.email = email;
  }
}
