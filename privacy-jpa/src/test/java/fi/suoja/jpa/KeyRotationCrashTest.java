package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.crypto.FieldCipher;
import fi.suoja.crypto.SuojaCrypto;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.model.Client;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A key rotation killed at random points (a child JVM, {@code destroyForcibly}, twice) on a file H2
 * database resumes: after the rerun every value is under the new version, every row opens to its
 * original, and a trigger that logs each committed row update proves that every row was
 * re-encrypted exactly once across the three runs.
 */
class KeyRotationCrashTest {
  static final int ROWS = 300;
  static final int BATCH = 20;

  @Test
  void killedTwiceAtRandomPoints_rerunCompletes_eachRowReencryptedExactlyOnce() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "rotation-crash-test"));
    // WRITE_DELAY=0: H2 otherwise writes commits up to 500 ms late and a kill loses them
    String url =
        "jdbc:h2:file:"
            + dir.toAbsolutePath().resolve("db-" + UUID.randomUUID())
            + ";WRITE_DELAY=0";
    Database db = new Database("h2-file", url, null);
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    String prefix = "k_";
    String keyTable = "suoja_wrapped_key";
    String table = prefix + "Client";
    long seed = new SecureRandom().nextLong();
    Random random = new Random(seed);

    JdbcWrappedKeyStore keys =
        JdbcWrappedKeyStore.builder(new UrlDataSource(url))
            .table(keyTable)
            .createTableIfMissing(true)
            .build();
    Map<UUID, String[]> originals;
    try (OpsFixture schema =
        new OpsFixture(db, prefix, master, keys, "create", Map.of(), Client.class)) {
      originals = RotationRows.persist(schema.sessions, 0, ROWS);
      assertThat(schema.suoja.keyring().rotate("A").version()).isEqualTo(2);
    }
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE rotation_log (id UUID NOT NULL)");
      s.execute(
          "CREATE TRIGGER rotation_count AFTER UPDATE ON "
              + table
              + " FOR EACH ROW CALL \""
              + RotationCountTrigger.class.getName()
              + "\"");
    }

    long before = 0;
    int afterBatches = 0;
    for (int kill = 0; kill < 2; kill++) {
      // a rerun walks the already-current batches again (skipping them) before it progresses:
      // kill the second child later than the first so that it does progress
      afterBatches += 1 + random.nextInt(5);
      List<String> output = runChildAndKill(url, master, prefix, keyTable, afterBatches);
      assertThat(output)
          .as("child output, seed " + seed)
          .noneMatch(l -> l.equals("done"))
          .anyMatch(l -> l.startsWith("batch "));
      long underV2 = countUnderV2(db, table);
      assertThat(underV2).as("seed " + seed).isGreaterThan(before).isLessThan(ROWS);
      before = underV2;
    }

    keys = JdbcWrappedKeyStore.builder(new UrlDataSource(url)).table(keyTable).build();
    try (OpsFixture rerun =
        new OpsFixture(db, prefix, master, keys, "none", Map.of(), Client.class)) {
      KeyRotation.Progress done =
          KeyRotation.builder(rerun.sessions).batchSize(100).build().run(Client.class);
      assertThat(done.resealedRows()).isEqualTo(ROWS - before);
      assertThat(done.remaining()).isZero();
      assertThat(RotationRows.versions(db, rerun.suoja, table).values())
          .hasSize(ROWS)
          .allSatisfy(v -> assertThat(v).containsExactly(2, 2, 2));
      for (Map.Entry<UUID, String[]> e : originals.entrySet()) {
        Client c = RotationRows.load(rerun.sessions, e.getKey());
        assertThat(new String[] {c.firstName, c.lastName, c.hetu}).containsExactly(e.getValue());
      }
    }
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*), COUNT(DISTINCT id), (SELECT COUNT(*) FROM rotation_log l"
                    + " WHERE NOT EXISTS (SELECT 1 FROM "
                    + table
                    + " t WHERE t.id = l.id))"
                    + " FROM rotation_log")) {
      rs.next();
      assertThat(rs.getLong(1)).as("row updates committed, seed " + seed).isEqualTo(ROWS);
      assertThat(rs.getLong(2)).as("distinct rows updated").isEqualTo(ROWS);
      assertThat(rs.getLong(3)).as("log entries of unknown rows").isZero();
    }
  }

  private static List<String> runChildAndKill(
      String url, byte[] master, String prefix, String keyTable, int afterBatches)
      throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RotationCrashChild.class.getName(),
                url,
                HexFormat.of().formatHex(master),
                prefix,
                keyTable,
                String.valueOf(BATCH),
                "60")
            .redirectErrorStream(true)
            .start();
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      int batches = 0;
      while ((line = out.readLine()) != null) {
        output.add(line);
        if (line.startsWith("batch ") && ++batches == afterBatches) {
          child.destroyForcibly();
          break;
        }
      }
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return output;
  }

  /** Rows whose three values are all under v2 (headers only: no key needed). */
  private static long countUnderV2(Database db, String table) throws Exception {
    FieldCipher headers =
        SuojaCrypto.builder()
            .keyProvider(KeyProvider.inMemory(Map.of(1, new byte[32])))
            .wrappedKeyStore(WrappedKeyStore.inMemory())
            .build()
            .fieldCipher();
    return RotationRows.versions(db, headers, table).values().stream()
        .filter(v -> v[0] == 2 && v[1] == 2 && v[2] == 2)
        .count();
  }
}
