package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Employee;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The in-place plaintext migration, on every configured database. */
class PlaintextMigrationTest {
  static final Actor OWNER = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);

  static List<Database> databases() {
    return Database.all();
  }

  static OpsFixture fixture(Database db, String legacy) {
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    String prefix =
        "m" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "_";
    return new OpsFixture(
        db,
        prefix,
        master,
        WrappedKeyStore.inMemory(),
        "create-drop",
        Map.of(SuojaJpaSettings.LEGACY_PLAINTEXT, legacy),
        Client.class,
        Employee.class);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void run_sealsEveryPlaintextValueOnce_fillsIndexes_reportsProgress_andIsIdempotent(Database db)
      throws Exception {
    db.assumeAvailable();
    try (OpsFixture f = fixture(db, "read")) {
      String table = f.table("Client");
      Map<UUID, String[]> rows = new LinkedHashMap<>();
      try (Connection c = db.connect()) {
        for (int i = 0; i < 47; i++) {
          UUID id = UUID.randomUUID();
          String[] v = {"Etu" + i, i % 5 == 0 ? null : "Suku-ä" + i, LegacyRows.hetu(i)};
          LegacyRows.insert(c, table, id, v[0], v[1], v[2]);
          rows.put(id, v);
        }
      }
      // one row written through Suoja already: must not be sealed again
      UUID modern =
          PrivacyContext.callAs(
              OWNER,
              Purpose.CARE,
              () ->
                  f.sessions.fromTransaction(
                      s -> {
                        Client c = new Client("e-1", "Eino", "Laine", "010190-999K");
                        s.persist(c);
                        return c.id;
                      }));
      rows.put(modern, new String[] {"Eino", "Laine", "010190-999K"});
      List<String> modernBefore;
      try (Connection c = db.connect()) {
        modernBefore = LegacyRows.raw(c, table, modern);
      }

      List<PlaintextMigration.Progress> seen = new ArrayList<>();
      PlaintextMigration migration =
          PlaintextMigration.builder(f.sessions).batchSize(10).listener(seen::add).build();
      PlaintextMigration.Progress done = migration.run(Client.class);

      assertThat(done.scanned()).isEqualTo(48);
      assertThat(done.total()).isEqualTo(48);
      assertThat(done.sealedRows()).isEqualTo(47);
      assertThat(done.sealedValues()).isEqualTo(47 * 3 - 10);
      assertThat(seen).hasSize(5);
      assertThat(seen)
          .extracting(PlaintextMigration.Progress::scanned)
          .containsExactly(10L, 20L, 30L, 40L, 48L);
      assertThat(seen.get(4).rowsPerSecond()).isPositive();

      try (Connection c = db.connect()) {
        assertThat(LegacyRows.raw(c, table, modern)).isEqualTo(modernBefore);
        for (Map.Entry<UUID, String[]> e : rows.entrySet()) {
          List<String> raw = LegacyRows.raw(c, table, e.getKey());
          for (int k = 0; k < 3; k++) {
            if (e.getValue()[k] != null) {
              assertThat(raw.get(k)).isNotEqualTo(e.getValue()[k]).startsWith("AQ");
            } else {
              assertThat(raw.get(k)).isNull();
            }
          }
          assertThat(raw.get(3)).as("blind index").isNotNull();
        }
      }

      PlaintextMigration.Progress again = migration.run(Client.class);
      assertThat(again.sealedValues()).isZero();
      assertThat(again.scanned()).isEqualTo(48);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void afterMigration_legacyOff_everyRowOpens_andBlindIndexFindsIt(Database db) throws Exception {
    db.assumeAvailable();
    try (OpsFixture f = fixture(db, "off")) {
      String table = f.table("Client");
      Map<UUID, String> hetus = new LinkedHashMap<>();
      try (Connection c = db.connect()) {
        for (int i = 0; i < 12; i++) {
          UUID id = UUID.randomUUID();
          LegacyRows.insert(c, table, id, "Etu" + i, "Suku" + i, LegacyRows.hetu(i));
          hetus.put(id, LegacyRows.hetu(i));
        }
      }
      PlaintextMigration.builder(f.sessions).batchSize(5).build().run(Client.class);

      for (Map.Entry<UUID, String> e : hetus.entrySet()) {
        Client c =
            PrivacyContext.callAs(
                OWNER,
                Purpose.CARE,
                () -> f.sessions.fromTransaction(s -> s.find(Client.class, e.getKey())));
        assertThat(c.hetu).isEqualTo(e.getValue());
        String index = f.suoja.blindIndexer().index("A", "Client", "hetu", e.getValue()).toHex();
        List<UUID> found =
            PrivacyContext.callAs(
                OWNER,
                Purpose.CARE,
                () ->
                    f.sessions.fromTransaction(
                        s ->
                            s.createSelectionQuery(
                                    "select c.id from Client c where c.hetuIndex = :i", UUID.class)
                                .setParameter("i", index)
                                .getResultList()));
        assertThat(found).contains(e.getKey());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void run_onUnprotectedType_orBadBatchSize_isRefused(Database db) {
    db.assumeAvailable();
    try (OpsFixture f = fixture(db, "off")) {
      assertThatThrownBy(() -> PlaintextMigration.builder(f.sessions).batchSize(0).build())
          .isInstanceOf(SuojaConfigurationException.class)
          .hasMessageContaining("SUOJA-5230");
      assertThatThrownBy(() -> PlaintextMigration.builder(f.sessions).build().run(String.class))
          .isInstanceOf(SuojaConfigurationException.class)
          .hasMessageContaining("SUOJA-5230");
    }
  }
}
