package fi.suoja.jpa.model;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A client's relative, with an 8-bit name index (collisions happen) and an eager association to
 * another relative: loading one loads the other by a second select, before a query's later row may
 * return it as an already managed entity.
 */
@Entity
@PersonalData(subject = "client")
public class Relative {
  @Id public UUID id;
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;

  @Encrypted
  @Column(length = 200)
  public String name;

  @BlindIndex(of = "name", normalization = IndexNormalization.NAME, bits = 8)
  @Column(length = 64)
  public String nameIndex;

  @ManyToOne public Relative guardian;

  protected Relative() {}

  public Relative(String responsibleEmployee, String name, Relative guardian) {
    this.id = UUID.randomUUID();
    this.responsibleEmployee = responsibleEmployee;
    this.name = name;
    this.guardian = guardian;
  }
}
