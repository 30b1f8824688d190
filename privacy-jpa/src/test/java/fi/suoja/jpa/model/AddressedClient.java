package fi.suoja.jpa.model;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** Embeds {@link HomeAddress}; has no encrypted attribute of its own. */
@Entity
public class AddressedClient {
  @Id public UUID id = UUID.randomUUID();
  @TenantId public String organisation;
  @Embedded public HomeAddress home;
}
