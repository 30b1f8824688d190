package fi.suoja.benchmarks.jpa;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A cross-check of the {@link JpaBenchmark} ratios for a shared, overloaded machine: the same
 * benchmark state objects (baseline and suoja, one JVM), run in interleaved rounds and timed with
 * the calling thread's CPU time, which excludes the time the thread waited for a core. H2 runs
 * in-memory on the calling thread, so its work is included; garbage collection and JIT threads are
 * not (Suoja's extra allocation is therefore under-counted a little).
 *
 * <p>Run with {@code java -cp benchmarks/target/benchmarks.jar
 * fi.suoja.benchmarks.jpa.JpaCpuTimeRatios [rounds] [persist|load|both] [suoja|suoja_file]
 * [baseline|hand_rolled]}: the last argument picks what the first column measures.
 */
public final class JpaCpuTimeRatios {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int WARM_UP_ROUNDS = 4;

  private JpaCpuTimeRatios() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    String which = args.length > 1 ? args[1] : "both";
    JpaBenchmark baseline = state(args.length > 3 ? args[3] : "baseline");
    JpaBenchmark suoja = state(args.length > 2 ? args[2] : "suoja");
    long[][] persist = new long[2][rounds];
    long[][] load = new long[2][rounds];
    Object sink = null;
    try {
      for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
        JpaBenchmark[] order =
            round % 2 == 0
                ? new JpaBenchmark[] {baseline, suoja}
                : new JpaBenchmark[] {suoja, baseline};
        for (JpaBenchmark b : order) {
          int slot = b == baseline ? 0 : 1;
          if (!which.equals("load")) {
            long start = THREADS.getCurrentThreadCpuTime();
            sink = b.persistFlush();
            long used = THREADS.getCurrentThreadCpuTime() - start;
            b.afterInvocation();
            if (round >= 0) {
              persist[slot][round] = used;
            }
          }
          if (!which.equals("persist")) {
            long start = THREADS.getCurrentThreadCpuTime();
            sink = b.load();
            long used = THREADS.getCurrentThreadCpuTime() - start;
            b.afterInvocation();
            if (round >= 0) {
              load[slot][round] = used;
            }
          }
        }
      }
    } finally {
      baseline.tearDown();
      suoja.tearDown();
    }
    if (!which.equals("load")) {
      print("persistFlush", persist, baseline.mode, suoja.mode);
    }
    if (!which.equals("persist")) {
      print("load", load, baseline.mode, suoja.mode);
    }
    System.out.println(sink == null ? "" : "(" + JpaBenchmark.ROWS + " rows per operation)");
  }

  private static JpaBenchmark state(String mode) {
    JpaBenchmark b = new JpaBenchmark();
    b.mode = mode;
    b.setUp();
    return b;
  }

  private static void print(String name, long[][] cpu, String baseName, String suojaName) {
    double base = median(cpu[0]) / 1e6;
    double suoja = median(cpu[1]) / 1e6;
    double[] ratios = new double[cpu[0].length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = (double) cpu[1][i] / cpu[0][i];
    }
    Arrays.sort(ratios);
    System.out.printf(
        Locale.ROOT,
        "%-13s CPU ms/op (median of %d rounds): %s %.1f, %s %.1f, ratio %.2f"
            + " (per-round ratios: min %.2f, median %.2f, max %.2f)%n",
        name,
        ratios.length,
        baseName,
        base,
        suojaName,
        suoja,
        suoja / base,
        ratios[0],
        ratios[ratios.length / 2],
        ratios[ratios.length - 1]);
  }

  /** The median of {@code values} (the upper one of an even count); shared by the JPA runners. */
  static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
