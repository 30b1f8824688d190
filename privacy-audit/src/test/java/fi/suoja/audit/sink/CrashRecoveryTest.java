package fi.suoja.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.audit.TestSupport;
import fi.suoja.audit.verify.AuditVerifier;
import fi.suoja.audit.verify.Verification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills a child JVM appending in DURABLE mode: every append that returned is in the file and
 * verifies; at most a torn last line follows, reported as such.
 */
class CrashRecoveryTest {
  private final Path dir = TestSupport.tempDir("crash");

  @AfterEach
  void cleanUp() {
    TestSupport.delete(dir);
  }

  @Test
  void killDuringDurableAppends_everyReturnedAppendIsStoredAndVerifies() throws Exception {
    Path trail = dir.resolve("trail");
    Path cp = dir.resolve("cp");
    byte[] chainKey = new byte[32];
    new java.security.SecureRandom().nextBytes(chainKey);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                trail.toString(),
                cp.toString(),
                Base64.getEncoder().encodeToString(chainKey),
                Base64.getEncoder()
                    .encodeToString(TestSupport.CHECKPOINT_KEYS.getPrivate().getEncoded()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        acknowledged.add(line);
        if (acknowledged.size() == 300) {
          child.destroyForcibly(); // mid-stream: appends are still running
          break;
        }
      }
      // destroy closes our end of the pipe: ids printed after this point are not counted
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);

    List<Verification> results =
        AuditVerifier.builder()
            .chainKey(fi.suoja.audit.ChainKey.of(chainKey))
            .checkpointKey(TestSupport.CHECKPOINT_KEYS.getPublic())
            .build()
            .verifyFiles(trail, cp);
    assertThat(results).hasSize(1);
    Verification v = results.get(0);
    long verified;
    if (v instanceof Verification.Broken bad) {
      assertThat(bad.problem()).as(bad.toString()).isEqualTo(Verification.Problem.TORN_TAIL);
      verified = bad.position();
    } else {
      verified = ((Verification.Intact) v).records();
    }
    assertThat(verified).isGreaterThanOrEqualTo(acknowledged.size());

    Set<String> stored = new HashSet<>();
    try (Stream<Path> files = Files.list(trail)) {
      for (Path f : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        for (String l : lines) {
          if (l.endsWith("\"}")) {
            stored.add(l.replaceAll("^.*\"event\":\\{\"id\":\"([^\"]+)\".*$", "$1"));
          }
        }
      }
    }
    assertThat(stored).containsAll(acknowledged);
  }
}
