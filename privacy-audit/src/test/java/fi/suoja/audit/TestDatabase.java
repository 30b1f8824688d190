package fi.suoja.audit;

import fi.suoja.audit.internal.UrlDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases JDBC tests run on: H2 always; PostgreSQL and MariaDB when a JDBC URL is configured
 * (system property {@code suoja.test.postgresql.url} / env {@code SUOJA_TEST_POSTGRESQL_URL}, and
 * the same for {@code mariadb}). Not configured: the test is skipped with a message saying how to
 * switch it on. Configured but unreachable: the test fails.
 */
public enum TestDatabase {
  H2(null),
  POSTGRESQL("postgresql"),
  MARIADB("mariadb");

  private final String key;

  TestDatabase(String key) {
    this.key = key;
  }

  /** The configured URL, or skips the calling test. */
  public String url() {
    if (key == null) {
      return "jdbc:h2:mem:audit_" + unique() + ";DB_CLOSE_DELAY=-1";
    }
    String property = "suoja.test." + key + ".url";
    String env = "SUOJA_TEST_" + key.toUpperCase(java.util.Locale.ROOT) + "_URL";
    String url = System.getProperty(property);
    if (url == null || url.isBlank()) {
      url = System.getenv(env);
    }
    Assumptions.assumeTrue(
        url != null && !url.isBlank(),
        name()
            + " tests skipped: set system property "
            + property
            + " or env "
            + env
            + " to a JDBC URL to run them");
    return url;
  }

  /** A DataSource for {@link #url()}. */
  public DataSource dataSource() {
    return new UrlDataSource(url());
  }

  /** A table name unique to this run, so parallel builds do not collide. */
  public static String uniqueTable() {
    return "suoja_audit_" + unique();
  }

  private static String unique() {
    byte[] b = new byte[5];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Drops the audit and checkpoint tables, ignoring absent ones. */
  public static void drop(DataSource ds, String table) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table + "_checkpoint");
      s.execute("DROP TABLE IF EXISTS " + table);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test table " + table, e);
    }
  }
}
