package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;

/** A SINGLE_TABLE subclass of {@link Resident} with an encrypted attribute of its own. */
@Entity
public class AssistedResident extends Resident implements Hierarchy.Sub {
  @Encrypted
  @Column(length = 300)
  public String careNeeds;

  protected AssistedResident() {}

  public AssistedResident(String responsibleEmployee, String hetu, String careNeeds) {
    super(responsibleEmployee, hetu);
    this.careNeeds = careNeeds;
  }

  @Override
  public String careNeeds() {
    return careNeeds;
  }

  @Override
  public void careNeeds(String value) {
    this.careNeeds = value;
  }
}
