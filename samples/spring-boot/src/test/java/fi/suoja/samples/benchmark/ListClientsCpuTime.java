package fi.suoja.samples.benchmark;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * A cross-check of {@link ListClientsBenchmark} for a shared, overloaded machine: both applications
 * started in one JVM, their requests run in interleaved rounds (plain, suoja, suoja, plain, ...),
 * each round timed with the process's CPU time, which leaves out the time spent waiting for a core.
 * Process rather than thread time because Suoja's JDBC audit sink commits on its own thread: that
 * work is Suoja's cost and is counted (so are the JIT and GC threads, for both alike). Reports the
 * median CPU time and wall time per request and their ratios. Run as {@link ListClientsBenchmark}
 * is, with the main class {@code fi.suoja.samples.benchmark.ListClientsCpuTime}.
 */
public final class ListClientsCpuTime {
  private static final int WARM_UP_ROUNDS = 30;
  private static final int ROUNDS = 40;
  private static final int REQUESTS = 50;

  private ListClientsCpuTime() {}

  public static void main(String[] args) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ListClientsBenchmark plain = new ListClientsBenchmark();
    plain.impl = "plain";
    plain.start();
    ListClientsBenchmark suoja = new ListClientsBenchmark();
    suoja.impl = "suoja";
    suoja.start();
    ListClientsBenchmark[] apps = {plain, suoja};
    long[][] cpu = new long[2][ROUNDS];
    long[][] wall = new long[2][ROUNDS];
    long[][] thread = new long[2][ROUNDS];
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int checksum = 0;
    for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
      for (int k = 0; k < 2; k++) {
        int i = (round & 1) == 0 ? k : 1 - k; // alternate which goes first
        long c0 = os.getProcessCpuTime();
        long t0 = threads.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (int r = 0; r < REQUESTS; r++) {
          checksum += apps[i].listClients().length();
        }
        if (round >= 0) {
          cpu[i][round] = (os.getProcessCpuTime() - c0) / REQUESTS;
          wall[i][round] = (System.nanoTime() - w0) / REQUESTS;
          thread[i][round] = (threads.getCurrentThreadCpuTime() - t0) / REQUESTS;
        }
      }
    }
    double cpuPlain = median(cpu[0]);
    double cpuSuoja = median(cpu[1]);
    double wallPlain = median(wall[0]);
    double wallSuoja = median(wall[1]);
    System.out.printf(
        "list 50 clients, median of %d rounds x %d requests (after %d warm-up rounds)%n",
        ROUNDS, REQUESTS, WARM_UP_ROUNDS);
    System.out.printf(
        "  process CPU per request: plain %.2f ms, suoja %.2f ms, ratio %.2f%n",
        cpuPlain / 1e6, cpuSuoja / 1e6, cpuSuoja / cpuPlain);
    System.out.printf(
        "  request thread's CPU:    plain %.2f ms, suoja %.2f ms, ratio %.2f (without the audit"
            + " writer's thread)%n",
        median(thread[0]) / 1e6, median(thread[1]) / 1e6, median(thread[1]) / median(thread[0]));
    System.out.printf(
        "  wall time per request:   plain %.2f ms, suoja %.2f ms, ratio %.2f%n",
        wallPlain / 1e6, wallSuoja / 1e6, wallSuoja / wallPlain);
    System.out.println("  (checksum " + checksum + ")");
    plain.stop();
    suoja.stop();
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
  }
}
