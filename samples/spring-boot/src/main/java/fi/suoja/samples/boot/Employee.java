package fi.suoja.samples.boot;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.Owner;
import fi.suoja.annotation.PersonalData;
import fi.suoja.annotation.PersonalDataCategory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A care worker of an organisation: employee data. The employee owns their own record; the
 * organisation admin manages all of them; provider support sees them as accounts (account
 * management), never the clients behind them.
 */
@Entity
@PersonalData(subject = "employee")
public class Employee {
  @Id public UUID id;

  /** Set by Hibernate from the signed-in user's organisation. */
  @TenantId public String organisation;

  /** The sign-in name (Spring Security's user name): the employee owns their own record. */
  @Owner public String account;

  @PersonalData(category = PersonalDataCategory.NAME)
  @Encrypted(padToBucket = 16)
  @Column(length = 200)
  public String firstName;

  @PersonalData(category = PersonalDataCategory.NAME)
  @Encrypted(padToBucket = 16)
  @Column(length = 200)
  public String lastName;

  @PersonalData(category = PersonalDataCategory.CONTACT)
  @Encrypted(padToBucket = 32)
  @Column(length = 200)
  public String email;

  /** Equality search on the e-mail address without decrypting: Suoja fills it. */
  @BlindIndex(of = "email", normalization = IndexNormalization.EMAIL)
  @Column(length = 64)
  public String emailIndex;

  @PersonalData(category = PersonalDataCategory.CONTACT)
  @Encrypted(padToBucket = 16)
  @Column(length = 200)
  public String phone;

  @PersonalData(category = PersonalDataCategory.IDENTIFIER)
  @Encrypted
  @Column(length = 200)
  public String hetu;

  /** Not personal data: stored as it is. */
  public String jobTitle;

  protected Employee() {}

  public Employee(
      String account,
      String firstName,
      String lastName,
      String email,
      String phone,
      String hetu,
      String jobTitle) {
    this.id = UUID.randomUUID();
    this.account = account;
    this.firstName = firstName;
    this.lastName = lastName;
    this.email = email;
    this.phone = phone;
    this.hetu = hetu;
    this.jobTitle = jobTitle;
  }
}
