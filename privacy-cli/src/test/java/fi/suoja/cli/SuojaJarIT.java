package fi.suoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code privacy-cli-<version>-all.jar} as an operator would ({@code java -jar},
 * a child process with its own environment): {@code --help}, and {@code audit verify} on an H2 file
 * database and, when configured, PostgreSQL and MariaDB, intact and tampered.
 */
class SuojaJarIT {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run java(Map<String, String> env, String... args) throws Exception {
    String jar = System.getProperty("suoja.cli.jar");
    assertThat(jar).as("system property suoja.cli.jar (set by the failsafe plugin)").isNotBlank();
    assertThat(Path.of(jar)).exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("SUOJA_"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile("suoja-cli-out", ".txt");
    Path err = Files.createTempFile("suoja-cli-err", ".txt");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the jar finished").isTrue();
    Run run =
        new Run(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return run;
  }

  @Test
  void help() throws Exception {
    Run root = java(Map.of(), "--help");
    assertThat(root.exit()).as(root.err()).isZero();
    assertThat(root.out()).contains("Usage: suoja").contains("Exit codes:");
    Run verify = java(Map.of(), "audit", "verify", "--help");
    assertThat(verify.exit()).isZero();
    assertThat(verify.out()).contains("Usage: suoja audit verify").contains("Examples:");
    Run version = java(Map.of(), "--version");
    assertThat(version.out()).startsWith("suoja 0.");
  }

  @Test
  void auditVerify_h2FileDatabase() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("care").toAbsolutePath();
    KeyPair keys = Trails.ed25519();
    Path pub = Trails.publicKeyPem(dir, keys);
    Trails.writeTable(new Databases.UrlDs(url), "suoja_audit", keys, 5);
    verifyIntactThenTampered(Map.of(), url, pub);
  }

  @Test
  void auditVerify_postgresql() throws Exception {
    try (Databases.Fresh fresh = Databases.POSTGRESQL.fresh()) {
      KeyPair keys = Trails.ed25519();
      Path pub = Trails.publicKeyPem(dir, keys);
      Trails.writeTable(fresh.dataSource(), "suoja_audit", keys, 5);
      verifyIntactThenTampered(Map.of(), fresh.url, pub);
    }
  }

  @Test
  void auditVerify_mariadb() throws Exception {
    try (Databases.Fresh fresh = Databases.MARIADB.fresh()) {
      KeyPair keys = Trails.ed25519();
      Path pub = Trails.publicKeyPem(dir, keys);
      Trails.writeTable(fresh.dataSource(), "suoja_audit", keys, 5);
      verifyIntactThenTampered(Map.of(), fresh.url, pub);
    }
  }

  private void verifyIntactThenTampered(Map<String, String> env, String url, Path pub)
      throws Exception {
    Run ok = java(env, "audit", "verify", url, "--public-key", pub.toString(), "--json");
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    JsonNode root = Cli.JSON.readTree(ok.out());
    assertThat(root.path("chains").get(0).path("records").asLong()).isEqualTo(5);
    assertThat(root.path("chains").get(0).path("anchored").asLong()).isEqualTo(5);

    Trails.tamper(new Databases.UrlDs(url), "suoja_audit");
    Run broken = java(env, "audit", "verify", url, "--public-key", pub.toString());
    assertThat(broken.exit()).as(broken.out() + broken.err()).isEqualTo(1);
    assertThat(broken.out()).contains("BROKEN  chain cli-");
    assertThat(broken.err()).startsWith("SUOJA-9020");
  }

  /**
   * The commands over a host's entities, as an operator runs them on PostgreSQL: a host jar
   * (entities compiled at test time), {@code schema check}, {@code processing describe}, {@code
   * export}, {@code retention run}, {@code erase} and {@code keys shred}, each through {@code java
   * -jar}; no output carries a name, an identity code or a password.
   */
  @Test
  void hostCommands_postgresql() throws Exception {
    try (HostFixture fx = new HostFixture(dir, Databases.POSTGRESQL)) {
      fx.seed();
      Map<String, String> env = HostFixture.env();
      List<String> admin = HostFixture.admin();

      Run check = java(Map.of(), "schema", "check", fx.db.url, "--classpath", fx.jar.toString());
      assertThat(check.exit()).as(check.out() + check.err()).isZero();
      assertThat(check.out()).startsWith("OK  2 entities");

      Run describe =
          java(
              Map.of(), "processing", "describe", "--classpath", fx.jar.toString(), "--lang", "fi");
      assertThat(describe.exit()).as(describe.err()).isZero();
      assertThat(describe.out()).contains("# Käsittelyn kuvaus");

      java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      Path pem = dir.resolve("recipient.pem");
      Files.writeString(
          pem,
          "-----BEGIN PUBLIC KEY-----\n"
              + java.util.Base64.getMimeEncoder()
                  .encodeToString(g.generateKeyPair().getPublic().getEncoded())
              + "\n-----END PUBLIC KEY-----\n");
      Run export =
          java(
              env,
              fx.args(
                  List.of("export"),
                  join(
                      admin,
                      "--subject",
                      "r-1",
                      "--recipient",
                      "municipality-837",
                      "--recipient-key",
                      pem.toString(),
                      "--out",
                      dir.resolve("r-1.cms").toString(),
                      "--json")));
      assertThat(export.exit()).as(export.out() + export.err()).isZero();
      assertThat(Cli.JSON.readTree(export.out()).path("records").asInt()).isEqualTo(3);

      Run retention = java(env, fx.args(List.of("retention", "run"), join(admin, "--json")));
      assertThat(retention.exit()).as(retention.out() + retention.err()).isZero();
      assertThat(Cli.JSON.readTree(retention.out()).path("erased").asLong()).isOne();

      Run erase = java(env, fx.args(List.of("erase"), join(admin, "--subject", "r-1")));
      assertThat(erase.exit()).as(erase.out() + erase.err()).isZero();
      assertThat(erase.out()).contains("1 record(s) erased, 1 kept under a legal hold");
      assertThat(fx.count("SELECT COUNT(*) FROM Resident")).isZero();

      Run shred =
          java(
              env,
              fx.args(
                  List.of("keys", "shred"),
                  join(admin, "--confirm-tenant", HostFixture.TENANT, "--json")));
      assertThat(shred.exit()).as(shred.out() + shred.err()).isZero();
      assertThat(fx.count("SELECT COUNT(*) FROM suoja_wrapped_key WHERE tenant = 'care-a'"))
          .isZero();

      for (Run r : List.of(check, describe, export, retention, erase, shred)) {
        assertThat(r.out() + r.err())
            .doesNotContain("Maija")
            .doesNotContain("131052")
            .doesNotContain(HostFixture.PASSWORD);
      }
    }
  }

  private static String[] join(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
