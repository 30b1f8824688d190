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
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.TenantId;

/** A client updated with {@code @DynamicUpdate}: only changed columns are written. */
@Entity
@DynamicUpdate
@PersonalData(subject = "client")
public class DynamicClient {
  @Id public UUID id = UUID.randomUUID();
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;

  @Encrypted(padToBucket = 16)
  @Column(length = 200)
  public String lastName;

  @Encrypted
  @Column(length = 200)
  public String hetu;

  @BlindIndex(of = "hetu", normalization = IndexNormalization.HETU)
  @Column(length = 64)
  public String hetuIndex;

  public String municipality;

  protected DynamicClient() {}

  public DynamicClient(String responsibleEmployee, String lastName, String hetu) {
    this.responsibleEmployee = responsibleEmployee;
    this.lastName = lastName;
    this.hetu = hetu;
  }
}
