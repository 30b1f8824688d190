package fi.suoja.samples.echat;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import fi.suoja.annotation.PersonalDataCategory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.TenantId;

/** A care worker of an organisation: the employee data of the eChat model. */
@Entity
@PersonalData(subject = "employee")
public class Employee {
  /** The employee's user id (a personal account, never shared). */
  @Id public String userId;

  @TenantId public String organisation;

  /** An employee's account belongs to the employee. */
  @Owner public String self;

  @PersonalData(category = PersonalDataCategory.NAME)
  @Encrypted(padToBucket = 16)
  @Column(length = 120)
  public String firstName;

  @PersonalData(category = PersonalDataCategory.NAME)
  @Encrypted(padToBucket = 16)
  @Column(length = 120)
  public String lastName;

  @PersonalData(category = PersonalDataCategory.CONTACT)
  @Encrypted(padToBucket = 32)
  @Column(length = 160)
  public String email;

  @BlindIndex(of = "email", normalization = IndexNormalization.EMAIL)
  @Column(length = 16)
  public String emailIndex;

  @PersonalData(category = PersonalDataCategory.CONTACT)
  @Encrypted(padToBucket = 16)
  @Column(length = 120)
  public String phone;

  @PersonalData(category = PersonalDataCategory.IDENTIFIER)
  @Encrypted
  @Column(length = 120)
  public String hetu;

  public String jobTitle;

  /** Comma-separated role names, e.g. {@code EMPLOYEE,ORG_ADMIN}. */
  public String roles;

  protected Employee() {}

  public Employee(
      String userId,
      String firstName,
      String lastName,
      String email,
      String phone,
      String hetu,
      String jobTitle,
      String roles) {
    this.userId = userId;
    this.self = userId;
    this.firstName = firstName;
    this.lastName = lastName;
    this.email = email;
    this.phone = phone;
    this.hetu = hetu;
    this.jobTitle = jobTitle;
    this.roles = roles;
  }
}
