package fi.suoja.adoption;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** A person with a name. */
@MappedSuperclass
public class Person extends BaseEntity {
  @Column(name = "first_name")
  private String firstName;

  @Column(name = "last_name")
  private String lastName;

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
