package fi.suoja.jpa.enhanced;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * The columns and accessors of the enhanced test entities ({@link EnhancedClient}, {@link
 * EnhancedDynamicClient}), enhanced with them: field writes in these accessors are what the
 * enhancer turns into tracked changes.
 */
@MappedSuperclass
public abstract class EnhancedColumns implements ClientRecord {
  @Id private UUID id = UUID.randomUUID();

  // mapped columns: Hibernate reads them, no accessor does
  @SuppressWarnings("UnusedVariable")
  @TenantId
  private String organisation;

  @SuppressWarnings("UnusedVariable")
  @Owner
  private String responsibleEmployee;

  @Encrypted(padToBucket = 16)
  @Column(length = 200)
  private String lastName;

  @Encrypted
  @Column(length = 200)
  private String hetu;

  @BlindIndex(of = "hetu", normalization = IndexNormalization.HETU)
  @Column(length = 64)
  private String hetuIndex;

  private String municipality;

  protected EnhancedColumns() {}

  protected EnhancedColumns(String responsibleEmployee, String lastName, String hetu) {
    this.responsibleEmployee = responsibleEmployee;
    this.lastName = lastName;
    this.hetu = hetu;
  }

  @Override
  public UUID id() {
    return id;
  }

  @Override
  public String lastName() {
    return lastName;
  }

  @Override
  public void lastName(String value) {
    this.lastName = value;
  }

  @Override
  public String hetu() {
    return hetu;
  }

  @Override
  public void hetu(String value) {
    this.hetu = value;
  }

  @Override
  public String municipality() {
    return municipality;
  }

  @Override
  public void municipality(String value) {
    this.municipality = value;
  }

  @Override
  public void responsibleEmployee(String value) {
    this.responsibleEmployee = value;
  }
}
