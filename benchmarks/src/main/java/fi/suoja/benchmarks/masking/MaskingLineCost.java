package fi.suoja.benchmarks.masking;

import fi.suoja.masking.Anonymiser;
import fi.suoja.masking.Masker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The anonymiser alone on {@link MaskingBenchmark}'s lines, by half: the first eight of each set
 * (the lines before issue 25) and the last eight (issue 25's shapes), in thread CPU time, median of
 * 40 rounds after a warm-up. Unlike the benchmark it does not check what the masker returns, so it
 * also times an older scanner put first on the class path, which fails that check: {@code java -cp
 * <old classes>:benchmarks/target/benchmarks.jar fi.suoja.benchmarks.masking.MaskingLineCost}.
 */
public final class MaskingLineCost {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int OPS = 20_000;

  private static long sink;

  private MaskingLineCost() {}

  public static void main(String[] args) {
    Masker masker = Anonymiser.instance();
    for (String set : new String[] {"clean", "personal"}) {
      String[] lines = set.equals("clean") ? MaskingBenchmark.CLEAN : MaskingBenchmark.PERSONAL;
      for (int half = 0; half < 2; half++) {
        String[] part = Arrays.copyOfRange(lines, 8 * half, 8 * half + 8);
        for (int w = 0; w < 10 * OPS; w++) {
          sink += masker.mask(part[w & 7]).length();
        }
        double[] ns = new double[40];
        for (int r = 0; r < ns.length; r++) {
          long start = THREADS.getCurrentThreadCpuTime();
          for (int k = 0; k < OPS; k++) {
            sink += masker.mask(part[k & 7]).length();
          }
          ns[r] = (THREADS.getCurrentThreadCpuTime() - start) / (double) OPS;
        }
        Arrays.sort(ns);
        System.out.printf(
            Locale.ROOT,
            "%-8s lines %2d-%2d  median %6.0f ns/line  (quartiles %6.0f-%6.0f)%n",
            set,
            8 * half + 1,
            8 * half + 8,
            ns[20],
            ns[10],
            ns[30]);
      }
    }
    if (sink == 42) {
      System.out.println();
    }
  }
}
