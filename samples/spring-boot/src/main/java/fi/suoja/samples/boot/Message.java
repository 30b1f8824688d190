package fi.suoja.samples.boot;

import fi.suoja.annotation.DataSubjectId;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import fi.suoja.annotation.PersonalDataCategory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A chat message between an employee and a client: free text that may hold any personal data, so it
 * follows the client's access rules (owned by the client's responsible employee).
 */
@Entity
@PersonalData(subject = "client")
public class Message {
  @Id public UUID id;

  @TenantId public String organisation;

  @Owner public String employee;

  /** The client the conversation is about. */
  @DataSubjectId public String client;

  public Instant sentAt;

  public boolean fromClient;

  @PersonalData(category = PersonalDataCategory.FREE_TEXT)
  @Encrypted(padToBucket = 64)
  @Column(length = 4000)
  public String text;

  protected Message() {}

  public Message(Client client, boolean fromClient, String text, Instant sentAt) {
    this.id = UUID.randomUUID();
    this.employee = client.responsibleEmployee;
    this.client = client.id.toString();
    this.fromClient = fromClient;
    this.text = text;
    this.sentAt = sentAt;
  }
}
