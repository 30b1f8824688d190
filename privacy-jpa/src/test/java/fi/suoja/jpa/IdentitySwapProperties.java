package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.crypto.DecryptionException;
import fi.suoja.jpa.model.NumberedNote;
import fi.suoja.jpa.model.PetOwner;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Swap resistance for entities whose id the database assigns (IDENTITY, inherited from a mapped
 * superclass): an envelope copied in the database to another row, another field of the same or
 * another row, or a row of another tenant, never opens there - the same property as for ids known
 * before the insert. H2, one SessionFactory for the whole property.
 */
class IdentitySwapProperties {
  static final String[] FIELDS = {"lastName", "telephone"};
  static final Actor A = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);
  static final Actor B = Actor.tenantUser("e-9", "B", Role.EMPLOYEE);
  static JpaFixture f;

  @BeforeContainer
  static void start() {
    Database h2 = Database.all().get(0);
    f = IdentityIdTest.fixture(h2, new RecordingDataSource(h2.url()), Map.of());
  }

  @AfterContainer
  static void stop() {
    f.close();
  }

  static <T> T as(Actor actor, Supplier<T> work) {
    return PrivacyContext.callAs(actor, Purpose.CARE, work);
  }

  static Integer persist(Actor actor, String lastName, String telephone) {
    return as(
        actor,
        () ->
            f.sessions.fromTransaction(
                s -> {
                  PetOwner o = new PetOwner(actor.userId(), lastName, telephone);
                  s.persist(o);
                  return o.id;
                }));
  }

  @Property(tries = 40)
  void envelopeMovedToAnyOtherPlace_neverOpens(
      @ForAll @IntRange(min = 0, max = 1) int fromField,
      @ForAll @IntRange(min = 0, max = 1) int toField,
      @ForAll boolean sameRow,
      @ForAll boolean otherTenant,
      @ForAll @IntRange(min = 0, max = 3) int rowsBetween)
      throws Exception {
    Integer from = persist(A, "Virtanen", "040 111");
    for (int i = 0; i < rowsBetween; i++) {
      persist(A, "Between " + i, "050 " + i); // ids need not be adjacent
    }
    Actor targetActor = otherTenant ? B : A;
    Integer to = sameRow && !otherTenant ? from : persist(targetActor, "Mäkinen", "040 222");
    if (to.equals(from) && fromField == toField) {
      to = persist(A, "Mäkinen", "040 222"); // the envelope in its own place is no move
    }
    Integer target = to;
    String sealed = IdentityIdTest.raw(f, "PetOwner", from, FIELDS[fromField]);
    IdentityIdTest.write(f, "PetOwner", target, FIELDS[toField], sealed);

    assertThatThrownBy(
            () ->
                as(
                    targetActor,
                    () -> f.sessions.fromTransaction(s -> s.find(PetOwner.class, target))))
        .isInstanceOf(DecryptionException.class)
        .hasMessageNotContaining("Virtanen")
        .hasMessageNotContaining("040 111");
    if (!target.equals(from)) {
      String kept =
          as(A, () -> f.sessions.fromTransaction(s -> s.find(PetOwner.class, from).lastName));
      assertThat(kept).isEqualTo("Virtanen");
    }
  }

  @Property(tries = 10)
  void envelopeMovedToAnotherEntityWithTheSameId_neverOpens(
      @ForAll @IntRange(min = 0, max = 1) int fromField) throws Exception {
    // ids of different IDENTITY tables collide all the time: the entity name is bound too
    Integer owner = persist(A, "Virtanen", "040 111");
    Long note =
        as(
            A,
            () ->
                f.sessions.fromTransaction(
                    s -> {
                      NumberedNote n = new NumberedNote("note");
                      s.persist(n);
                      return n.id;
                    }));
    String sealed = IdentityIdTest.raw(f, "PetOwner", owner, FIELDS[fromField]);
    IdentityIdTest.write(f, "NumberedNote", note, "text", sealed);

    assertThatThrownBy(
            () -> as(A, () -> f.sessions.fromTransaction(s -> s.find(NumberedNote.class, note))))
        .isInstanceOf(DecryptionException.class);
  }
}
