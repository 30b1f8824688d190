package fi.suoja.jpa.model;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A client searchable by the beginning of its last name through a prefix index. */
@Entity
@Table(name = "i22_prefix_client")
@PersonalData(subject = "client")
public class PrefixClient {
  @Id public UUID id;
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;

  @Encrypted(padToBucket = 16)
  @Column(length = 200)
  public String lastName;

  @BlindIndex(of = "lastName", normalization = IndexNormalization.NAME)
  @Column(length = 64)
  public String lastNameIndex;

  @BlindIndex(of = "lastName", normalization = IndexNormalization.NAME, prefix = 3, bits = 16)
  @Column(length = 64)
  public String lastNamePrefix;

  protected PrefixClient() {}

  public PrefixClient(String responsibleEmployee, String lastName) {
    this.id = UUID.randomUUID();
    this.responsibleEmployee = responsibleEmployee;
    this.lastName = lastName;
  }
}
