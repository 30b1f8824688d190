package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.jpa.model.Client;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A migration killed mid-run (a child JVM, {@code destroyForcibly}) on a file H2 database resumes:
 * the rerun completes, and every row opens to its original plaintext — nothing lost, nothing sealed
 * twice.
 */
class PlaintextMigrationCrashTest {
  static final Actor OWNER = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);
  static final int ROWS = 600;

  @Test
  void killedMidRun_rerunCompletes_everyRowOpensToItsOriginal() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "crash-test"));
    // WRITE_DELAY=0: H2 otherwise writes commits up to 500 ms late, and a killed process loses
    // them (the rerun would still repair it, but "committed batches survive" would not hold)
    String url =
        "jdbc:h2:file:"
            + dir.toAbsolutePath().resolve("db-" + UUID.randomUUID())
            + ";WRITE_DELAY=0";
    Database db = new Database("h2-file", url, null);
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    String prefix = "c_";
    String keyTable = "suoja_wrapped_key";
    Map<UUID, String[]> originals = new LinkedHashMap<>();

    JdbcWrappedKeyStore keys =
        JdbcWrappedKeyStore.builder(new UrlDataSource(url))
            .table(keyTable)
            .createTableIfMissing(true)
            .build();
    try (OpsFixture schema =
        new OpsFixture(db, prefix, master, keys, "create", Map.of(), Client.class)) {
      schema.suoja.keyring().create("A");
      try (Connection c = db.connect()) {
        c.setAutoCommit(false);
        for (int i = 0; i < ROWS; i++) {
          UUID id = UUID.randomUUID();
          String[] v = {"Etu" + i, "Sukunimi-ö" + i, LegacyRows.hetu(i)};
          LegacyRows.insert(c, prefix + "Client", id, v[0], v[1], v[2]);
          originals.put(id, v);
        }
        c.commit();
      }
    }

    // 1. a child JVM migrates slowly; kill it after a few committed batches
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                MigrationCrashChild.class.getName(),
                url,
                HexFormat.of().formatHex(master),
                prefix,
                keyTable,
                "25",
                "150")
            .redirectErrorStream(true)
            .start();
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      int batches = 0;
      while ((line = out.readLine()) != null) {
        output.add(line);
        if (line.startsWith("batch ") && ++batches == 4) {
          child.destroyForcibly();
          break;
        }
      }
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(output)
        .as("child output")
        .noneMatch(l -> l.equals("done"))
        .anyMatch(l -> l.equals("batch 100"));

    // 2. the database holds a mix: the child was stopped mid-run
    long sealedBefore = countSealed(db, prefix + "Client");
    assertThat(sealedBefore).isBetween(100L, (long) ROWS - 1);

    // 3. rerun (this JVM, new runtime), then every row opens to its original with legacy OFF
    keys = JdbcWrappedKeyStore.builder(new UrlDataSource(url)).table(keyTable).build();
    try (OpsFixture rerun =
        new OpsFixture(
            db,
            prefix,
            master,
            keys,
            "none",
            Map.of(SuojaJpaSettings.LEGACY_PLAINTEXT, "off"),
            Client.class)) {
      PlaintextMigration.Progress done =
          PlaintextMigration.builder(rerun.sessions).batchSize(100).build().run(Client.class);
      assertThat(done.scanned()).isEqualTo(ROWS);
      assertThat(done.sealedRows()).isEqualTo(ROWS - sealedBefore);
      assertThat(countSealed(db, prefix + "Client")).isEqualTo(ROWS);

      for (Map.Entry<UUID, String[]> e : originals.entrySet()) {
        Client c =
            PrivacyContext.callAs(
                OWNER,
                Purpose.CARE,
                () -> rerun.sessions.fromTransaction(s -> s.find(Client.class, e.getKey())));
        assertThat(new String[] {c.firstName, c.lastName, c.hetu}).containsExactly(e.getValue());
      }
    }
  }

  /** Rows whose three encrypted columns all hold envelopes (format byte 0x01: text "AQ"). */
  static long countSealed(Database db, String table) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM "
                    + table
                    + " WHERE firstName LIKE 'AQ%' AND lastName LIKE 'AQ%' AND hetu LIKE 'AQ%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
