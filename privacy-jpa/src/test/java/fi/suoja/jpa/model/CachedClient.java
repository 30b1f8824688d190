package fi.suoja.jpa.model;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A client record in the second-level cache. The concurrency strategy comes from {@code
 * hibernate.cache.default_cache_concurrency_strategy}, so one entity serves every cache setup of
 * {@code SecondLevelCacheTest}.
 */
@Entity
@Cacheable
@PersonalData(subject = "client")
public class CachedClient {
  @Id public UUID id;
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;

  @Encrypted(padToBucket = 16)
  @Column(length = 200)
  public String firstName;

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

  protected CachedClient() {}

  public CachedClient(String responsibleEmployee, String firstName, String lastName, String hetu) {
    this.id = UUID.randomUUID();
    this.responsibleEmployee = responsibleEmployee;
    this.firstName = firstName;
    this.lastName = lastName;
    this.hetu = hetu;
  }
}
