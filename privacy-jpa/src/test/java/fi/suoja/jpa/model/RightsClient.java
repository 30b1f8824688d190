package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Erasure;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A client whose record is deleted on erasure and whose values are sealed under its own key. */
@Entity
@PersonalData(subject = "client")
@Erasure(value = Erasure.Mode.DELETE_RECORD, subjectKey = true)
public class RightsClient {
  @Id public UUID id;
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;

  @Encrypted
  @Column(length = 200)
  public String name;

  @Encrypted
  @Column(length = 200)
  public String hetu;

  public String municipality;

  protected RightsClient() {}

  public RightsClient(String owner, String name, String hetu) {
    this.id = UUID.randomUUID();
    this.responsibleEmployee = owner;
    this.name = name;
    this.hetu = hetu;
    this.municipality = "Tampere";
  }
}
