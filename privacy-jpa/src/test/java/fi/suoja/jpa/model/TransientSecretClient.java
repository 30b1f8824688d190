package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Transient;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** An {@code @Encrypted} attribute Hibernate does not persist: refused at boot. */
@Entity
@PersonalData(subject = "client")
public class TransientSecretClient {
  @Id public UUID id = UUID.randomUUID();
  @TenantId public String organisation;
  @Encrypted public String lastName;
  @Encrypted @Transient public String nickname;
}
