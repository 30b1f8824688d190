package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** One character too narrow for an 11-character HETU, and a name column far too narrow. */
@Entity
@PersonalData(subject = "client")
public class NarrowClient {
  @Id public UUID id = UUID.randomUUID();
  @TenantId public String organisation;

  @Encrypted(maxLength = 11)
  @Column(length = 90)
  public String hetu;

  @Encrypted(padToBucket = 16, maxLength = 40)
  @Column(length = 100)
  public String lastName;
}
