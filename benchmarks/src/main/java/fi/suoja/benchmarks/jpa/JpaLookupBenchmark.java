package fi.suoja.benchmarks.jpa;

import fi.suoja.jpa.PrivacyQueries;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Finding one client by HETU among {@value JpaBenchmark#ROWS} on in-memory H2, each lookup in its
 * own transaction (one request): {@code baseline} = {@code where c.hetu = :h} on the plain entity
 * (a database index on {@code hetu}); {@code transparent} = the same JPQL on the Suoja entity,
 * rewritten to its blind index (a database index on {@code hetuIndex}), the loaded row decided,
 * audited, opened and checked against collisions; {@code findBy} = {@code PrivacyQueries.findBy} on
 * the Suoja entity. One operation is {@value #LOOKUPS} lookups of different HETUs.
 *
 * <p>CPU-time ratios (interleaved rounds, the calling thread's CPU time, as {@link
 * JpaCpuTimeRatios}): {@code java -cp benchmarks/target/benchmarks.jar
 * fi.suoja.benchmarks.jpa.JpaLookupBenchmark [rounds]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JpaLookupBenchmark {
  static final int LOOKUPS = 200;

  @Param({"baseline", "transparent", "findBy"})
  public String mode;

  private JpaBenchmark table;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    table = new JpaBenchmark();
    table.mode = mode.equals("baseline") ? "baseline" : "suoja";
    table.setUp();
    String column = mode.equals("baseline") ? "hetu" : "hetuIndex";
    table.sessions.inTransaction(
        s ->
            s.createNativeMutationQuery(
                    "create index "
                        + table.prefix
                        + "lookup_idx on "
                        + table.prefix
                        + table.entity
                        + " ("
                        + column
                        + ")")
                .executeUpdate());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    table.tearDown();
  }

  /** {@value #LOOKUPS} lookups, each in its own transaction; returns the rows found. */
  @Benchmark
  public int lookups() {
    int found = 0;
    for (int i = 0; i < LOOKUPS; i++) {
      next = (next + 1) % JpaBenchmark.ROWS;
      String hetu = JpaBenchmark.hetu(next * 7919 % JpaBenchmark.ROWS);
      found +=
          PrivacyContext.callAs(
              JpaBenchmark.OWNER,
              Purpose.CARE,
              () -> table.sessions.fromTransaction(s -> lookup(s, hetu).size()));
    }
    if (table.sink != null) {
      table.sink.clear();
    }
    return found;
  }

  private List<?> lookup(org.hibernate.Session s, String hetu) {
    if (mode.equals("findBy")) {
      return PrivacyQueries.findBy(s, SealedClient.class, "hetu", hetu);
    }
    return s.createSelectionQuery("from " + table.entity + " c where c.hetu = :h", table.type)
        .setParameter("h", hetu)
        .getResultList();
  }

  /** CPU-time ratios of the three modes, interleaved round by round. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    String[] modes = {"baseline", "transparent", "findBy"};
    JpaLookupBenchmark[] states = new JpaLookupBenchmark[modes.length];
    for (int m = 0; m < modes.length; m++) {
      states[m] = new JpaLookupBenchmark();
      states[m].mode = modes[m];
      states[m].setUp();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[][] cpu = new long[modes.length][rounds];
    int[] found = new int[modes.length];
    try {
      for (int round = -4; round < rounds; round++) {
        for (int k = 0; k < modes.length; k++) {
          int m = (k + Math.max(round, 0)) % modes.length; // rotate the order every round
          long start = threads.getCurrentThreadCpuTime();
          found[m] = states[m].lookups();
          long used = threads.getCurrentThreadCpuTime() - start;
          if (round >= 0) {
            cpu[m][round] = used;
          }
        }
      }
    } finally {
      for (JpaLookupBenchmark s : states) {
        s.tearDown();
      }
    }
    double base = JpaCpuTimeRatios.median(cpu[0]);
    for (int m = 0; m < modes.length; m++) {
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = (double) cpu[m][r] / cpu[0][r];
      }
      Arrays.sort(ratios);
      double median = JpaCpuTimeRatios.median(cpu[m]);
      System.out.printf(
          Locale.ROOT,
          "%-11s CPU us/lookup (median of %d rounds): %.1f, ratio to baseline %.2f"
              + " (per-round: min %.2f, max %.2f); rows found in the last round %d%n",
          modes[m],
          rounds,
          median / 1e3 / LOOKUPS,
          median / base,
          ratios[0],
          ratios[rounds - 1],
          found[m]);
    }
  }
}
