package fi.suoja.multinode;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A client of the harness's app (the eChat model's client, cut down). */
@Entity
@PersonalData(subject = "client")
public class Client {
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

  protected Client() {}

  public Client(UUID id, String owner, String firstName, String lastName, String hetu) {
    this.id = id;
    this.responsibleEmployee = owner;
    this.firstName = firstName;
    this.lastName = lastName;
    this.hetu = hetu;
  }
}
