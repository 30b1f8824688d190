package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.LegalRetention;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import java.time.LocalDate;
import org.hibernate.annotations.TenantId;

/**
 * A visit with an {@code @EmbeddedId}, no {@code @DataSubjectId} and a legal hold: its records
 * cannot be found by a subject id, nor paged by the retention job.
 */
@Entity
@PersonalData(subject = "client")
@LegalRetention(basis = "test", period = "P1Y", from = "closedOn")
public class HeldVisit {
  @EmbeddedId public VisitKey id;
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;

  @Encrypted
  @Column(length = 400)
  public String observation;

  public LocalDate closedOn;

  protected HeldVisit() {}

  public HeldVisit(VisitKey id, String owner, String observation, LocalDate closedOn) {
    this.id = id;
    this.responsibleEmployee = owner;
    this.observation = observation;
    this.closedOn = closedOn;
  }
}
