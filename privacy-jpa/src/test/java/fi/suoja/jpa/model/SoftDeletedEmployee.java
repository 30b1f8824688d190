package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.SoftDelete;
import org.hibernate.annotations.TenantId;

/** An employee record Hibernate deletes softly (a flag column instead of a DELETE). */
@Entity
@SoftDelete
@PersonalData(subject = "employee")
public class SoftDeletedEmployee {
  @Id public String userId;
  @TenantId public String organisation;
  @Owner public String self;

  @Encrypted
  @Column(length = 200)
  public String email;

  protected SoftDeletedEmployee() {}

  public SoftDeletedEmployee(String userId, String email) {
    this.userId = userId;
    this.self = userId;
    this.email = email;
  }
}
