package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.COLLEAGUE;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static fi.suoja.jpa.EncryptedEntityTest.persistClient;
import static fi.suoja.jpa.EncryptedEntityTest.rawRow;
import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.audit.AuditAction;
import fi.suoja.audit.Outcome;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Employee;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code suoja.on_denied=mask}: a denied load yields masked, read-only entities, and nothing masked
 * is ever written back.
 */
class MaskModeTest {
  static List<Database> databases() {
    return Database.all();
  }

  static JpaFixture masking(Database db) {
    return new JpaFixture(
        db, Map.of(SuojaJpaSettings.ON_DENIED, "mask"), Client.class, Employee.class);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void deniedLoad_returnsMaskedReadOnlyEntity_andAuditsTheDenial(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = masking(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      f.sink.clear();

      Object[] seen =
          as(
              f,
              COLLEAGUE,
              s -> {
                Client c = s.find(Client.class, id);
                return new Object[] {
                  c.firstName, c.lastName, c.hetu, c.responsibleEmployee, s.isReadOnly(c)
                };
              });

      assertThat(seen)
          .containsExactly(
              SuojaJpaSettings.MASK, SuojaJpaSettings.MASK, SuojaJpaSettings.MASK, "e-1", true);
      assertThat(f.sink.events())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.action()).isEqualTo(AuditAction.READ);
                assertThat(e.outcome()).isEqualTo(Outcome.denied("NOT_OWNER"));
              });
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void changesToAMaskedEntity_areNeverWritten(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = masking(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      List<String> before = rawRow(f, "Client", id);
      f.sessions.getStatistics().clear();
      f.sink.clear();

      as(
          f,
          COLLEAGUE,
          s -> {
            Client c = s.find(Client.class, id);
            c.lastName = "Korhonen";
            c.municipality = "Espoo";
            s.flush();
            s.createSelectionQuery("from Client", Client.class).getResultList(); // auto-flush too
            return null;
          });

      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isZero();
      assertThat(rawRow(f, "Client", id)).isEqualTo(before);
      assertThat(f.sink.events()).noneMatch(e -> e.action() == AuditAction.UPDATE);
      String lastName = as(f, OWNER, s -> s.find(Client.class, id).lastName);
      assertThat(lastName).isEqualTo("Virtanen");
    }
  }
}
