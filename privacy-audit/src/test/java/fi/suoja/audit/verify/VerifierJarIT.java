package fi.suoja.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.audit.Events;
import fi.suoja.audit.TestSupport;
import fi.suoja.audit.internal.UrlDataSource;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JdbcAuditSink;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code privacy-audit-*-verifier.jar}, run as a user runs it ({@code java -jar …
 * verify …} in a child JVM, nothing else on its class path): exit 0 and {@code OK} for an intact
 * trail (files with signed checkpoints, and a JDBC table), exit 1 naming the first bad record for a
 * tampered one, exit 2 with the usage for bad arguments.
 */
class VerifierJarIT {
  private Path dir;

  @BeforeEach
  void setUp() {
    dir = TestSupport.tempDir("verifier-jar");
  }

  @AfterEach
  void tearDown() {
    TestSupport.delete(dir);
  }

  record Run(int exit, String out, String err) {}

  static Run verifier(String... args) throws Exception {
    String jar = System.getProperty("suoja.verifier.jar");
    assertThat(jar).as("failsafe passes the jar's path").isNotBlank();
    assertThat(Path.of(jar)).exists();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(jar);
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("verifier did not finish");
    }
    return new Run(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private Path frozen(String name) throws URISyntaxException, IOException {
    Path source = Path.of(VerifierJarIT.class.getResource("/frozen/" + name).toURI());
    Path target = dir.resolve(name);
    if (Files.isDirectory(source)) {
      Files.createDirectories(target);
      try (Stream<Path> files = Files.list(source)) {
        for (Path f : files.toList()) {
          Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } else {
      Files.copy(source, target);
    }
    return target;
  }

  private Path chainKeyFile() throws IOException {
    Path f = dir.resolve("chain.key");
    byte[] key = new byte[32]; // the bytes of TestSupport.CHAIN_KEY (ChainKey never exposes them)
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i + 1);
    }
    Files.writeString(f, Base64.getEncoder().encodeToString(key));
    return f;
  }

  @Test
  void verify_intactFileTrailWithSignedCheckpoints_exitsZero() throws Exception {
    Run run =
        verifier(
            "verify",
            frozen("trail").toString(),
            "--checkpoints",
            frozen("checkpoints").toString(),
            "--public-key",
            frozen("checkpoint-public.pem").toString(),
            "--chain-key",
            chainKeyFile().toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("OK").contains("chain frozen-v1: 12 records, 12 anchored");
  }

  @Test
  void verify_oneChangedRecord_exitsOneAndNamesTheFirstBadRecord() throws Exception {
    Path trail = frozen("trail");
    Path file;
    try (Stream<Path> files = Files.list(trail)) {
      file = files.findFirst().orElseThrow();
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(6, lines.get(6).replace("\"action\":\"", "\"action\":\"X"));
    Files.write(file, lines);

    Run run =
        verifier(
            "verify",
            trail.toString(),
            "--checkpoints",
            frozen("checkpoints").toString(),
            "--public-key",
            frozen("checkpoint-public.pem").toString(),
            "--chain-key",
            chainKeyFile().toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).startsWith("BROKEN").contains("chain frozen-v1").contains("record 6 ");
  }

  @Test
  void verify_jdbcUrlOfAnH2Table_exitsZero_andOneAfterARowIsDeleted() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("audit").toAbsolutePath();
    UrlDataSource ds = new UrlDataSource(url);
    JdbcAuditSink.createTables(ds, "suoja_audit");
    try (JdbcAuditSink sink =
        JdbcAuditSink.builder(ds)
            .chain(
                ChainOptions.builder()
                    .chainId("jdbc-1")
                    .chainKey(TestSupport.CHAIN_KEY)
                    .checkpoints(TestSupport.CHECKPOINT_KEYS.getPrivate())
                    .checkpointEvery(5, Duration.ofMinutes(1))
                    .build())
            .build()) {
      for (int i = 0; i < 12; i++) {
        sink.record(Events.read(i));
      }
    }
    Path pem = dir.resolve("public.pem");
    Files.writeString(
        pem,
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder()
                .encodeToString(TestSupport.CHECKPOINT_KEYS.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");

    Run ok =
        verifier(
            "verify",
            url,
            "--public-key",
            pem.toString(),
            "--chain-key",
            chainKeyFile().toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).startsWith("OK").contains("chain jdbc-1: 12 records");

    try (var c = ds.getConnection();
        var st = c.createStatement()) {
      st.executeUpdate("DELETE FROM suoja_audit WHERE seq = 3");
    }
    Run broken =
        verifier(
            "verify",
            url,
            "--public-key",
            pem.toString(),
            "--chain-key",
            chainKeyFile().toString());
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.out()).startsWith("BROKEN").contains("record 3 ");
  }

  @Test
  void verify_badArgumentsOrMissingInput_exitsTwoWithUsage() throws Exception {
    Run none = verifier("verify");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("usage: java -jar privacy-audit-<version>-verifier.jar verify");

    Run missing =
        verifier("verify", dir.resolve("no-such-trail").toString(), "--no-require-checkpoints");
    assertThat(missing.exit()).isEqualTo(2);
  }
}
