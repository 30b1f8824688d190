package fi.suoja.jpa.model;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** The root of a TABLE_PER_CLASS hierarchy (see {@link NightVisitor}). */
@Entity
@Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
@PersonalData(subject = "client")
public class Visitor implements Hierarchy.Member {
  @Id public UUID id = UUID.randomUUID();
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;

  @Encrypted
  @Column(length = 200)
  public String hetu;

  @BlindIndex(of = "hetu", normalization = IndexNormalization.HETU)
  @Column(length = 64)
  public String hetuIndex;

  protected Visitor() {}

  public Visitor(String responsibleEmployee, String hetu) {
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
