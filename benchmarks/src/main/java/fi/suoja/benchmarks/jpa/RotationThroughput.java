package fi.suoja.benchmarks.jpa;

import fi.suoja.Suoja;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.FieldCipher;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.KeyRotation;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.IncidentGrants;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * Key-rotation throughput: {@code KeyRotation} re-encrypting {@code rows} clients (3 encrypted
 * attributes, 1 blind index) against a plain sweep that walks a table of the same size with the
 * same batches, row locks and one UPDATE per row of the same columns, without any cryptography:
 * what the database costs alone. Same JVM, same database, same batch size; alternating runs. Not
 * JMH: one rotation of 100 000 rows is a multi-second operation, measured wall-clock.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar fi.suoja.benchmarks.jpa.RotationThroughput [rows] [runs] [jdbcUrl]
 * </pre>
 */
public final class RotationThroughput {
  static final int BATCH = 500;

  private RotationThroughput() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String url =
        args.length > 2
            ? args[2]
            : "jdbc:h2:mem:rotation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
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
      fill(url, suoja, rows);
      analyze(url);
      KeyRotation rotation = KeyRotation.builder(sessions).batchSize(BATCH).build();
      List<Double> suojaRates = new ArrayList<>();
      List<Double> plainRates = new ArrayList<>();
      for (int run = 0; run <= runs; run++) { // run 0 warms up both paths
        long t0 = System.nanoTime();
        long swept = plainSweep(url, "PlainClient");
        double plain = swept / ((System.nanoTime() - t0) / 1e9);
        suoja.keyring().rotate("A");
        KeyRotation.Progress p = rotation.run(SealedClient.class);
        if (p.resealedRows() != rows || p.remaining() != 0) {
          throw new IllegalStateException("rotation re-sealed " + p.resealedRows() + " rows");
        }
        double rotated = p.resealedRows() / (p.elapsed().toNanos() / 1e9);
        System.out.printf(
            Locale.ROOT,
            "%s run %d: plain sweep %.0f rows/s, rotation %.0f rows/s" + " (%.1fx slower)%n",
            run == 0 ? "warm-up" : "measured",
            run,
            plain,
            rotated,
            plain / rotated);
        if (run > 0) {
          plainRates.add(plain);
          suojaRates.add(rotated);
        }
      }
      double plain = median(plainRates);
      double rotated = median(suojaRates);
      System.out.printf(
          Locale.ROOT,
          "%s, %d rows, batch %d: median plain sweep %.0f rows/s,"
              + " median rotation %.0f rows/s, ratio %.2f%n",
          url.replaceAll("\\?.*", ""),
          rows,
          BATCH,
          plain,
          rotated,
          plain / rotated);
    }
  }

  /**
   * Inserts {@code rows} sealed clients (sealed exactly as the integration seals) and as many
   * plain.
   */
  private static void fill(String url, Suoja suoja, int rows) throws SQLException {
    FieldCipher cipher = suoja.cipher();
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      String cols =
          " (id, organisation, responsibleEmployee, firstName, lastName, hetu,"
              + " hetuIndex, municipality) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
      try (PreparedStatement sealed = c.prepareStatement("INSERT INTO SealedClient" + cols);
          PreparedStatement plain = c.prepareStatement("INSERT INTO PlainClient" + cols)) {
        for (int i = 0; i < rows; i++) {
          UUID id = UUID.randomUUID();
          String[] v = {"Etunimi" + i, "Sukunimi-ä" + i, JpaBenchmark.hetu(i)};
          String[] f = {"firstName", "lastName", "hetu"};
          sealed.setObject(1, id);
          plain.setObject(1, UUID.randomUUID());
          for (PreparedStatement ps : List.of(sealed, plain)) {
            ps.setString(2, "A");
            ps.setString(3, "e-1");
            ps.setString(8, "old");
          }
          for (int k = 0; k < 3; k++) {
            sealed.setString(
                4 + k,
                cipher.seal(new CipherContext("A", "SealedClient", f[k], id.toString()), v[k]));
            plain.setString(4 + k, v[k]);
          }
          sealed.setString(
              7, suoja.blindIndexer().index("A", "SealedClient", "hetu", v[2]).toText());
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

  /**
   * Refreshes the planner statistics of both tables after the bulk fill, as a production table has
   * them. Without it PostgreSQL planned whichever table autovacuum had not analysed yet as a
   * sequential scan plus sort per batch (25 ms instead of 2 ms), which decided the comparison.
   */
  private static void analyze(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        java.sql.Statement st = c.createStatement()) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      for (String table : List.of("PlainClient", "SealedClient")) {
        st.execute(product.contains("postgres") ? "ANALYZE " + table : "ANALYZE TABLE " + table);
      }
    }
  }

  /** The baseline: same batches and locks, one UPDATE per row of the same columns, no crypto. */
  static long plainSweep(String url, String table) throws SQLException {
    long swept = 0;
    Object after = null;
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      while (true) {
        int n = 0;
        try (PreparedStatement sel =
                c.prepareStatement(
                    "SELECT id, firstName, lastName, hetu, hetuIndex FROM "
                        + table
                        + (after == null ? "" : " WHERE id > ?")
                        + " ORDER BY id LIMIT "
                        + BATCH
                        + " FOR UPDATE SKIP LOCKED");
            PreparedStatement upd =
                c.prepareStatement(
                    "UPDATE "
                        + table
                        + " SET firstName = ?, lastName = ?, hetu = ?, hetuIndex = ? WHERE id = ?")) {
          if (after != null) {
            sel.setObject(1, after);
          }
          try (ResultSet rs = sel.executeQuery()) {
            while (rs.next()) {
              n++;
              after = rs.getObject(1);
              for (int k = 0; k < 4; k++) {
                // the same text back: the database does the full work of an update
                upd.setString(k + 1, rs.getString(2 + k));
              }
              upd.setObject(5, after);
              upd.addBatch();
            }
          }
          upd.executeBatch();
        }
        c.commit();
        swept += n;
        if (n < BATCH) {
          return swept;
        }
      }
    }
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    int m = s.size() / 2;
    return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
  }
}
