package fi.suoja.jpa.model;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A prefix index over a HETU: refused at boot (a HETU prefix is a birth date). */
@Entity
@Table(name = "i22_hetu_prefix_client")
public class HetuPrefixClient {
  @Id public UUID id;
  @TenantId public String organisation;

  @Encrypted
  @Column(length = 200)
  public String hetu;

  @BlindIndex(of = "hetu", normalization = IndexNormalization.HETU, prefix = 6)
  @Column(length = 64)
  public String hetuPrefix;
}
