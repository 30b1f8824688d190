package fi.suoja.spring.boot.app;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** A tenant: no personal data, so Suoja leaves it alone. */
@Entity
public class Organisation {
  @Id public UUID id;
  public String code;
  public String name;

  protected Organisation() {}

  public Organisation(String code, String name) {
    this.id = UUID.randomUUID();
    this.code = code;
    this.name = name;
  }
}
