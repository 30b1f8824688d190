package fi.suoja.jpa.model;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import org.hibernate.annotations.TenantId;
import org.hibernate.envers.Audited;

/**
 * A client of an app that adopted Suoja by annotating personal fields only: its IDENTITY id is
 * inherited from {@link Numbered}, the entity hierarchy is the app's own.
 */
@Entity
@Audited
@Cacheable
@PersonalData(subject = "client")
public class PetOwner extends Numbered {
  @TenantId public String organisation;
  @Owner public String responsibleEmployee;

  @Encrypted(padToBucket = 16)
  @Column(length = 200, nullable = false)
  public String lastName;

  @BlindIndex(of = "lastName", normalization = IndexNormalization.NAME)
  @Column(length = 64)
  public String lastNameIndex;

  @Encrypted
  @Column(length = 200)
  public String telephone;

  public String city;

  protected PetOwner() {}

  public PetOwner(String responsibleEmployee, String lastName, String telephone) {
    this.responsibleEmployee = responsibleEmployee;
    this.lastName = lastName;
    this.telephone = telephone;
  }
}
