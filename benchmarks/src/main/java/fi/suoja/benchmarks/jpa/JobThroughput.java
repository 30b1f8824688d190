package fi.suoja.benchmarks.jpa;

import fi.suoja.Suoja;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.JobStateTable;
import fi.suoja.jpa.KeyRotation;
import fi.suoja.jpa.PlaintextMigration;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.IncidentGrants;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * Throughput of the two resumable jobs as the {@code suoja migrate plaintext} and {@code suoja keys
 * rotate} commands run them (job-state table on, batch 500): {@code PlaintextMigration} sealing
 * {@code rows} plaintext clients (3 values, 1 blind index per row), then {@code KeyRotation}
 * re-sealing them under a new key version, each against a plain sweep of a table of the same size
 * (same batches, row locks and one UPDATE per row of the same columns, no cryptography) measured in
 * the same run just before and after it. Wall-clock.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar fi.suoja.benchmarks.jpa.JobThroughput rows jdbcUrl
 * </pre>
 */
public final class JobThroughput {
  static final int BATCH = 500;
  static final String JOBS = "bench_job_state";

  private JobThroughput() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    String url =
        args.length > 1 ? args[1] : "jdbc:h2:mem:jobs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    Suoja suoja =
        Suoja.builder()
            .keyProvider(KeyProvider.inMemory(Map.of(1, master)))
            .wrappedKeyStore(WrappedKeyStore.inMemory())
            .crypto(c -> c.createTenantKeysOnFirstUse(true))
            .entities(SealedClient.class)
            .policy(CareAccessPolicy.builder().incidentGrants(IncidentGrants.inMemory()).build())
            .auditor(
                Auditor.builder(new InMemoryAuditSink()).application("bench").node("n1").build())
            .build();
    Configuration cfg = new Configuration();
    cfg.addAnnotatedClass(SealedClient.class);
    cfg.addAnnotatedClass(PlainClient.class);
    cfg.setProperty("hibernate.connection.url", url);
    cfg.setProperty("hibernate.hbm2ddl.auto", "create-drop");
    cfg.setProperty("hibernate.connection.pool_size", "2");
    cfg.getProperties().put("hibernate.tenant_identifier_resolver", new JpaBenchmark.TenantA());
    cfg.getProperties().put(SuojaJpaSettings.RUNTIME, suoja);
    try (SessionFactory sessions = cfg.buildSessionFactory()) {
      suoja.keyring().create("A");
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS " + JOBS);
        s.execute(JobStateTable.ddl(c.getMetaData().getDatabaseProductName(), JOBS));
      }
      long t0 = System.nanoTime();
      fill(url, rows);
      analyze(url);
      System.out.printf(
          Locale.ROOT, "filled 2 x %d rows in %.0f s%n", rows, (System.nanoTime() - t0) / 1e9);

      double plain1 = rate(url);
      PlaintextMigration.Progress m =
          PlaintextMigration.builder(sessions)
              .batchSize(BATCH)
              .jobState(JOBS)
              .logInterval(Duration.ofSeconds(30))
              .build()
              .run(SealedClient.class);
      if (m.sealedRows() != rows) {
        throw new IllegalStateException("migration sealed " + m.sealedRows() + " rows");
      }
      double migrated = m.sealedRows() / (m.elapsed().toNanos() / 1e9);
      double plain2 = rate(url);
      suoja.keyring().rotate("A");
      KeyRotation.Progress r =
          KeyRotation.builder(sessions)
              .batchSize(BATCH)
              .jobState(JOBS)
              .logInterval(Duration.ofSeconds(30))
              .build()
              .run(SealedClient.class);
      if (r.resealedRows() != rows || r.remaining() != 0) {
        throw new IllegalStateException("rotation re-sealed " + r.resealedRows() + " rows");
      }
      double rotated = r.resealedRows() / (r.elapsed().toNanos() / 1e9);
      double plain3 = rate(url);
      double baseMigration = (plain1 + plain2) / 2;
      double baseRotation = (plain2 + plain3) / 2;
      System.out.printf(
          Locale.ROOT,
          "%s, %d rows, batch %d: plain sweeps %.0f / %.0f / %.0f rows/s;"
              + " migration %.0f rows/s (%.1f s, ratio %.2f);"
              + " rotation %.0f rows/s (%.1f s incl. verification read, ratio %.2f)%n",
          url.replaceAll("\\?.*", ""),
          rows,
          BATCH,
          plain1,
          plain2,
          plain3,
          migrated,
          m.elapsed().toMillis() / 1000.0,
          baseMigration / migrated,
          rotated,
          r.elapsed().toMillis() / 1000.0,
          baseRotation / rotated);
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE " + JOBS);
      }
    }
  }

  private static double rate(String url) throws SQLException {
    long t0 = System.nanoTime();
    long swept = RotationThroughput.plainSweep(url, "PlainClient");
    return swept / ((System.nanoTime() - t0) / 1e9);
  }

  /** {@code rows} clients in clear in both tables, as a database before Suoja holds them. */
  private static void fill(String url, int rows) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      String cols =
          " (id, organisation, responsibleEmployee, firstName, lastName, hetu,"
              + " hetuIndex, municipality) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
      try (PreparedStatement sealed = c.prepareStatement("INSERT INTO SealedClient" + cols);
          PreparedStatement plain = c.prepareStatement("INSERT INTO PlainClient" + cols)) {
        for (int i = 0; i < rows; i++) {
          String[] v = {"Etunimi" + i, "Sukunimi-ä" + i, JpaBenchmark.hetu(i)};
          sealed.setObject(1, UUID.randomUUID());
          plain.setObject(1, UUID.randomUUID());
          for (PreparedStatement ps : List.of(sealed, plain)) {
            ps.setString(2, "A");
            ps.setString(3, "e-1");
            for (int k = 0; k < 3; k++) {
              ps.setString(4 + k, v[k]);
            }
            ps.setString(8, "old");
          }
          sealed.setString(7, null);
          plain.setString(7, v[2]);
          sealed.addBatch();
          plain.addBatch();
          if (i % 1000 == 999) {
            sealed.executeBatch();
            plain.executeBatch();
            c.commit();
          }
        }
        sealed.executeBatch();
        plain.executeBatch();
        c.commit();
      }
    }
  }

  private static void analyze(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      for (String table : List.of("PlainClient", "SealedClient")) {
        st.execute(product.contains("postgres") ? "ANALYZE " + table : "ANALYZE TABLE " + table);
      }
    }
  }
}
