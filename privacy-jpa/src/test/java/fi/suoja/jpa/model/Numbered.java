package fi.suoja.jpa.model;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * The shared base of an ordinary Spring Data app (PetClinic's {@code BaseEntity}): the database
 * assigns the id on insert, and every entity inherits it.
 */
@MappedSuperclass
public abstract class Numbered {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Integer id;
}
