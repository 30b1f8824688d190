package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;

/** A JOINED subclass of {@link Person} with an encrypted attribute of its own. */
@Entity
public class HomeCareClient extends Person implements Hierarchy.Sub {
  @Encrypted
  @Column(length = 300)
  public String careNeeds;

  protected HomeCareClient() {}

  public HomeCareClient(String responsibleEmployee, String hetu, String careNeeds) {
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
