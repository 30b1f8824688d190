package fi.suoja.benchmarks.masking;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A cross-check of {@link MaskingBenchmark} for shared, overloaded machines (as {@code
 * crypto.CpuTimeRatios} is for the crypto benchmarks): the benchmark's own state objects, {@code
 * regex} and {@code suoja} timed in interleaved rounds with the thread's CPU time, which excludes
 * the time the thread waited for a core. Prints the median CPU time per masked line of each and
 * their ratio, for every {@code message} and {@code literals} pair. Run with {@code java -cp
 * benchmarks/target/benchmarks.jar fi.suoja.benchmarks.masking.MaskingCpuTimeRatios [rounds]}.
 */
public final class MaskingCpuTimeRatios {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int SUOJA_OPS = 20_000;
  private static final int REGEX_OPS = 1_000;

  private static long sink;

  private MaskingCpuTimeRatios() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    // pass 0 only warms the JIT for every path (its figures are discarded), pass 1 reports
    for (int pass = 0; pass < 2; pass++) {
      for (int literals : new int[] {0, 20}) {
        for (String message : new String[] {"clean", "personal"}) {
          measure(message, literals, pass == 0 ? 5 : rounds, pass == 1);
        }
      }
    }
    if (sink == 42) {
      System.out.println();
    }
  }

  private static void measure(String message, int literals, int rounds, boolean report) {
    MaskingBenchmark regex = state("regex", message, literals);
    MaskingBenchmark suoja = state("suoja", message, literals);
    double[] regexNs = new double[rounds];
    double[] suojaNs = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      // alternate which goes first, so that neither always runs on a just-warmed cache
      if (r % 2 == 0) {
        regexNs[r] = time(regex, REGEX_OPS);
        suojaNs[r] = time(suoja, SUOJA_OPS);
      } else {
        suojaNs[r] = time(suoja, SUOJA_OPS);
        regexNs[r] = time(regex, REGEX_OPS);
      }
    }
    // scopes nest: close the inner one first
    suoja.tearDown();
    regex.tearDown();
    if (report) {
      double regexMedian = median(regexNs);
      double suojaMedian = median(suojaNs);
      System.out.printf(
          Locale.ROOT,
          "literals=%2d %-8s regex %9.0f ns  suoja %7.0f ns  regex/suoja %5.1fx%n",
          literals,
          message,
          regexMedian,
          suojaMedian,
          regexMedian / suojaMedian);
    }
  }

  private static MaskingBenchmark state(String impl, String message, int literals) {
    MaskingBenchmark b = new MaskingBenchmark();
    b.impl = impl;
    b.message = message;
    b.literals = literals;
    b.setUp();
    return b;
  }

  private static double time(MaskingBenchmark b, int ops) {
    long total = 0;
    long start = THREADS.getCurrentThreadCpuTime();
    for (int k = 0; k < ops; k++) {
      total += b.mask().length();
    }
    long cpu = THREADS.getCurrentThreadCpuTime() - start;
    sink += total;
    return (double) cpu / ops;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
