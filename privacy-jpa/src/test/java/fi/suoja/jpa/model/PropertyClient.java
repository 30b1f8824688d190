package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Erasure;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A client mapped with property access: Hibernate reads and writes it through its getters and
 * setters (the JPA annotations sit on the getters; Suoja's, field-only, on the private fields of
 * the same names). The client is its own data subject (no {@code @DataSubjectId}); anonymised on
 * erasure, through its setters.
 */
@Entity
@Access(AccessType.PROPERTY)
@PersonalData(subject = "client")
@Erasure(Erasure.Mode.ANONYMISE_FIELDS)
public class PropertyClient {
  private UUID id;
  private String organisation;
  @Owner private String responsibleEmployee;

  @Encrypted private String name;

  @Encrypted private String hetu;

  @PersonalData private String phone;

  protected PropertyClient() {}

  public PropertyClient(String owner, String name, String hetu, String phone) {
    this.id = UUID.randomUUID();
    this.responsibleEmployee = owner;
    this.name = name;
    this.hetu = hetu;
    this.phone = phone;
  }

  @Id
  public UUID getId() {
    return id;
  }

  public void setId(UUID id) {
    this.id = id;
  }

  @TenantId
  public String getOrganisation() {
    return organisation;
  }

  public void setOrganisation(String organisation) {
    this.organisation = organisation;
  }

  public String getResponsibleEmployee() {
    return responsibleEmployee;
  }

  public void setResponsibleEmployee(String responsibleEmployee) {
    this.responsibleEmployee = responsibleEmployee;
  }

  @Column(length = 200)
  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  @Column(length = 200)
  public String getHetu() {
    return hetu;
  }

  public void setHetu(String hetu) {
    this.hetu = hetu;
  }

  public String getPhone() {
    return phone;
  }

  public void setPhone(String phone) {
    this.phone = phone;
  }
}
