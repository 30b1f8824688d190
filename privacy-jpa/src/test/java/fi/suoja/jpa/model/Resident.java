package fi.suoja.jpa.model;

import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Entity;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;

/**
 * The root of a SINGLE_TABLE hierarchy (see {@link AssistedResident}); encrypted attributes on both
 * levels.
 */
@Entity
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
@PersonalData(subject = "client")
public class Resident extends PersonColumns {
  protected Resident() {}

  public Resident(String responsibleEmployee, String hetu) {
    super(responsibleEmployee, hetu);
  }
}
