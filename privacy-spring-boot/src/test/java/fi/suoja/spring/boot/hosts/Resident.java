package fi.suoja.spring.boot.hosts;

import fi.suoja.annotation.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A resident of a care home: the host application's own entity, in its own migration. */
@Entity
@Table(name = "residents")
public class Resident {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Integer id;

  @Encrypted public String name;

  protected Resident() {}

  public Resident(String name) {
    this.name = name;
  }
}
