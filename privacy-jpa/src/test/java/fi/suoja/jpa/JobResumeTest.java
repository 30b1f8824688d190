package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.crypto.FieldCipher;
import fi.suoja.crypto.SuojaCrypto;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.model.Client;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stop and resume with the job-state table, on H2 (file), PostgreSQL and MariaDB: a child JVM
 * killed ({@code destroyForcibly}, SIGKILL) in the middle of a plaintext migration or a key
 * rotation, then a resume that reads (as the database delivers them to the locking batch SELECTs)
 * exactly the rows after the saved position, finishes, and leaves every row opening to its original
 * — nothing lost, nothing sealed twice. Two processes migrating at once split the rows.
 */
class JobResumeTest {
  static final int ROWS = 400;
  static final int BATCH = 25;

  static List<Database> databases() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "job-resume-test"));
    String h2 =
        "jdbc:h2:file:"
            + dir.toAbsolutePath().resolve("db-" + UUID.randomUUID())
            + ";WRITE_DELAY=0";
    return List.of(
        new Database("h2-file", h2, null),
        Database.configured("postgresql"),
        Database.configured("mariadb"));
  }

  static List<Database> servers() {
    return List.of(Database.configured("postgresql"), Database.configured("mariadb"));
  }

  /** The tables of one test on a shared database, under a prefix of its own. */
  record Tables(String prefix, String keys, String jobs, String clients) {
    static Tables fresh() {
      String p = "j" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "_";
      return new Tables(p, p + "wrapped_key", p + "job_state", p + "Client");
    }

    void drop(Database db) {
      OpsFixture.drop(db, clients, keys, jobs);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void migrationKilledMidRun_resumeReadsOnlyTheRowsAfterTheSavedPosition(Database db)
      throws Exception {
    db.assumeAvailable();
    Tables t = Tables.fresh();
    byte[] master = master();
    try {
      Map<UUID, String[]> originals = plaintextRows(db, t, master);

      List<String> out = runChild(db, t, master, "migrate", "node-a", 50, 4);
      assertThat(out).noneMatch(l -> l.startsWith("done")).anyMatch(l -> l.equals("batch 100"));
      long sealedBefore = PlaintextMigrationCrashTest.countSealed(db, t.clients);
      assertThat(sealedBefore).isBetween(100L, (long) ROWS - BATCH);
      String[] saved = jobRow(db, t, "plaintext-migration", "node-a");
      assertThat(saved[1]).isEqualTo("RUNNING"); // killed: never marked finished
      assertThat(saved[2]).isEqualTo(String.valueOf(sealedBefore));

      RowCountingDataSource counting = new RowCountingDataSource(db.url());
      try (OpsFixture resume = fixture(db, t, master, counting, "off")) {
        PlaintextMigration.Progress done =
            PlaintextMigration.builder(resume.sessions)
                .batchSize(BATCH)
                .jobState(t.jobs)
                .resume(true)
                .node("node-b")
                .build()
                .run(Client.class);
        assertThat(counting.lockedRowsRead.get())
            .as("rows the batches read on resume")
            .isEqualTo(ROWS - sealedBefore);
        assertThat(done.scanned()).isEqualTo(ROWS - sealedBefore);
        assertThat(done.sealedRows()).isEqualTo(ROWS - sealedBefore);
        assertThat(PlaintextMigrationCrashTest.countSealed(db, t.clients)).isEqualTo(ROWS);
        assertThat(jobRow(db, t, "plaintext-migration", "node-b")[1]).isEqualTo("DONE");
        opensToOriginals(resume, originals);

        // a second resume finds the job finished and reads nothing
        counting.lockedRowsRead.set(0);
        PlaintextMigration.Progress again =
            PlaintextMigration.builder(resume.sessions)
                .jobState(t.jobs)
                .resume(true)
                .build()
                .run(Client.class);
        assertThat(again.scanned()).isZero();
        assertThat(counting.lockedRowsRead.get()).isZero();
      }
    } finally {
      t.drop(db);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void rotationKilledMidRun_resumeReadsOnlyTheRowsAfterTheSavedPosition(Database db)
      throws Exception {
    db.assumeAvailable();
    Tables t = Tables.fresh();
    byte[] master = master();
    try {
      Map<UUID, String[]> originals;
      try (OpsFixture schema = fixture(db, t, master, null, "read", "create", true)) {
        createJobTable(db, t);
        originals = RotationRows.persist(schema.sessions, 0, ROWS);
        assertThat(schema.suoja.keyring().rotate("A").version()).isEqualTo(2);
      }

      List<String> out = runChild(db, t, master, "rotate", "node-a", 50, 4);
      assertThat(out).noneMatch(l -> l.startsWith("done")).anyMatch(l -> l.equals("batch 100"));
      long before = underV2(db, t.clients);
      assertThat(before).isBetween(100L, (long) ROWS - BATCH);
      String[] saved = jobRow(db, t, "key-rotation", "node-a");
      assertThat(saved[1]).isEqualTo("RUNNING");
      assertThat(saved[2]).isEqualTo(String.valueOf(before));

      RowCountingDataSource counting = new RowCountingDataSource(db.url());
      try (OpsFixture resume = fixture(db, t, master, counting, "off")) {
        KeyRotation.Progress done =
            KeyRotation.builder(resume.sessions)
                .batchSize(BATCH)
                .jobState(t.jobs)
                .resume(true)
                .build()
                .run(Client.class);
        assertThat(counting.lockedRowsRead.get())
            .as("rows the batches read on resume")
            .isEqualTo(ROWS - before);
        assertThat(done.resealedRows()).isEqualTo(ROWS - before);
        assertThat(done.remaining()).isZero();
        assertThat(underV2(db, t.clients)).isEqualTo(ROWS);
        for (Map.Entry<UUID, String[]> e : originals.entrySet()) {
          Client c = RotationRows.load(resume.sessions, e.getKey());
          assertThat(new String[] {c.firstName, c.lastName, c.hetu}).containsExactly(e.getValue());
        }
      }
    } finally {
      t.drop(db);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void twoProcessesMigratingAtOnce_splitTheRows_eachSealedOnce(Database db) throws Exception {
    db.assumeAvailable();
    Tables t = Tables.fresh();
    byte[] master = master();
    try {
      Map<UUID, String[]> originals = plaintextRows(db, t, master);
      // a pause per batch long enough that the second JVM has booted before the first is done
      // (JVM and Hibernate start-up take seconds on a loaded machine; 20 ms once let node a
      // finish alone)
      Process a = start(db, t, master, "migrate", "node-a", 500);
      Process b = start(db, t, master, "migrate", "node-b", 500);
      long sealedByA = doneCount(a);
      long sealedByB = doneCount(b);
      assertThat(sealedByA).as("rows node a sealed").isPositive();
      assertThat(sealedByB).as("rows node b sealed").isPositive();
      assertThat(sealedByA + sealedByB).as("each row sealed by exactly one node").isEqualTo(ROWS);
      assertThat(PlaintextMigrationCrashTest.countSealed(db, t.clients)).isEqualTo(ROWS);
      try (OpsFixture check = fixture(db, t, master, null, "off")) {
        opensToOriginals(check, originals);
      }
    } finally {
      t.drop(db);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static byte[] master() {
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    return master;
  }

  private static OpsFixture fixture(
      Database db, Tables t, byte[] master, RowCountingDataSource counting, String legacy) {
    return fixture(db, t, master, counting, legacy, "none", false);
  }

  private static OpsFixture fixture(
      Database db,
      Tables t,
      byte[] master,
      RowCountingDataSource counting,
      String legacy,
      String schemaAction,
      boolean createKeys) {
    JdbcWrappedKeyStore keys =
        JdbcWrappedKeyStore.builder(new UrlDataSource(db.url()))
            .table(t.keys)
            .createTableIfMissing(createKeys)
            .build();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put(SuojaJpaSettings.LEGACY_PLAINTEXT, legacy);
    if (counting != null) {
      extra.put("hibernate.connection.datasource", counting);
    }
    return new OpsFixture(db, t.prefix, master, keys, schemaAction, extra, Client.class);
  }

  private static void createJobTable(Database db, Tables t) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      String product = c.getMetaData().getDatabaseProductName();
      s.execute(JobStateTable.ddl(product, t.jobs));
    }
  }

  private static Map<UUID, String[]> plaintextRows(Database db, Tables t, byte[] master)
      throws Exception {
    Map<UUID, String[]> originals = new LinkedHashMap<>();
    try (OpsFixture schema = fixture(db, t, master, null, "read", "create", true)) {
      schema.suoja.keyring().create("A");
      createJobTable(db, t);
      try (Connection c = db.connect()) {
        c.setAutoCommit(false);
        for (int i = 0; i < ROWS; i++) {
          UUID id = UUID.randomUUID();
          String[] v = {"Etu" + i, "Sukunimi-ö" + i, LegacyRows.hetu(i)};
          LegacyRows.insert(c, t.clients, id, v[0], v[1], v[2]);
          originals.put(id, v);
        }
        c.commit();
      }
    }
    return originals;
  }

  private static void opensToOriginals(OpsFixture f, Map<UUID, String[]> originals) {
    for (Map.Entry<UUID, String[]> e : originals.entrySet()) {
      Client c =
          PrivacyContext.callAs(
              PlaintextMigrationCrashTest.OWNER,
              Purpose.CARE,
              () -> f.sessions.fromTransaction(s -> s.find(Client.class, e.getKey())));
      assertThat(new String[] {c.firstName, c.lastName, c.hetu}).containsExactly(e.getValue());
    }
  }

  /** last_key, state, rows_scanned of a node's row. */
  private static String[] jobRow(Database db, Tables t, String job, String node) throws Exception {
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT last_key, state, rows_scanned FROM "
                    + t.jobs
                    + " WHERE job_name = ? AND node = ?")) {
      ps.setString(1, job);
      ps.setString(2, node);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("job-state row of " + node).isTrue();
        return new String[] {rs.getString(1), rs.getString(2), rs.getString(3)};
      }
    }
  }

  private static Process start(
      Database db, Tables t, byte[] master, String mode, String node, long pauseMs)
      throws Exception {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            JobChild.class.getName(),
            mode,
            db.url(),
            HexFormat.of().formatHex(master),
            t.prefix,
            t.keys,
            t.jobs,
            String.valueOf(BATCH),
            String.valueOf(pauseMs),
            node)
        .redirectErrorStream(true)
        .start();
  }

  /** Runs a child and kills it (SIGKILL) once it printed {@code afterBatches} batches. */
  private static List<String> runChild(
      Database db,
      Tables t,
      byte[] master,
      String mode,
      String node,
      long pauseMs,
      int afterBatches)
      throws Exception {
    Process child = start(db, t, master, mode, node, pauseMs);
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

  /** Waits for a child to finish and returns the rows it reported changing. */
  private static long doneCount(Process child) throws Exception {
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        output.add(line);
      }
    }
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(String.join("\n", output)).isZero();
    String done = output.stream().filter(l -> l.startsWith("done ")).findFirst().orElseThrow();
    return Long.parseLong(done.substring(5));
  }

  private static long underV2(Database db, String table) throws Exception {
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
