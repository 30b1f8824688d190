package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.hibernate.annotations.TenantId;

/** A note with its own IDENTITY id, declared on the entity, of another type (Long). */
@Entity
@PersonalData(subject = "client")
public class NumberedNote {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @TenantId public String organisation;
  @Owner public String responsibleEmployee = "e-1";

  @Encrypted
  @Column(length = 200)
  public String text;

  protected NumberedNote() {}

  public NumberedNote(String text) {
    this.text = text;
  }
}
