package fi.suoja.jpa.model;

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

/** A client's contact person, with a deliberately short (8-bit) name index: collisions happen. */
@Entity
@PersonalData(subject = "client")
public class Contact {
  @Id public UUID id;
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;

  @Encrypted
  @Column(length = 200)
  public String lastName;

  @BlindIndex(of = "lastName", normalization = IndexNormalization.NAME, bits = 8)
  @Column(length = 64)
  public String lastNameIndex;

  @Encrypted
  @Column(length = 200)
  public String phone;

  protected Contact() {}

  public Contact(String responsibleEmployee, String lastName, String phone) {
    this.id = UUID.randomUUID();
    this.responsibleEmployee = responsibleEmployee;
    this.lastName = lastName;
    this.phone = phone;
  }
}
