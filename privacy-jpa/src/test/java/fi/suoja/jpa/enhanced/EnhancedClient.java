package fi.suoja.jpa.enhanced;

import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Entity;

/**
 * A client whose class Hibernate's bytecode enhancer rewrote (inline dirty tracking, lazy attribute
 * interception), as a build with the Hibernate Maven or Gradle plugin ships it.
 */
@Entity
@PersonalData(subject = "client")
public class EnhancedClient extends EnhancedColumns {
  protected EnhancedClient() {}

  public EnhancedClient(String responsibleEmployee, String lastName, String hetu) {
    super(responsibleEmployee, lastName, hetu);
  }
}
