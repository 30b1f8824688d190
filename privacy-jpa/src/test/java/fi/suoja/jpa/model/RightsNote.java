package fi.suoja.jpa.model;

import fi.suoja.annotation.DataSubjectId;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Erasure;
import fi.suoja.annotation.LegalRetention;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A care note kept 12 years after its case closed; anonymised on erasure. */
@Entity
@PersonalData(subject = "client")
@Erasure(value = Erasure.Mode.ANONYMISE_FIELDS, subjectKey = true)
@LegalRetention(basis = "Potilasasiakirja-asetus 298/2009 12 §", period = "P12Y", from = "closedOn")
public class RightsNote {
  @Id public UUID id;
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;
  @DataSubjectId public UUID clientId;

  @Encrypted
  @Column(length = 400)
  public String text;

  public LocalDate closedOn;

  protected RightsNote() {}

  public RightsNote(String owner, UUID clientId, String text, LocalDate closedOn) {
    this.id = UUID.randomUUID();
    this.responsibleEmployee = owner;
    this.clientId = clientId;
    this.text = text;
    this.closedOn = closedOn;
  }
}
