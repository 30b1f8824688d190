package fi.suoja.benchmarks.crypto;

import fi.suoja.crypto.BlindIndexer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A 32-bit blind index of an 11-character HETU into its text form, against raw HMAC-SHA256 with an
 * initialised, cached {@link Mac} doing the same output work (truncate, Base64url). Suoja also
 * normalises the value (trim, upper-case) and finds the tenant's per-field key.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BlindIndexBenchmark {
  @Param({"baseline", "suoja"})
  public String impl;

  private final String value = "010190-999K";
  private Mac mac;
  private BlindIndexer indexer;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    indexer = CryptoFixture.suoja().blindIndexer();
  }

  @Benchmark
  public String index() {
    if (impl.equals("baseline")) {
      byte[] full = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 4));
    }
    return indexer.index(CryptoFixture.TENANT, "Client", "hetu", value).toText();
  }
}
