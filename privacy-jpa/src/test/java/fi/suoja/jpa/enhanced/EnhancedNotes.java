package fi.suoja.jpa.enhanced;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** An encrypted attribute the enhanced entity would fetch lazily: refused at boot. */
@Entity
@PersonalData(subject = "client")
public class EnhancedNotes {
  @Id public UUID id = UUID.randomUUID();
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;

  @Encrypted
  @Basic(fetch = FetchType.LAZY)
  @Column(length = 300)
  public String notes;
}
