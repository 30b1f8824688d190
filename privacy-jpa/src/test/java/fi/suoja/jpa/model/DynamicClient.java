package fi.suoja.jpa.model;

import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Entity;
import org.hibernate.annotations.DynamicUpdate;

/** A client updated with {@code @DynamicUpdate}: only changed columns are written. */
@Entity
@DynamicUpdate
@PersonalData(subject = "client")
public class DynamicClient extends ClientColumns {
  protected DynamicClient() {}

  public DynamicClient(String responsibleEmployee, String lastName, String hetu) {
    super(responsibleEmployee, lastName, hetu);
  }
}
