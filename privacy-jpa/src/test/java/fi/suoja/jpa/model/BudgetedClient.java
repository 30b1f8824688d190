package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * Columns exactly as wide as docs/OPERATIONS.md says for an 11-character HETU (91) and a
 * 40-character name padded to 16 (218); a free-text note without a budget in a 120-wide column; a
 * LOB without a limit.
 */
@Entity
@PersonalData(subject = "client")
public class BudgetedClient {
  @Id public UUID id = UUID.randomUUID();
  @TenantId public String organisation;
  @Owner public String responsibleEmployee = "e-1";

  @Encrypted(maxLength = 11)
  @Column(length = 91)
  public String hetu;

  @Encrypted(padToBucket = 16, maxLength = 40)
  @Column(length = 218)
  public String lastName;

  @Encrypted
  @Column(length = 120)
  public String note;

  @Encrypted(maxLength = 100_000)
  @Lob
  public String story;
}
