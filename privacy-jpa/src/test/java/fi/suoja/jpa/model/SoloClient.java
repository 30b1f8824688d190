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

/** A client of a single-tenant deployment: no {@code @TenantId} column. */
@Entity(name = "SoloClient")
@PersonalData(subject = "client")
public class SoloClient {
  @Id public UUID id;
  @Owner public String responsibleEmployee;

  @Encrypted
  @Column(length = 200)
  public String lastName;

  @Encrypted
  @Column(length = 200)
  public String hetu;

  @BlindIndex(of = "hetu", normalization = IndexNormalization.HETU)
  @Column(length = 64)
  public String hetuIndex;

  protected SoloClient() {}

  public SoloClient(String responsibleEmployee, String lastName, String hetu) {
    this.id = UUID.randomUUID();
    this.responsibleEmployee = responsibleEmployee;
    this.lastName = lastName;
    this.hetu = hetu;
  }
}
