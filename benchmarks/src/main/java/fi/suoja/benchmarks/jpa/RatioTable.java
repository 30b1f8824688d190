package fi.suoja.benchmarks.jpa;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Issue 23's ratio table in one run: for in-memory H2, PostgreSQL and MariaDB (the URLs of {@code
 * SUOJA_TEST_POSTGRESQL_URL} / {@code SUOJA_TEST_MARIADB_URL}, or {@code -Dsuoja.test.*.url}; a
 * database that is not configured or does not answer is skipped with a message), the {@link
 * JpaBenchmark} and {@link JpaQueryBenchmark} states of every mode in one JVM, interleaved round by
 * round (the order rotates), each operation timed three ways: the calling thread's CPU time (what
 * the client spends; it excludes time waiting for a core and, on a server database, the server's
 * work), wall time, and the bytes the thread allocated (the counter JMH's {@code -prof gc} reads
 * for {@code gc.alloc.rate.norm}). Medians over the rounds; ratios against the plain entity of the
 * same round set.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar fi.suoja.benchmarks.jpa.RatioTable [rounds]
 * [h2,postgresql,mariadb]}; {@code benchmarks/run-ratios.sh} runs it.
 */
public final class RatioTable {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final int WARM_UP = 3;
  // held: java.util.logging keeps loggers weakly, and a collected one forgets its level
  private static final java.util.logging.Logger HIBERNATE_LOG =
      java.util.logging.Logger.getLogger("org.hibernate");
  private static final int QUERIES_PER_ROUND = 40;

  private RatioTable() {}

  /** cpu ns, wall ns, allocated bytes of one measured call. */
  record Sample(long cpu, long wall, long bytes) {}

  static Sample time(Supplier<?> op) {
    long id = Thread.currentThread().getId();
    long b0 = THREADS.getThreadAllocatedBytes(id);
    long c0 = THREADS.getCurrentThreadCpuTime();
    long w0 = System.nanoTime();
    Object result = op.get();
    long wall = System.nanoTime() - w0;
    long cpu = THREADS.getCurrentThreadCpuTime() - c0;
    long bytes = THREADS.getThreadAllocatedBytes(id) - b0;
    if (result == null) {
      throw new IllegalStateException("no result");
    }
    return new Sample(cpu, wall, bytes);
  }

  /** Medians per mode and workload. */
  static final class Results {
    final Map<String, List<Sample>> samples = new LinkedHashMap<>();

    void add(String key, Sample s, boolean measured) {
      if (measured) {
        samples.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
      }
    }

    double median(String key, int which) {
      List<Sample> list = samples.get(key);
      long[] v = new long[list.size()];
      for (int i = 0; i < v.length; i++) {
        Sample s = list.get(i);
        v[i] = which == 0 ? s.cpu() : which == 1 ? s.wall() : s.bytes();
      }
      return JpaCpuTimeRatios.median(v);
    }
  }

  public static void main(String[] args) throws Exception {
    HIBERNATE_LOG.setLevel(java.util.logging.Level.WARNING);
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    List<String> wanted = List.of((args.length > 1 ? args[1] : "h2,postgresql,mariadb").split(","));
    System.out.printf(
        Locale.ROOT,
        "RatioTable: %d rounds after %d warm-up, %d rows bulk, %d rows for page/lookup, JDK %s%n",
        rounds,
        WARM_UP,
        JpaBenchmark.ROWS,
        Integer.getInteger("bench.query.rows", 1_000_000),
        System.getProperty("java.version"));
    System.out.println(
        "| database | workload | plain | suoja | suoja/plain CPU | suoja/plain wall"
            + " | hand-rolled/plain CPU | suoja/hand-rolled CPU |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    List<String> notes = new ArrayList<>();
    for (String db : wanted) {
      String url = db.equals("h2") ? "" : url(db);
      if (url == null) {
        notes.add(
            db + ": skipped, not configured (SUOJA_TEST_" + db.toUpperCase(Locale.ROOT) + "_URL)");
        continue;
      }
      if (!url.isEmpty()) {
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(url)) {
          c.isValid(5);
        } catch (Exception e) {
          notes.add(db + ": skipped, does not answer (" + e.getClass().getSimpleName() + ")");
          continue;
        }
      }
      System.setProperty("bench.url", url);
      long start = System.nanoTime();
      bulk(db, rounds);
      queries(db, rounds, notes);
      notes.add(String.format(Locale.ROOT, "%s: %.0f s", db, (System.nanoTime() - start) / 1e9));
    }
    System.out.println();
    notes.forEach(System.out::println);
  }

  private static String url(String db) {
    String url = System.getProperty("suoja.test." + db + ".url");
    if (url == null || url.isBlank()) {
      url = System.getenv("SUOJA_TEST_" + db.toUpperCase(Locale.ROOT) + "_URL");
    }
    return url == null || url.isBlank() ? null : url;
  }

  private static JpaBenchmark bulkState(String mode) {
    JpaBenchmark b = new JpaBenchmark();
    b.mode = mode;
    b.setUp();
    return b;
  }

