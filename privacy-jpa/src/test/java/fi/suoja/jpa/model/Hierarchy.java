package fi.suoja.jpa.model;

import java.util.UUID;

/**
 * An inheritance hierarchy of protected entities, as the tests see it: {@link Person} / {@link
 * HomeCareClient} (JOINED), {@link Resident} / {@link AssistedResident} (SINGLE_TABLE) and {@link
 * Visitor} / {@link NightVisitor} (TABLE_PER_CLASS).
 */
public record Hierarchy(
    String strategy,
    Class<? extends Member> root,
    Class<? extends Sub> sub,
    RootMaker newRoot,
    SubMaker newSub) {

  /** What both levels have: an id and an encrypted, blind-indexed HETU. */
  public interface Member {
    UUID id();

    String hetu();
  }

  /** The subclass adds an encrypted attribute of its own. */
  public interface Sub extends Member {
    String careNeeds();

    void careNeeds(String value);
  }

  /** Creates a root instance. */
  public interface RootMaker {
    Member make(String employee, String hetu);
  }

  /** Creates a subclass instance. */
  public interface SubMaker {
    Sub make(String employee, String hetu, String careNeeds);
  }

  public static final Hierarchy JOINED =
      new Hierarchy("JOINED", Person.class, HomeCareClient.class, Person::new, HomeCareClient::new);
  public static final Hierarchy SINGLE_TABLE =
      new Hierarchy(
          "SINGLE_TABLE",
          Resident.class,
          AssistedResident.class,
          Resident::new,
          AssistedResident::new);
  public static final Hierarchy TABLE_PER_CLASS =
      new Hierarchy(
          "TABLE_PER_CLASS", Visitor.class, NightVisitor.class, Visitor::new, NightVisitor::new);

  @Override
  public String toString() {
    return strategy;
  }
}
