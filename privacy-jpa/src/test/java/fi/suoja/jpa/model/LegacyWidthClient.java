package fi.suoja.jpa.model;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A client over a table that exists before the app adopts Suoja: the mapping says one width, the
 * database may hold another ({@code RealColumnWidthTest}).
 */
@Entity
@PersonalData(subject = "client")
public class LegacyWidthClient {
  @Id
  @Column(length = 36)
  public String id = UUID.randomUUID().toString();

  @TenantId
  @Column(length = 64)
  public String organisation;

  @Owner
  @Column(length = 64)
  public String responsibleEmployee = "e-1";

  /** 40 characters at worst 3 UTF-8 bytes, padded to 16: 218 characters of envelope. */
  @Encrypted(maxLength = 40, padToBucket = 16)
  @Column(length = 218)
  public String lastName;

  /** No budget, no length: the mapping says 255. */
  @Encrypted public String note;

  /** 32 bits, stored as 8 hex characters. */
  @BlindIndex(of = "lastName", normalization = IndexNormalization.NAME)
  public String lastNameIndex;
}
