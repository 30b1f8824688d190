package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.COLLEAGUE;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static fi.suoja.jpa.EncryptedEntityTest.persistClient;
import static fi.suoja.jpa.EncryptedEntityTest.rawRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaException;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Employee;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code merge()} - what Spring Data's {@code save()} calls for an entity whose id is already set:
 * a detached entity's changes are sealed like any update, a new one is sealed like a persist, and
 * the mask of a denied load is never written over the stored values.
 */
class MergeTest {
  static List<Database> databases() {
    return Database.all();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void mergeDetachedChange_sealsTheNewValue_andAuditsOneUpdateNamingIt(Database db)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      Client detached = as(f, OWNER, s -> s.find(Client.class, id));
      detached.lastName = "Korhonen";
      f.sink.clear();

      Client merged = as(f, OWNER, s -> s.merge(detached));

      assertThat(merged.lastName).isEqualTo("Korhonen");
      assertThat(String.join(" ", rawRow(f, "Client", id))).doesNotContain("Korhonen");
      String reloaded = as(f, OWNER, s -> s.find(Client.class, id).lastName);
      assertThat(reloaded).isEqualTo("Korhonen");
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.UPDATE)
          .singleElement()
          .satisfies(e -> assertThat(e.fields()).containsExactly("lastName"));
      // sealed once: the untouched HETU (re-sealed by the full-row update) opens to itself
      String hetu = as(f, OWNER, s -> s.find(Client.class, id).hetu);
      assertThat(hetu).isEqualTo("131052-308T");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void mergeDetachedUnchanged_writesNothing(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      Client detached = as(f, OWNER, s -> s.find(Client.class, id));
      List<String> before = rawRow(f, "Client", id);
      f.sessions.getStatistics().clear();

      as(f, OWNER, s -> s.merge(detached));
      as(f, OWNER, s -> s.merge(detached));

      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isZero();
      assertThat(rawRow(f, "Client", id)).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void mergeNewEntityWithAssignedId_isSealedLikeAPersist(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      Client fresh = new Client("e-1", "Helmi", "Mäkelä", "010594Y9032");
      f.sink.clear();

      as(f, OWNER, s -> s.merge(fresh));

      assertThat(String.join(" ", rawRow(f, "Client", fresh.id)))
          .doesNotContain("Helmi", "Mäkelä", "010594Y9032");
      List<Client> found =
          as(
              f,
              OWNER,
              s ->
                  s.createSelectionQuery("from Client where hetu = :h", Client.class)
                      .setParameter("h", "010594Y9032")
                      .getResultList());
      assertThat(found).singleElement().satisfies(c -> assertThat(c.firstName).isEqualTo("Helmi"));
      assertThat(f.sink.events()).extracting(AuditEvent::action).contains(AuditAction.CREATE);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void mergeOfAMaskedEntity_failsWithoutTouchingTheRow(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = masking(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      Client masked = as(f, COLLEAGUE, s -> s.find(Client.class, id));
      assertThat(masked.lastName).isEqualTo(SuojaJpaSettings.MASK);
      masked.municipality = "Espoo";
      List<String> before = rawRow(f, "Client", id);
      f.sink.clear();

      // the owner's session opens the row; merge copies the masked values over the plaintext
      assertRefusedAsMasked(() -> as(f, OWNER, s -> s.merge(masked)));

      assertThat(rawRow(f, "Client", id)).isEqualTo(before);
      assertThat(f.sink.events()).noneMatch(e -> e.action() == AuditAction.UPDATE);
      Client seen = as(f, OWNER, s -> s.find(Client.class, id));
      assertThat(List.of(seen.firstName, seen.lastName, seen.hetu))
          .containsExactly("Aino", "Virtanen", "131052-308T");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void maskedEntityMadeWritable_orCopiedIntoANewOne_isRefused(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = masking(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      List<String> before = rawRow(f, "Client", id);

      assertRefusedAsMasked(
          () ->
              as(
                  f,
                  COLLEAGUE,
                  s -> {
                    Client c = s.find(Client.class, id);
                    s.setReadOnly(c, false);
                    c.municipality = "Espoo";
                    s.flush();
                    return null;
                  }));
      assertRefusedAsMasked(
          () ->
              as(
                  f,
                  OWNER,
                  s -> {
                    Client copy = new Client("e-1", "Aino", SuojaJpaSettings.MASK, "131052-308T");
                    s.persist(copy);
                    return null;
                  }));

      assertThat(rawRow(f, "Client", id)).isEqualTo(before);
    }
  }

  private static JpaFixture masking(Database db) {
    return new JpaFixture(
        db, Map.of(SuojaJpaSettings.ON_DENIED, "mask"), Client.class, Employee.class);
  }

  private static void assertRefusedAsMasked(ThrowingCallable write) {
    assertThatThrownBy(write)
        .isInstanceOf(SuojaException.class)
        .satisfies(e -> assertThat(((SuojaException) e).code()).isEqualTo("SUOJA-5012"))
        .hasMessageNotContainingAny("Aino", "Virtanen", "131052-308T");
  }
}
