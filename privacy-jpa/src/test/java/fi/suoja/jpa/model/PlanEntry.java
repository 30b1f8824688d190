package fi.suoja.jpa.model;

import fi.suoja.annotation.DataSubjectId;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Erasure;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** An entry of a care plan with an {@code @IdClass} id; anonymised on erasure. */
@Entity
@IdClass(PlanEntry.Key.class)
@PersonalData(subject = "client")
@Erasure(Erasure.Mode.ANONYMISE_FIELDS)
public class PlanEntry {
  @Id public UUID plan;
  @Id public int line;
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;
  @DataSubjectId public UUID clientId;

  @Encrypted
  @Column(length = 400)
  public String goal;

  @PersonalData public String contactPerson;

  /** The id class: plan and line. */
  public record Key(UUID plan, int line) implements Serializable {}

  protected PlanEntry() {}

  public PlanEntry(
      UUID plan, int line, String owner, UUID clientId, String goal, String contactPerson) {
    this.plan = plan;
    this.line = line;
    this.responsibleEmployee = owner;
    this.clientId = clientId;
    this.goal = goal;
    this.contactPerson = contactPerson;
  }
}
