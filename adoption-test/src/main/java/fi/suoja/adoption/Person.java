package fi.suoja.adoption;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** A person with a name. */
@MappedSuperclass
public class Person extends BaseEntity {
  @Encrypted
  @Column(name = "first_name")
  private String firstName;

  @Encrypted
  @Column(name = "last_name")
  private String lastName;

  @BlindIndex(of = "lastName")
  @Column(name = "last_name_index")
  private String lastNameIndex;

  @BlindIndex(of = "lastName", normalization = IndexNormalization.NAME, prefix = 3, bits = 16)
  @Column(name = "last_name_prefix")
  private String lastNamePrefix;

  public String getFirstName() {
    return firstName;
  }

  public void setFirstName(String firstName) {
    this.firstName = firstName;
  }

  public String getLastName() {
    return lastName;
  }

  public void setLastName(String lastName) {
    this.lastName = lastName;
  }
}