  private static void bulk(String db, int rounds) {
    List<JpaBenchmark> states = new ArrayList<>();
    Results r = new Results();
    try {
      for (String mode : List.of("baseline", "suoja", "hand_rolled", "suoja_file")) {
        states.add(bulkState(mode));
      }
      for (int round = -WARM_UP; round < rounds; round++) {
        boolean measured = round >= 0;
        for (int k = 0; k < states.size(); k++) {
          JpaBenchmark b = states.get(Math.floorMod(k + round, states.size()));
          r.add(b.mode + " persist", time(b::persistFlush), measured);
          b.afterInvocation();
          r.add(b.mode + " load", time(b::load), measured);
          b.afterInvocation();
        }
      }
    } finally {
      states.forEach(JpaBenchmark::tearDown);
    }
    int n = JpaBenchmark.ROWS;
    row(db, "persist+flush " + n, r, "persist", 1e6, "ms");
    row(db, "load " + n, r, "load", 1e6, "ms");
    double auditCpu = (r.median("suoja_file load", 0) - r.median("suoja load", 0)) / n / 1e3;
    double auditWall = (r.median("suoja_file load", 1) - r.median("suoja load", 1)) / n / 1e3;
    System.out.printf(
        Locale.ROOT,
        "| %s | audit sink per loaded record (BUFFERED file sink - in-memory sink) | - | %.2f µs CPU,"
            + " %.2f µs wall | - | - | - | - |%n",
        db,
        auditCpu,
        auditWall);
    for (String w : List.of("persist", "load")) {
      double plain = r.median("baseline " + w, 2);
      double suoja = r.median("suoja " + w, 2);
      double hand = r.median("hand_rolled " + w, 2);
      System.out.printf(
          Locale.ROOT,
          "| %s | allocated per %s of %d | %.1f MB | %.1f MB | **%.2f** (bytes) | - | %.2f | %.2f |%n",
          db,
          w,
          n,
          plain / 1e6,
          suoja / 1e6,
          suoja / plain,
          hand / plain,
          suoja / hand);
    }
  }

  private static void queries(String db, int rounds, List<String> notes) {
    List<JpaQueryBenchmark> states = new ArrayList<>();
    Results r = new Results();
    try {
      for (String mode : List.of("baseline", "suoja")) {
        JpaQueryBenchmark q = new JpaQueryBenchmark();
        q.mode = mode;
        long start = System.nanoTime();
        q.setUp();
        notes.add(
            String.format(
                Locale.ROOT,
                "%s: %s table of %d rows ready in %.1f s",
                db,
                mode,
                q.rows,
                (System.nanoTime() - start) / 1e9));
        states.add(q);
      }
      notes.add(
          db
              + ": EXPLAIN of the blind-index lookup: "
              + states.get(1).explain("hetuIndex", "AAAAAA"));
      for (int round = -WARM_UP; round < rounds; round++) {
        boolean measured = round >= 0;
        for (int k = 0; k < states.size(); k++) {
          JpaQueryBenchmark q = states.get(Math.floorMod(k + round, states.size()));
          r.add(
              q.mode + " page",
              time(
                  () -> {
                    for (int i = 0; i < QUERIES_PER_ROUND; i++) {
                      q.page();
                    }
                    return q;
                  }),
              measured);
          q.clearSink();
          r.add(
              q.mode + " lookup",
              time(
                  () -> {
                    for (int i = 0; i < QUERIES_PER_ROUND; i++) {
                      q.findByHetu();
                    }
                    return q;
                  }),
              measured);
          q.clearSink();
        }
      }
    } finally {
      states.forEach(JpaQueryBenchmark::tearDown);
    }
    String rows = String.valueOf(states.get(0).rows);
    row(
        db,
        "page of 50 of one employee (" + rows + " rows)",
        r,
        "page",
        QUERIES_PER_ROUND * 1e3,
        "µs");
    row(
        db,
        "find by HETU: blind index vs plain indexed column (" + rows + " rows)",
        r,
        "lookup",
        QUERIES_PER_ROUND * 1e3,
        "µs");
  }

  private static void row(String db, String name, Results r, String w, double div, String unit) {
    double plainCpu = r.median("baseline " + w, 0);
    double suojaCpu = r.median("suoja " + w, 0);
    double plainWall = r.median("baseline " + w, 1);
    double suojaWall = r.median("suoja " + w, 1);
    boolean hand = r.samples.containsKey("hand_rolled " + w);
    double handCpu = hand ? r.median("hand_rolled " + w, 0) : Double.NaN;
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %.1f %s CPU, %.1f wall | %.1f %s CPU, %.1f wall | **%.2f** | %.2f | %s | %s |%n",
        db,
        name,
        plainCpu / div,
        unit,
        plainWall / div,
        suojaCpu / div,
        unit,
        suojaWall / div,
        suojaCpu / plainCpu,
        suojaWall / plainWall,
        hand ? String.format(Locale.ROOT, "%.2f", handCpu / plainCpu) : "-",
        hand ? String.format(Locale.ROOT, "%.2f", suojaCpu / handCpu) : "-");
  }
}
