package fi.suoja.samples.echat;

import fi.suoja.annotation.DataSubjectId;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.LegalRetention;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import fi.suoja.annotation.PersonalDataCategory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A message between an employee and a client: free text that may hold any personal data. */
@Entity
@PersonalData(subject = "client")
@LegalRetention(
    basis = "Act on Client Documents in Social Welfare 254/2015: client documents kept 12 years",
    period = "P12Y",
    from = "sentAt")
public class ChatMessage {
  @Id public UUID id;

  @TenantId public String organisation;

  /** The client's responsible employee: the messages follow the client's access rules. */
  @Owner public String employee;

  /** The client the conversation is about. */
  @DataSubjectId public String client;

  public Instant sentAt;

  public boolean fromClient;

  @PersonalData(category = PersonalDataCategory.FREE_TEXT)
  @Encrypted(padToBucket = 64)
  @Column(length = 2000)
  public String text;

  protected ChatMessage() {}

  public ChatMessage(
      String employee, UUID client, boolean fromClient, String text, Instant sentAt) {
    this.id = UUID.randomUUID();
    this.employee = employee;
    this.client = client.toString();
    this.fromClient = fromClient;
    this.text = text;
    this.sentAt = sentAt;
  }
}
