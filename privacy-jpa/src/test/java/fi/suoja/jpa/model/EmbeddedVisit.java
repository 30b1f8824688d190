package fi.suoja.jpa.model;

import fi.suoja.annotation.DataSubjectId;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Erasure;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A home-care visit with an {@code @EmbeddedId}; deleted on erasure. */
@Entity
@PersonalData(subject = "client")
@Erasure(Erasure.Mode.DELETE_RECORD)
public class EmbeddedVisit {
  @EmbeddedId public VisitKey id;
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;
  @DataSubjectId public UUID clientId;

  @Encrypted
  @Column(length = 400)
  public String observation;

  protected EmbeddedVisit() {}

  public EmbeddedVisit(VisitKey id, String owner, UUID clientId, String observation) {
    this.id = id;
    this.responsibleEmployee = owner;
    this.clientId = clientId;
    this.observation = observation;
  }
}
