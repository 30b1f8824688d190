package fi.suoja.benchmarks.jpa;

import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How much of {@link JpaBenchmark}'s persist cost is only the width of the stored values: the plain
 * entity persisted with its short values against the same entity persisted with random values as
 * long as the sealed row's envelopes and blind index (lengths read from a row Suoja wrote). No
 * Suoja on either side; interleaved rounds, the calling thread's CPU time (H2 runs on it), median
 * of the rounds.
 *
 * <p>Run with {@code java -cp benchmarks/target/benchmarks.jar
 * fi.suoja.benchmarks.jpa.RowWidthRatio [rounds]}.
 */
public final class RowWidthRatio {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private RowWidthRatio() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int[] widths = sealedWidths();
    JpaBenchmark plain = new JpaBenchmark();
    plain.mode = "baseline";
    plain.setUp();
    String[][] wide = randomValues(widths);
    long[][] cpu = new long[2][rounds];
    try {
      for (int round = -4; round < rounds; round++) {
        for (int k = 0; k < 2; k++) {
          boolean isWide = (k + round) % 2 != 0;
          long start = THREADS.getCurrentThreadCpuTime();
          persist(plain, isWide ? wide : null);
          long used = THREADS.getCurrentThreadCpuTime() - start;
          plain.afterInvocation();
          if (round >= 0) {
            cpu[isWide ? 1 : 0][round] = used;
          }
        }
      }
    } finally {
      plain.tearDown();
    }
    double narrow = JpaCpuTimeRatios.median(cpu[0]) / 1e6;
    double wideMs = JpaCpuTimeRatios.median(cpu[1]) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "sealed row widths (firstName, lastName, hetu, hetuIndex): %s%n"
            + "persistFlush CPU ms/op (median of %d rounds): plain values %.1f,"
            + " envelope-wide values %.1f, ratio %.2f%n",
        Arrays.toString(widths),
        rounds,
        narrow,
        wideMs,
        wideMs / narrow);
  }

  /** The lengths of the stored columns of a row the suoja state persisted. */
  private static int[] sealedWidths() {
    JpaBenchmark sealed = new JpaBenchmark();
    sealed.mode = "suoja";
    sealed.setUp();
    try {
      Object[] row =
          PrivacyContext.callAs(
              JpaBenchmark.OWNER,
              Purpose.CARE,
              () ->
                  sealed.sessions.fromTransaction(
                      s ->
                          s.createNativeQuery(
                                  "select firstName, lastName, hetu, hetuIndex from SealedClient",
                                  Object[].class)
                              .setMaxResults(1)
                              .getSingleResult()));
      return Arrays.stream(row).mapToInt(v -> v.toString().length()).toArray();
    } finally {
      sealed.tearDown();
    }
  }

  private static String[][] randomValues(int[] widths) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    Random random = new Random(1);
    String[][] values = new String[JpaBenchmark.ROWS][widths.length];
    for (String[] row : values) {
      for (int k = 0; k < widths.length; k++) {
        char[] c = new char[widths[k]];
        for (int j = 0; j < c.length; j++) {
          c[j] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        row[k] = new String(c);
      }
    }
    return values;
  }

  /** The benchmark's persist, with the given values instead of the short ones when not null. */
  private static void persist(JpaBenchmark plain, String[][] wide) {
    PrivacyContext.callAs(
        JpaBenchmark.OWNER,
        Purpose.CARE,
        () ->
            plain.sessions.fromTransaction(
                s -> {
                  for (int i = 0; i < JpaBenchmark.ROWS; i++) {
                    PlainClient c;
                    if (wide == null) {
                      c =
                          new PlainClient(
                              "Etunimi" + i, "Sukunimi-ä" + i, JpaBenchmark.hetu(i), "new");
                    } else {
                      c = new PlainClient(wide[i][0], wide[i][1], wide[i][2], "new");
                      c.hetuIndex = wide[i][3];
                    }
                    s.persist(c);
                  }
                  s.flush();
                  return List.of();
                }));
  }
}
