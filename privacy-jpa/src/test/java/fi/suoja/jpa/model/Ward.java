package fi.suoja.jpa.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A ward without personal data of its own, with a lazy collection of protected clients. */
@Entity
public class Ward {
  @Id public UUID id = UUID.randomUUID();

  public String name;

  @OneToMany
  @JoinColumn(name = "ward")
  public List<Client> clients = new ArrayList<>();

  protected Ward() {}

  public Ward(String name) {
    this.name = name;
  }
}
