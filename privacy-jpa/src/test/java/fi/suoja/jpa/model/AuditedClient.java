package fi.suoja.jpa.model;

import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Entity;
import org.hibernate.envers.AuditOverride;
import org.hibernate.envers.Audited;

/** A client whose history Hibernate Envers keeps in its own audit table. */
@Entity
@Audited
@AuditOverride(forClass = ClientColumns.class)
@PersonalData(subject = "client")
public class AuditedClient extends ClientColumns {
  protected AuditedClient() {}

  public AuditedClient(String responsibleEmployee, String lastName, String hetu) {
    super(responsibleEmployee, lastName, hetu);
  }
}
