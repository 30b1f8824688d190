package fi.suoja.jpa.model;

import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Entity;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;

/**
 * The root of a TABLE_PER_CLASS hierarchy (see {@link NightVisitor}); encrypted attributes on both
 * levels.
 */
@Entity
@Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
@PersonalData(subject = "client")
public class Visitor extends PersonColumns {
  protected Visitor() {}

  public Visitor(String responsibleEmployee, String hetu) {
    super(responsibleEmployee, hetu);
  }
}
