package fi.suoja.jpa.enhanced;

import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Entity;
import org.hibernate.annotations.DynamicUpdate;

/** {@link EnhancedClient}, updated with {@code @DynamicUpdate}. */
@Entity
@DynamicUpdate
@PersonalData(subject = "client")
public class EnhancedDynamicClient extends EnhancedColumns {
  protected EnhancedDynamicClient() {}

  public EnhancedDynamicClient(String responsibleEmployee, String lastName, String hetu) {
    super(responsibleEmployee, lastName, hetu);
  }
}
