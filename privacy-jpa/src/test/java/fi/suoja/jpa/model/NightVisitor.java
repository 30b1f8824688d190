package fi.suoja.jpa.model;

import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.IndexNormalization;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;

/** A TABLE_PER_CLASS subclass of {@link Visitor} with an encrypted attribute of its own. */
@Entity
public class NightVisitor extends Visitor implements Hierarchy.Sub {
  @Encrypted(padToBucket = 32) // declared on the subclass: padding and index must still apply
  @Column(length = 300)
  public String careNeeds;

  @BlindIndex(of = "careNeeds", normalization = IndexNormalization.NAME)
  @Column(length = 64)
  public String careNeedsIndex;

  protected NightVisitor() {}

  public NightVisitor(String responsibleEmployee, String hetu, String careNeeds) {
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
