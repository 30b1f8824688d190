package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import org.hibernate.annotations.TenantId;

/** The root of a JOINED hierarchy whose IDENTITY id comes from {@link Numbered}. */
@Entity
@Inheritance(strategy = InheritanceType.JOINED)
@PersonalData(subject = "client")
public class NumberedParty extends Numbered {
  @TenantId public String organisation;
  @Owner public String responsibleEmployee = "e-1";

  @Encrypted
  @Column(length = 200)
  public String name;
}
