package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.SecondaryTable;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** An encrypted attribute in a secondary table: refused at boot (the sweeps could not reach it). */
@Entity
@SecondaryTable(name = "SplitClientNotes")
@PersonalData(subject = "client")
public class SplitClient {
  @Id public UUID id = UUID.randomUUID();
  @TenantId public String organisation;
  @Owner public String responsibleEmployee = "e-1";

  @Encrypted
  @Column(length = 200)
  public String lastName;

  @Encrypted
  @Column(table = "SplitClientNotes", length = 300)
  public String notes;
}
