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
 * The columns of the roots of the test hierarchies ({@link Person}, {@link Resident}, {@link
 * Visitor}), declared once; a mapped superclass above an entity root, whose attributes the root's
 * sweep covers.
 */
@MappedSuperclass
public abstract class PersonColumns implements Hierarchy.Member {
  @Id public UUID id = UUID.randomUUID();
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;

  @Encrypted
  @Column(length = 200)
  public String hetu;

  @BlindIndex(of = "hetu", normalization = IndexNormalization.HETU)
  @Column(length = 64)
  public String hetuIndex;

  protected PersonColumns() {}

  protected PersonColumns(String responsibleEmployee, String hetu) {
    this.responsibleEmployee = responsibleEmployee;
    this.hetu = hetu;
  }

  @Override
  public UUID id() {
    return id;
  }

  @Override
  public String hetu() {
    return hetu;
  }
}
