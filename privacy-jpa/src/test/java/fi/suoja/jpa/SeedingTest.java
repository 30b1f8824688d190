package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Employee;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 22 item 11: an application whose {@code data.sql} inserts plaintext seals it at start-up
 * with one call, {@link PlaintextMigration#runAll()}, which also creates the missing tenant keys.
 */
class SeedingTest {
  static List<Database> databases() {
    return Database.all();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void runAll_sealsDataSqlPlaintext_createsTheTenantKeys_auditedAsTheSystem(Database db)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f =
        new JpaFixture(
            db,
            b -> b.crypto(c -> c.createTenantKeysOnFirstUse(false)),
            Map.of(),
            new Class<?>[] {Client.class, Employee.class},
            Client.class,
            Employee.class)) {
      String table = f.table("Client");
      UUID aino = UUID.randomUUID();
      UUID eino = UUID.randomUUID();
      try (Connection c = db.connect()) { // what a data.sql does
        LegacyRows.insert(c, table, aino, "Aino", "Virtanen", "131052-308T");
        LegacyRows.insert(c, table, eino, "Eino", "Laine", "010190-999K");
        LegacyRows.set(c, table, eino, "organisation", "B");
      }
      assertThat(f.suoja.keyring().versions("A")).isEmpty();

      List<PlaintextMigration.Progress> done =
          PlaintextMigration.builder(f.sessions).build().runAll();

      assertThat(done).extracting(PlaintextMigration.Progress::entity).contains("Client");
      assertThat(f.suoja.keyring().versions("A")).hasSize(1);
      assertThat(f.suoja.keyring().versions("B")).hasSize(1);
      try (Connection c = db.connect()) { // the table holds only envelopes now
        for (UUID id : List.of(aino, eino)) {
          List<String> raw = LegacyRows.raw(c, table, id);
          assertThat(raw.subList(0, 3))
              .allSatisfy(
                  v ->
                      assertThat(v)
                          .startsWith("AQ")
                          .doesNotContain(
                              "Aino", "Virtanen", "131052-308T", "Eino", "Laine", "010190-999K"));
          assertThat(raw.get(3)).as("blind index filled").isNotNull();
        }
      }
      Client read =
          PrivacyContext.callAs(
              Actor.tenantUser("e-1", "A", Role.EMPLOYEE),
              Purpose.CARE,
              () -> f.sessions.fromSession(s -> s.find(Client.class, aino)));
      assertThat(read.lastName).isEqualTo("Virtanen");
      assertThat(read.hetu).isEqualTo("131052-308T");
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.CONFIGURATION_CHANGED)
          .allSatisfy(
              e -> {
                assertThat(e.actor().side()).isEqualTo(AuditActor.Side.SYSTEM);
                assertThat(e.actor().userId()).isEqualTo(PlaintextMigration.SYSTEM_ACTOR);
              })
          .extracting(e -> e.resource().type() + " " + e.resource().id())
          .containsExactlyInAnyOrder(
              "key tenant:A:v1", "key tenant:B:v1", "entity Client", "entity Client");

      int events = f.sink.events().size();
      List<PlaintextMigration.Progress> again =
          PlaintextMigration.builder(f.sessions).build().runAll();
      assertThat(again).allSatisfy(p -> assertThat(p.sealedValues()).isZero());
      assertThat(f.sink.events().subList(events, f.sink.events().size()))
          .noneMatch(e -> e.resource() != null && e.resource().type().equals("key"));
    }
  }
}
