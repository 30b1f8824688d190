package fi.suoja.jpa.model.tenanted;

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

/**
 * {@link fi.suoja.jpa.model.SoloClient} after the move to multi-tenant: the same entity name and
 * table, with the {@code @TenantId} column added and filled with the former fixed tenant.
 */
@Entity(name = "SoloClient")
@PersonalData(subject = "client")
public class SoloClient {
  @Id public UUID id;
  @TenantId public String organisation;
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
}
