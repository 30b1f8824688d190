package fi.suoja.jpa.model;

import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Entity;
import jakarta.persistence.Version;

/** A client with optimistic locking: {@code @Version} must count real changes only. */
@Entity
@PersonalData(subject = "client")
public class VersionedClient extends ClientColumns {
  @Version public long version;

  protected VersionedClient() {}

  public VersionedClient(String responsibleEmployee, String lastName, String hetu) {
    super(responsibleEmployee, lastName, hetu);
  }
}
