package fi.suoja.jpa.model;

import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Entity;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;

/**
 * The root of a JOINED hierarchy (see {@link HomeCareClient}); encrypted attributes on both levels.
 */
@Entity
@Inheritance(strategy = InheritanceType.JOINED)
@PersonalData(subject = "client")
public class Person extends PersonColumns {
  protected Person() {}

  public Person(String responsibleEmployee, String hetu) {
    super(responsibleEmployee, hetu);
  }
}
