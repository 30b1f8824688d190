package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.NaturalIdCache;
import org.hibernate.annotations.TenantId;

/** An encrypted attribute as a (cached) natural id: Suoja refuses this mapping at boot. */
@Entity
@Cacheable
@NaturalIdCache
@PersonalData(subject = "client")
public class NaturalNote {
  @Id public UUID id;
  @TenantId public String organisation;
  @Owner public String author;

  @NaturalId(mutable = true)
  @Encrypted
  @Column(length = 400)
  public String code;

  public String other;

  protected NaturalNote() {}

  public NaturalNote(String author, String code) {
    this.id = UUID.randomUUID();
    this.author = author;
    this.code = code;
  }
}
