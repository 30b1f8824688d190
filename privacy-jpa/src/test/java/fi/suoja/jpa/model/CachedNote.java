package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;

/**
 * An immutable, cacheable record with an encrypted attribute: the kind of entity Hibernate may
 * cache by reference ({@code hibernate.cache.use_reference_entries}), which Suoja refuses.
 */
@Entity
@Immutable
@Cacheable
@PersonalData(subject = "client")
public class CachedNote {
  @Id public UUID id;
  @TenantId public String organisation;
  @Owner public String author;

  @Encrypted
  @Column(length = 400)
  public String text;

  protected CachedNote() {}

  public CachedNote(String author, String text) {
    this.id = UUID.randomUUID();
    this.author = author;
    this.text = text;
  }
}
