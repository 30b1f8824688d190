package fi.suoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fi.suoja.audit.sink.JdbcAuditSink;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.crypto.spi.WrappedKey;
import fi.suoja.jpa.JobStateTable;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code suoja schema ddl}: the printed DDL, applied to an empty schema on H2, PostgreSQL and
 * MariaDB, gives tables the library's JDBC audit sink and wrapped-key store work on.
 */
class SchemaDdlCommandTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Databases.class)
  void printedDdl_appliedToAnEmptySchema_carriesTheSinkAndTheKeyStore(Databases db)
      throws Exception {
    String database = db.name().toLowerCase(Locale.ROOT);
    Cli.Result ddl = Cli.run("schema", "ddl", "--database", database);
    assertThat(ddl.exit()).as(ddl.all()).isZero();
    try (Databases.Fresh fresh = db.fresh()) {
      try (Connection c = fresh.dataSource().getConnection();
          Statement s = c.createStatement()) {
        for (String sql : statements(ddl.out())) {
          s.execute(sql);
        }
      }
      // the key store opens the table as it is (no createTableIfMissing) and uses it
      JdbcWrappedKeyStore keys = JdbcWrappedKeyStore.builder(fresh.dataSource()).build();
      byte[] wrapped = new byte[60];
      Arrays.fill(wrapped, (byte) 7);
      assertThat(keys.insert(new WrappedKey("tenant-a", 1, 1, wrapped))).isTrue();
      assertThat(keys.insert(new WrappedKey("tenant-a", 1, 1, wrapped))).isFalse();
      assertThat(keys.load("tenant-a"))
          .singleElement()
          .satisfies(
              k -> {
                assertThat(k.version()).isEqualTo(1);
                assertThat(k.wrapped()).isEqualTo(wrapped);
              });
      // the audit sink writes a signed chain into it and the CLI verifies it
      KeyPair signing = Trails.ed25519();
      Trails.append(fresh.dataSource(), "suoja_audit", signing, 4);
      Cli.Result verified =
          Cli.run(
              "audit",
              "verify",
              fresh.url,
              "--public-key",
              Trails.publicKeyPem(dir, signing).toString(),
              "--json");
      assertThat(verified.exit()).as(verified.all()).isZero();
      assertThat(verified.json().path("chains").get(0).path("anchored").asLong()).isEqualTo(4);
    }
  }

  @Test
  void json_listsTheLibrarysOwnStatements() {
    for (String database : List.of("h2", "postgresql", "mariadb")) {
      Cli.Result r =
          Cli.run("schema", "ddl", "--database", database.toUpperCase(Locale.ROOT), "--json");
      assertThat(r.exit()).isZero();
      JsonNode root = r.json();
      assertThat(root.path("database").asText()).isEqualTo(database);
      List<String> statements = new ArrayList<>();
      root.path("statements").forEach(n -> statements.add(n.asText()));
      List<String> expected = new ArrayList<>();
      expected.add(JdbcWrappedKeyStore.ddl(database, JdbcWrappedKeyStore.DEFAULT_TABLE));
      expected.addAll(
          JdbcAuditSink.ddl(
              JdbcAuditSink.Dialect.valueOf(database.toUpperCase(Locale.ROOT)), "suoja_audit"));
      expected.add(JobStateTable.ddl(database, JobStateTable.DEFAULT_TABLE));
      assertThat(statements).isEqualTo(expected);
    }
  }

  @Test
  void tableNames_areOptions_andValidated() {
    Cli.Result r =
        Cli.run(
            "schema",
            "ddl",
            "--database",
            "postgresql",
            "--audit-table",
            "care_audit",
            "--key-table",
            "keys.care_wrapped_key");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("CREATE TABLE care_audit (")
        .contains("CREATE TABLE care_audit_checkpoint (")
        .contains("CREATE TABLE IF NOT EXISTS keys.care_wrapped_key");

    Cli.Result bad =
        Cli.run("schema", "ddl", "--database", "h2", "--audit-table", "x; DROP TABLE y", "--json");
    assertThat(bad.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(bad.json().path("code").asText()).isEqualTo("SUOJA-4020");

    Cli.Result unknown = Cli.run("schema", "ddl", "--database", "oracle");
    assertThat(unknown.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(unknown.err()).startsWith("SUOJA-9001");
  }

  /** The text output split as a SQL client would: comment lines dropped, split at ";". */
  static List<String> statements(String text) {
    String sql = text.lines().filter(l -> !l.startsWith("--")).collect(Collectors.joining("\n"));
    return Arrays.stream(sql.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
