package fi.suoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JsonLinesFileSink;
import fi.suoja.audit.verify.VerifyCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code suoja audit verify} against real chains written by {@code JdbcAuditSink} (H2 always,
 * PostgreSQL and MariaDB when configured) and {@code JsonLinesFileSink}: exit codes, {@code
 * --json}, and the same verdicts as the verifier jar's {@code VerifyCommand}.
 */
class AuditVerifyCommandTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Databases.class)
  void intactTable_exits0_tamperedTable_exits1(Databases db) throws Exception {
    try (Databases.Fresh fresh = db.fresh()) {
      KeyPair keys = Trails.ed25519();
      Path pub = Trails.publicKeyPem(dir, keys);
      Trails.writeTable(fresh.dataSource(), "suoja_audit", keys, 5);
      Trails.append(fresh.dataSource(), "suoja_audit", keys, 3);

      Cli.Result ok = Cli.run("audit", "verify", fresh.url, "--public-key", pub.toString());
      assertThat(ok.exit()).as(ok.all()).isEqualTo(SuojaCommand.OK);
      assertThat(ok.out().lines().filter(l -> l.startsWith("OK      chain cli-"))).hasSize(2);
      assertThat(ok.err()).isEmpty();

      Cli.Result okJson =
          Cli.run("audit", "verify", fresh.url, "--public-key", pub.toString(), "--json");
      assertThat(okJson.exit()).isZero();
      JsonNode root = okJson.json();
      assertThat(root.path("ok").asBoolean()).isTrue();
      assertThat(root.path("exitCode").asInt()).isZero();
      assertThat(root.path("chains")).hasSize(2);
      long records = 0;
      for (JsonNode c : root.path("chains")) {
        assertThat(c.path("status").asText()).isEqualTo("OK");
        assertThat(c.path("anchored").asLong()).isEqualTo(c.path("records").asLong());
        records += c.path("records").asLong();
      }
      assertThat(records).isEqualTo(8);

      Trails.tamper(fresh.dataSource(), "suoja_audit");
      Cli.Result broken =
          Cli.run("audit", "verify", fresh.url, "--public-key", pub.toString(), "--json");
      assertThat(broken.exit()).as(broken.all()).isEqualTo(SuojaCommand.VERIFICATION_FAILED);
      JsonNode b = broken.json();
      assertThat(b.path("ok").asBoolean()).isFalse();
      assertThat(b.path("code").asText()).isEqualTo("SUOJA-9020");
      assertThat(b.path("chains").findValuesAsText("status")).contains("BROKEN", "OK");
      // the tampered content is not repeated: the detail is free of record contents
      assertThat(broken.all()).doesNotContain("RESEARCH");

      Cli.Result brokenText = Cli.run("audit", "verify", fresh.url, "--public-key", pub.toString());
      assertThat(brokenText.exit()).isEqualTo(SuojaCommand.VERIFICATION_FAILED);
      assertThat(brokenText.out()).contains("BROKEN  chain cli-");
      assertThat(brokenText.err()).startsWith("SUOJA-9020: 1 of 2 audit chains are broken");
    }
  }

  @Test
  void sameVerdictsAsTheVerifierJarsEntryPoint() {
    try (Databases.Fresh fresh = Databases.H2.fresh()) {
      KeyPair keys = Trails.ed25519();
      Path pub = Trails.publicKeyPem(dir, keys);
      Trails.writeTable(fresh.dataSource(), "suoja_audit", keys, 4);
      String[] args = {"verify", fresh.url, "--public-key", pub.toString()};
      assertThat(Cli.run("audit", "verify", fresh.url, "--public-key", pub.toString()).exit())
          .isEqualTo(legacy(args))
          .isZero();
      assertThat(Cli.run("audit", "verify", fresh.url, "--public-key", pub.toString()).out())
          .isEqualTo(legacyOut(args));
      Trails.tamper(fresh.dataSource(), "suoja_audit");
      assertThat(Cli.run("audit", "verify", fresh.url, "--public-key", pub.toString()).exit())
          .isEqualTo(legacy(args))
          .isEqualTo(1);
    }
  }

  @Test
  void fileTrail_withCheckpoints() throws Exception {
    KeyPair keys = Trails.ed25519();
    Path pub = Trails.publicKeyPem(dir, keys);
    Path trail = Files.createDirectory(dir.resolve("trail"));
    Path checkpoints = Files.createDirectory(dir.resolve("checkpoints"));
    try (JsonLinesFileSink sink =
        JsonLinesFileSink.builder(trail)
            .chain(ChainOptions.builder().chainId("file-1").checkpoints(keys.getPrivate()).build())
            .checkpointDirectory(checkpoints)
            .build()) {
      for (int n = 0; n < 6; n++) {
        sink.record(Trails.event(n));
      }
    }
    Cli.Result r =
        Cli.run(
            "audit",
            "verify",
            trail.toString(),
            "--checkpoints",
            checkpoints.toString(),
            "--public-key",
            pub.toString(),
            "--json");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.json().path("chains").get(0).path("records").asLong()).isEqualTo(6);

    // checkpoints required by the public key but not given: broken (the verifier's rule)
    Cli.Result missing =
        Cli.run("audit", "verify", trail.toString(), "--public-key", pub.toString());
    assertThat(missing.exit()).isEqualTo(SuojaCommand.VERIFICATION_FAILED);
    Cli.Result relaxed =
        Cli.run(
            "audit",
            "verify",
            trail.toString(),
            "--public-key",
            pub.toString(),
            "--no-require-checkpoints");
    assertThat(relaxed.exit()).isZero();
  }

  @Test
  void badInput_exits2_unavailable_exits3() throws Exception {
    Cli.Result noTrail = Cli.run("audit", "verify", dir.resolve("absent").toString(), "--json");
    assertThat(noTrail.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(noTrail.json().path("code").asText()).startsWith("SUOJA-");

    Path empty = Files.createDirectory(dir.resolve("empty"));
    Cli.Result none = Cli.run("audit", "verify", empty.toString());
    assertThat(none.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(none.err()).startsWith("SUOJA-9021");

    Cli.Result missingArg = Cli.run("audit", "verify");
    assertThat(missingArg.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(missingArg.err())
        .startsWith("SUOJA-9001: Missing required parameter: '<dir|file|jdbc-url>'");

    Path notAKey = Files.writeString(dir.resolve("x.pub"), "not a key");
    Cli.Result badKey =
        Cli.run("audit", "verify", empty.toString(), "--public-key", notAKey.toString());
    assertThat(badKey.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(badKey.err()).startsWith("SUOJA-4021");

    Cli.Result keyGone =
        Cli.run(
            "audit", "verify", empty.toString(), "--public-key", dir.resolve("no.pub").toString());
    assertThat(keyGone.exit()).isEqualTo(SuojaCommand.UNAVAILABLE);
    assertThat(keyGone.err()).startsWith("SUOJA-4010");

    // nothing listens on port 1
    Cli.Result down =
        Cli.run("audit", "verify", "jdbc:postgresql://127.0.0.1:1/care?connectTimeout=2", "--json");
    assertThat(down.exit()).isEqualTo(SuojaCommand.UNAVAILABLE);
    assertThat(down.json().path("code").asText()).isEqualTo("SUOJA-9010");

    try (Databases.Fresh fresh = Databases.H2.fresh()) {
      // the database answers, the table is missing
      Databases.exec(fresh.url, "CREATE TABLE placeholder (id INT)");
      Cli.Result noTable = Cli.run("audit", "verify", fresh.url);
      assertThat(noTable.exit()).isEqualTo(SuojaCommand.UNAVAILABLE);
      assertThat(noTable.err()).startsWith("SUOJA-4010");
    }
  }

  @Test
  void credentials_comeFromEnvironmentOrFile_neverTheCommandLine() throws Exception {
    String secret = "Zq9-secret-pw";
    String url = "jdbc:h2:mem:cred_" + Databases.unique() + ";DB_CLOSE_DELAY=-1";
    // H2 sets the password of a new in-memory database at its first connection
    Databases.exec(url + ";USER=ops;PASSWORD=" + secret, "CREATE TABLE placeholder (id INT)");
    KeyPair keys = Trails.ed25519();
    Trails.writeTable(
        new Databases.UrlDs(url + ";USER=ops;PASSWORD=" + secret), "suoja_audit", keys, 2);

    Cli.Result inUrl = Cli.run("audit", "verify", url + ";USER=ops;PASSWORD=" + secret);
    assertThat(inUrl.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(inUrl.err()).startsWith("SUOJA-9002");
    assertThat(inUrl.all()).doesNotContain(secret);

    Cli.Result unknownOption = Cli.run("audit", "verify", url, "--password=" + secret);
    assertThat(unknownOption.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(unknownOption.err()).startsWith("SUOJA-9001");
    assertThat(unknownOption.all()).doesNotContain(secret);

    Cli.Result stray = Cli.run("audit", "verify", url, secret);
    assertThat(stray.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(stray.all()).doesNotContain(secret);

    Cli.Result defaults =
        Cli.run(
            Map.of("SUOJA_DB_USER", "ops", "SUOJA_DB_PASSWORD", secret), "audit", "verify", url);
    assertThat(defaults.exit()).as(defaults.all()).isZero();

    Cli.Result wrong =
        Cli.run(
            Map.of("SUOJA_DB_USER", "ops", "SUOJA_DB_PASSWORD", "wrong"), "audit", "verify", url);
    assertThat(wrong.exit()).isEqualTo(SuojaCommand.UNAVAILABLE);
    assertThat(wrong.err()).startsWith("SUOJA-9010");

    Cli.Result named =
        Cli.run(
            Map.of("OPS_USER", "ops", "OPS_PW", secret),
            "audit",
            "verify",
            url,
            "--db-user-env",
            "OPS_USER",
            "--db-password-env",
            "OPS_PW",
            "--json");
    assertThat(named.exit()).isZero();
    assertThat(named.all()).doesNotContain(secret);

    Path file = Files.writeString(dir.resolve("db-password"), secret + "\n");
    Cli.Result fromFile =
        Cli.run(
            Map.of("SUOJA_DB_USER", "ops"),
            "audit",
            "verify",
            url,
            "--db-password-file",
            file.toString());
    assertThat(fromFile.exit()).isZero();
    Cli.Result fromFileEnv =
        Cli.run(
            Map.of("SUOJA_DB_USER", "ops", "SUOJA_DB_PASSWORD_FILE", file.toString()),
            "audit",
            "verify",
            url);
    assertThat(fromFileEnv.exit()).isZero();

    Cli.Result unset = Cli.run("audit", "verify", url, "--db-password-env", "NOT_SET_ANYWHERE");
    assertThat(unset.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(unset.err()).startsWith("SUOJA-9003");
  }

  private static int legacy(String[] args) {
    return VerifyCommand.run(args, new PrintStream(new ByteArrayOutputStream()), devNull());
  }

  private static String legacyOut(String[] args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), devNull());
    return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  private static PrintStream devNull() {
    return new PrintStream(new ByteArrayOutputStream());
  }
}
