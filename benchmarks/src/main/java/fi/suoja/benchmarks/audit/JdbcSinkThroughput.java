package fi.suoja.benchmarks.audit;

import com.sun.management.OperatingSystemMXBean;
import fi.suoja.audit.AccessBasis;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.Outcome;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JdbcAuditSink;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Events per second stored in a database, DURABLE (the call returns once the row is committed), by
 * {@code JdbcAuditSink} against a plain JDBC INSERT baseline, interleaved round by round in one
 * JVM, with the process CPU time per event (the database server's CPU is not counted).
 *
 * <ul>
 *   <li>{@code insert}: each thread has its own connection and commits one INSERT of the same eight
 *       columns per event (auto-commit): durable without a chain or group commit in the client (the
 *       server may still group the WAL flushes of concurrent commits);
 *   <li>{@code durable}: one {@code JdbcAuditSink} (HMAC chain, Merkle frontier, a signed
 *       checkpoint every 10 000 records) shared by the threads, {@code record(event)} per event.
 * </ul>
 *
 * <p>Args: {@code <jdbc-url> [threads=8] [seconds per round=5] [rounds=3]}. Tables are created per
 * run under a unique name and dropped at the end.
 */
public final class JdbcSinkThroughput {
  private JdbcSinkThroughput() {}

  /** Runs the comparison and prints one line per round and mode, then the medians. */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    String table = "bench_jdbc_" + Long.toHexString(System.nanoTime());
    DataSource ds = new Urls(url);
    JdbcAuditSink.createTables(ds, table);
    PrivateKey signer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
    AuditEvent event = event();
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    try {
      for (int round = 0; round <= rounds; round++) { // round 0: warm-up
        for (String mode : List.of("insert", "durable")) {
          double[] r =
              switch (mode) {
                case "insert" -> runInsert(url, table, event, threads, seconds);
                default -> runSink(ds, table, signer, event, threads, seconds, round);
              };
          System.out.printf(
              "round %d %-8s %9.0f events/s  %7.1f us CPU/event%n",
              round, mode, r[0], r[1] / 1000.0);
          if (round > 0) {
            results.computeIfAbsent(mode, k -> new ArrayList<>()).add(r);
          }
        }
      }
    } finally {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE " + table + "_checkpoint");
        s.execute("DROP TABLE " + table);
      }
    }
    double base = median(results.get("insert"), 0);
    System.out.printf("%nthreads %d, %d rounds of %d s (median)%n", threads, rounds, seconds);
    for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
      double rate = median(e.getValue(), 0);
      System.out.printf(
          "%-8s %9.0f events/s  %5.2fx insert  %7.1f us CPU/event%n",
          e.getKey(), rate, rate / base, median(e.getValue(), 1) / 1000.0);
    }
  }

  private static double median(List<double[]> rows, int column) {
    List<Double> v = new ArrayList<>();
    for (double[] r : rows) {
      v.add(r[column]);
    }
    Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  private static AuditEvent event() {
    return AuditEvent.builder()
        .time(Instant.parse("2026-03-01T10:15:30.123456Z"))
        .actor(AuditActor.tenantUser("u-1234", "tenant-42", Set.of("NURSE")))
        .action(AuditAction.READ)
        .resource("Client", "c-8f14e45f-ceea-467f-a0e6-1d3a9c2b7e11", "tenant-42")
        .subject("s-8f14e45f-ceea-467f-a0e6-1d3a9c2b7e11")
        .fields("firstName", "lastName", "hetu", "address")
        .basis(AccessBasis.owner())
        .purpose("CARE")
        .outcome(Outcome.success())
        .correlationId("req-5f1a2b3c")
        .application("echat")
        .node("node-1")
        .build();
  }

  /** A task run by each thread until the stop flag is set; returns events done. */
  private interface Worker {
    void run(int thread, AtomicBoolean stop, LongAdder done) throws Exception;
  }

  /** Returns {events/s, process CPU ns per event}. */
  private static double[] measure(int threads, int seconds, Worker worker) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder done = new LongAdder();
    CountDownLatch finished = new CountDownLatch(threads);
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread th =
          new Thread(
              () -> {
                try {
                  worker.run(thread, stop, done);
                } catch (Throwable e) {
                  errors.add(e);
                } finally {
                  finished.countDown();
                }
              });
      th.start();
    }
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    finished.await();
    long wall = System.nanoTime() - t0;
    long cpu = os.getProcessCpuTime() - cpu0;
    if (!errors.isEmpty()) {
      throw new IllegalStateException("a worker failed", errors.get(0));
    }
    long n = done.sum();
    return new double[] {n * 1e9 / wall, (double) cpu / n};
  }

  private static double[] runInsert(
      String url, String table, AuditEvent event, int threads, int seconds) throws Exception {
    // an event JSON of the same length as the sink's canonical form of this event (~470 bytes)
    String json = "{\"pad\":\"" + "x".repeat(460) + "\"}";
    String hash = Base64.getEncoder().encodeToString(new byte[32]);
    String chain = "plain-" + UUID.randomUUID();
    return measure(
        threads,
        seconds,
        (thread, stop, done) -> {
          try (Connection c = DriverManager.getConnection(url);
              PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO "
                          + table
                          + " (chain_id, seq, event_id, event_micros, event_action, subject_id,"
                          + " event_json, chain_hash) VALUES (?,?,?,?,?,?,?,?)")) {
            c.setAutoCommit(true);
            long seq = (long) thread << 40;
            while (!stop.get()) {
              ps.setString(1, chain);
              ps.setLong(2, seq++);
              ps.setString(3, UUID.randomUUID().toString());
              ps.setLong(4, 1_772_360_130_123_456L);
              ps.setString(5, "READ");
              ps.setString(6, event.subjectId());
              ps.setString(7, json);
              ps.setString(8, hash);
              ps.executeUpdate();
              done.increment();
            }
          }
        });
  }

  private static double[] runSink(
      DataSource ds,
      String table,
      PrivateKey signer,
      AuditEvent event,
      int threads,
      int seconds,
      int round)
      throws Exception {
    ChainOptions chain =
        ChainOptions.builder()
            .chainId("bench-" + round + "-" + Long.toHexString(System.nanoTime()))
            .chainKey(ChainKey.generate())
            .checkpoints(signer)
            .checkpointEvery(10_000, Duration.ofSeconds(10))
            .build();
    JdbcAuditSink sink = JdbcAuditSink.builder(ds).table(table).chain(chain).build();
    try {
      return measure(
          threads,
          seconds,
          (thread, stop, done) -> {
            while (!stop.get()) {
              sink.record(event);
              done.increment();
            }
          });
    } finally {
      sink.close();
    }
  }

  /** A DataSource opening a new connection per call (as {@code PGSimpleDataSource} does). */
  private static final class Urls implements DataSource {
    private final String url;

    Urls(String url) {
      this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
