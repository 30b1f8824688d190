package fi.suoja.benchmarks.audit;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * A cross-check of the {@link FileSinkBenchmark} BUFFERED ratios for a shared, overloaded machine:
 * the same benchmark state (baseline and BUFFERED sink, one JVM) in interleaved rounds, each round
 * appending a fixed number of events from N threads and then closing the sink (which writes and
 * forces everything, so the background writer's work is included), timed with the process's CPU
 * time. Other processes' load does not inflate CPU time the way it inflates wall time. The process
 * total includes garbage collection and the JIT, which are real costs of each side; the first
 * rounds are warm-up. On a machine whose cores are all busy, the throughput ratio tends to the CPU
 * ratio; with an idle core, the sink's background writer can run beside the caller and the
 * throughput ratio is lower.
 *
 * <p>Run with {@code java -cp benchmarks/target/benchmarks.jar
 * fi.suoja.benchmarks.audit.AuditCpuTimeRatios [rounds] [events per round] [threads...]}, with
 * {@code -Dsuoja.bench.dir=...} on a real disk ({@code -Dsuoja.bench.checkpointEvery=...}, default
 * 10 000, for the sink's checkpoint spacing).
 */
public final class AuditCpuTimeRatios {
  private static final int WARM_UP_ROUNDS = 4;

  private AuditCpuTimeRatios() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int[] threadCounts =
        args.length > 2
            ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
            : new int[] {1, 2, 8};
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int threads : threadCounts) {
      double[] cpu = new double[rounds];
      double[] wall = new double[rounds];
      double[][] perEvent = new double[2][rounds];
      for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
        long[] cpuUsed = new long[2];
        long[] wallUsed = new long[2];
        String[] order =
            round % 2 == 0
                ? new String[] {"baseline", "buffered"}
                : new String[] {"buffered", "baseline"};
        for (String mode : order) {
          int slot = mode.equals("baseline") ? 0 : 1;
          FileSinkBenchmark b = new FileSinkBenchmark();
          b.mode = mode;
          b.checkpointEvery = Long.getLong("suoja.bench.checkpointEvery", 10_000);
          b.keys();
          b.open();
          long c0 = os.getProcessCpuTime();
          long w0 = System.nanoTime();
          run(b, threads, events / threads);
          b.close(); // BUFFERED: writes, forces and signs everything still queued
          wallUsed[slot] = System.nanoTime() - w0;
          cpuUsed[slot] = os.getProcessCpuTime() - c0;
        }
        if (round >= 0) {
          cpu[round] = (double) cpuUsed[1] / cpuUsed[0];
          wall[round] = (double) wallUsed[1] / wallUsed[0];
          perEvent[0][round] = cpuUsed[0] / (double) events;
          perEvent[1][round] = cpuUsed[1] / (double) events;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "threads %d: CPU per event baseline %.0f ns, buffered %.0f ns;"
              + " CPU ratio buffered/baseline median %.2f (range %.2f-%.2f);"
              + " wall ratio median %.2f (range %.2f-%.2f)%n",
          threads,
          median(perEvent[0]),
          median(perEvent[1]),
          median(cpu),
          min(cpu),
          max(cpu),
          median(wall),
          min(wall),
          max(wall));
    }
  }

  private static void run(FileSinkBenchmark b, int threads, int perThread) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    Thread[] workers = new Thread[threads];
    Exception[] failure = new Exception[1];
    for (int t = 0; t < threads; t++) {
      workers[t] =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    b.threads1();
                  }
                } catch (Exception e) {
                  failure[0] = e;
                }
              });
      workers[t].start();
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }
}
