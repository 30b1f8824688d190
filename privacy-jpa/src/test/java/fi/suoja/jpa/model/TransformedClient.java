package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.TenantId;

/** An encrypted column rewritten by SQL on its way in: refused at boot. */
@Entity
@PersonalData(subject = "client")
public class TransformedClient {
  @Id public UUID id = UUID.randomUUID();
  @TenantId public String organisation;

  @Encrypted
  @ColumnTransformer(write = "lower(?)")
  @Column(length = 200)
  public String lastName;
}
