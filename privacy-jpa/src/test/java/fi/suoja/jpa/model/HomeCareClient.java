package fi.suoja.jpa.model;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;

/** A JOINED subclass of {@link Person} with an encrypted attribute of its own. */
@Entity
public class HomeCareClient extends Person implements Hierarchy.Sub {
  @Encrypted(padToBucket = 32) // declared on the subclass: padding and index must still apply
  @Column(length = 300)
  public String careNeeds;

  @BlindIndex(of = "careNeeds", normalization = IndexNormalization.NAME)
  @Column(length = 64)
  public String careNeedsIndex;

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
