package fi.suoja.jpa.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An entity without personal data: Suoja leaves its queries alone. */
@Entity
public class Team {
  @Id public String id;
  public String name;

  protected Team() {}

  public Team(String id, String name) {
    this.id = id;
    this.name = name;
  }
}
