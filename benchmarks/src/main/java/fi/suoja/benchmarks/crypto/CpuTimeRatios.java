package fi.suoja.benchmarks.crypto;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A cross-check of the JMH ratios for shared, overloaded machines: the same benchmark state
 * objects, run in interleaved rounds (baseline, tink, suoja, baseline, ...) and timed with the
 * thread's CPU time, which excludes the time the thread waited for a core. Reports the median
 * per-operation CPU time of each implementation and the ratios. Not a replacement for JMH on a
 * quiet machine; run with {@code java -cp benchmarks/target/benchmarks.jar
 * fi.suoja.benchmarks.crypto.CpuTimeRatios}.
 */
public final class CpuTimeRatios {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int ROUNDS = 60;
  private static final int OPS = 4000;

  private CpuTimeRatios() {}

  interface Op {
    Object run() throws GeneralSecurityException;
  }

  public static void main(String[] args) throws Exception {
    // pass 0 only warms the JIT for every path (its figures are discarded), pass 1 reports
    for (int pass = 0; pass < 2; pass++) {
      quiet = pass == 0;
      run();
    }
  }

  private static boolean quiet;

  private static void run() throws Exception {
    for (int size : new int[] {11, 32, 256, 4096}) {
      String[] impls = {"baseline", "tink", "suoja"};
      List<FieldSealBenchmark> states = new ArrayList<>();
      for (String impl : impls) {
        FieldSealBenchmark b = new FieldSealBenchmark();
        b.impl = impl;
        b.size = size;
        b.setUp();
        states.add(b);
      }
      int ops = size >= 4096 ? OPS / 8 : OPS;
      Op[] seal = states.stream().map(b -> (Op) b::seal).toArray(Op[]::new);
      Op[] open = states.stream().map(b -> (Op) b::open).toArray(Op[]::new);
      report("seal " + size, impls, seal, ops);
      report("open " + size, impls, open, ops);
    }
    BlindIndexBenchmark base = new BlindIndexBenchmark();
    base.impl = "baseline";
    base.setUp();
    BlindIndexBenchmark suoja = new BlindIndexBenchmark();
    suoja.impl = "suoja";
    suoja.setUp();
    report(
        "index 11", new String[] {"baseline", "suoja"}, new Op[] {base::index, suoja::index}, OPS);
    Object sink = alternatingFields();
    if (sink == null) {
      throw new IllegalStateException("no result");
    }
  }

  /**
   * Sealing four fields of one row in turn (as loading or saving an entity does): each field has
   * its own key. {@code baseline} is the raw primitive with one cached Cipher and four keys.
   */
  private static Object alternatingFields() throws Exception {
    javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    javax.crypto.spec.SecretKeySpec[] keys = new javax.crypto.spec.SecretKeySpec[4];
    for (int i = 0; i < 4; i++) {
      byte[] k = new byte[32];
      k[0] = (byte) i;
      keys[i] = new javax.crypto.spec.SecretKeySpec(k, "AES");
    }
    byte[] nonce = new byte[12];
    byte[] plaintext = "010190-999K".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int[] turn = {0};
    Op raw =
        () -> {
          int t = turn[0]++;
          nonce[4] = (byte) t;
          nonce[5] = (byte) (t >>> 8);
          nonce[6] = (byte) (t >>> 16);
          nonce[7] = (byte) (t >>> 24);
          cipher.init(
              javax.crypto.Cipher.ENCRYPT_MODE,
              keys[t & 3],
              new javax.crypto.spec.GCMParameterSpec(128, nonce));
          return cipher.doFinal(plaintext);
        };
    fi.suoja.crypto.FieldCipher fields = CryptoFixture.suoja().fieldCipher();
    fi.suoja.crypto.CipherContext[] contexts = new fi.suoja.crypto.CipherContext[4];
    for (int i = 0; i < 4; i++) {
      contexts[i] =
          fi.suoja.crypto.CipherContext.of(CryptoFixture.TENANT, "Client", "field" + i)
              .withRow("1");
    }
    int[] next = {0};
    Op suoja = () -> fields.seal(contexts[next[0]++ & 3], "010190-999K");
    return report(
        "seal 11, 4 fields in turn",
        new String[] {"baseline", "suoja"},
        new Op[] {raw, suoja},
        OPS);
  }

  private static Object report(String name, String[] impls, Op[] ops, int n) throws Exception {
    Object sink = null;
    double[][] perOp = new double[impls.length][ROUNDS];
    for (int warm = 0; warm < 15; warm++) {
      for (Op op : ops) {
        for (int i = 0; i < n; i++) {
          sink = op.run();
        }
      }
    }
    for (int r = 0; r < ROUNDS; r++) {
      for (int k = 0; k < ops.length; k++) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          sink = ops[k].run();
        }
        perOp[k][r] = (THREADS.getCurrentThreadCpuTime() - t0) / (double) n;
      }
    }
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s", name));
    double[] medians = new double[impls.length];
    for (int k = 0; k < impls.length; k++) {
      Arrays.sort(perOp[k]);
      medians[k] = perOp[k][ROUNDS / 2];
      line.append(String.format(Locale.ROOT, "  %s %.0f ns", impls[k], medians[k]));
    }
    double suoja = medians[impls.length - 1];
    line.append(String.format(Locale.ROOT, "  | suoja/baseline %.2f", suoja / medians[0]));
    if (impls.length == 3) {
      line.append(String.format(Locale.ROOT, "  suoja/tink %.2f", suoja / medians[1]));
    }
    if (!quiet) {
      System.out.println(line);
    }
    return sink;
  }
}
