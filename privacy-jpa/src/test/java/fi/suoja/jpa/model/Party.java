package fi.suoja.jpa.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A JOINED root without encrypted attributes, whose subclass {@link PrivateParty} has one. */
@Entity
@Inheritance(strategy = InheritanceType.JOINED)
public class Party {
  @Id public UUID id = UUID.randomUUID();
  @TenantId public String organisation;
  public String kind;
}
