package fi.suoja.jpa.model;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A client with optimistic locking: {@code @Version} must count real changes only. */
@Entity
@PersonalData(subject = "client")
public class VersionedClient {
  @Id public UUID id = UUID.randomUUID();
  @Version public long version;
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

  protected VersionedClient() {}

  public VersionedClient(String responsibleEmployee, String lastName, String hetu) {
    this.responsibleEmployee = responsibleEmployee;
    this.lastName = lastName;
    this.hetu = hetu;
  }
}
