package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The job-state table the shipped Flyway {@code V2} migration (privacy-core, {@code
 * db/suoja-schema/flyway/{vendor}/V2__suoja_job_state.sql}, also the Liquibase change set) creates
 * is exactly the one {@link JobStateTable#ddl} creates: columns, types, widths, nullability, key.
 */
class JobStateTableTest {
  private static final Pattern MARIADB = Pattern.compile("(jdbc:mariadb://[^/]+/)([^?]*)(.*)");

  static List<Database> databases() {
    return Database.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void shippedMigration_createsWhatTheCodeCreates(Database db) throws Exception {
    db.assumeAvailable();
    String a = "suoja_js_" + UUID.randomUUID().toString().substring(0, 8);
    String b = "suoja_js_" + UUID.randomUUID().toString().substring(0, 8);
    String urlA = fresh(db, a);
    String urlB = fresh(db, b);
    try {
      String migration;
      try (InputStream in =
          getClass()
              .getClassLoader()
              .getResourceAsStream(
                  "db/suoja-schema/flyway/" + db.name() + "/V2__suoja_job_state.sql")) {
        assertThat(in).as("V2 migration of " + db.name()).isNotNull();
        migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      execute(urlA, migration.replaceAll("(?m)^--.*$", "").trim().replaceAll(";$", ""));
      execute(urlB, JobStateTable.ddl(db.name(), JobStateTable.DEFAULT_TABLE));
      assertThat(shape(urlA)).isEqualTo(shape(urlB)).hasSize(14);
    } finally {
      drop(db, a, urlA);
      drop(db, b, urlB);
    }
  }

  @Test
  void badTableNameOrDatabase_isRefusedWithItsCode() {
    assertThatThrownBy(() -> JobStateTable.ddl("h2", "x; DROP TABLE y"))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-5245");
    assertThatThrownBy(() -> JobStateTable.ddl("oracle", "t"))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-5245");
  }

  private static String fresh(Database db, String name) throws Exception {
    return switch (db.name()) {
      case "h2" -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
      case "postgresql" -> {
        execute(db.url(), "CREATE SCHEMA " + name);
        yield db.url() + (db.url().contains("?") ? "&" : "?") + "currentSchema=" + name;
      }
      default -> {
        execute(db.url(), "CREATE DATABASE " + name);
        Matcher m = MARIADB.matcher(db.url());
        assertThat(m.matches()).isTrue();
        yield m.group(1) + name + m.group(3);
      }
    };
  }

  private static void drop(Database db, String name, String url) throws Exception {
    switch (db.name()) {
      case "h2" -> execute(url, "DROP ALL OBJECTS");
      case "postgresql" -> execute(db.url(), "DROP SCHEMA " + name + " CASCADE");
      default -> execute(db.url(), "DROP DATABASE " + name);
    }
  }

  private static void execute(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static List<String> shape(String url) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url)) {
      DatabaseMetaData md = c.getMetaData();
      String name =
          md.storesUpperCaseIdentifiers()
              ? JobStateTable.DEFAULT_TABLE.toUpperCase(Locale.ROOT)
              : JobStateTable.DEFAULT_TABLE;
      try (ResultSet rs = md.getColumns(c.getCatalog(), c.getSchema(), name, null)) {
        while (rs.next()) {
          out.add(
              rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT)
                  + " "
                  + rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT)
                  + "("
                  + rs.getInt("COLUMN_SIZE")
                  + ") "
                  + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls
                      ? "not null"
                      : "null"));
        }
      }
      try (ResultSet rs = md.getPrimaryKeys(c.getCatalog(), c.getSchema(), name)) {
        while (rs.next()) {
          out.add("pk " + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
      }
    }
    out.sort(null);
    return out;
  }
}
