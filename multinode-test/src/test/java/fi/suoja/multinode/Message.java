package fi.suoja.multinode;

import fi.suoja.annotation.DataSubjectId;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A message about a client (the eChat model's message, cut down). */
@Entity
@PersonalData(subject = "client")
public class Message {
  @Id public UUID id;
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;
  @DataSubjectId public UUID clientId;

  @Encrypted
  @Column(length = 400)
  public String body;

  protected Message() {}

  public Message(UUID id, String owner, UUID clientId, String body) {
    this.id = id;
    this.responsibleEmployee = owner;
    this.clientId = clientId;
    this.body = body;
  }
}
