package fi.suoja.jpa.model;

import fi.suoja.annotation.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;

/** A TABLE_PER_CLASS subclass of {@link Visitor} with an encrypted attribute of its own. */
@Entity
public class NightVisitor extends Visitor implements Hierarchy.Sub {
  @Encrypted
  @Column(length = 300)
  public String careNeeds;

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
