package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** Keeps {@link HomeAddress}es in an element collection. */
@Entity
@PersonalData(subject = "client")
public class AddressBookClient {
  @Id public UUID id = UUID.randomUUID();
  @TenantId public String organisation;
  @Encrypted public String lastName;
  @ElementCollection public List<HomeAddress> addresses = new ArrayList<>();
}
