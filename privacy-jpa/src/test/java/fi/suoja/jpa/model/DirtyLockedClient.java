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

/** Value-based optimistic locking: refused at boot for entities with encrypted attributes. */
@Entity
@DynamicUpdate
@org.hibernate.annotations.OptimisticLocking(type = org.hibernate.annotations.OptimisticLockType.DIRTY)
@PersonalData(subject = "client")
public class DirtyLockedClient {
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

  protected DirtyLockedClient() {}

  public DirtyLockedClient(String responsibleEmployee, String lastName, String hetu) {
    this.responsibleEmployee = responsibleEmployee;
    this.lastName = lastName;
    this.hetu = hetu;
  }
}
