package fi.suoja.jpa.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Orders its clients by an encrypted attribute: the database would sort ciphertext. Refused. */
@Entity
public class Caseload {
  @Id public UUID id = UUID.randomUUID();

  @OneToMany
  @JoinColumn(name = "caseload")
  @OrderBy("lastName")
  public List<Client> clients = new ArrayList<>();
}
