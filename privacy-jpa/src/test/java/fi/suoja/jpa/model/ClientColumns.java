package fi.suoja.jpa.model;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * The columns of a client, declared once for the entities that differ only in how Hibernate writes
 * them ({@link VersionedClient}, {@link DynamicClient}, {@link DirtyLockedClient}); also shows that
 * Suoja's annotations work on a mapped superclass.
 */
@MappedSuperclass
public abstract class ClientColumns {
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

  protected ClientColumns() {}

  protected ClientColumns(String responsibleEmployee, String lastName, String hetu) {
    this.responsibleEmployee = responsibleEmployee;
    this.lastName = lastName;
    this.hetu = hetu;
  }
}
