package fi.suoja.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the tests run on: H2 always; PostgreSQL and MariaDB when a JDBC URL is configured
 * (system property {@code suoja.test.postgresql.url} / env {@code SUOJA_TEST_POSTGRESQL_URL}, the
 * same for {@code mariadb}); otherwise those tests are skipped. Each {@link #fresh()} is an empty
 * schema (PostgreSQL) or database (MariaDB) of its own, dropped by {@link Fresh#close()}.
 */
enum Databases {
  H2(null),
  POSTGRESQL("postgresql"),
  MARIADB("mariadb");

  private final String key;

  Databases(String key) {
    this.key = key;
  }

  /** The configured base URL, or skips the calling test. */
  String baseUrl() {
    String property = "suoja.test." + key + ".url";
    String env = "SUOJA_TEST_" + key.toUpperCase(Locale.ROOT) + "_URL";
    String url = System.getProperty(property);
    if (url == null || url.isBlank()) {
      url = System.getenv(env);
    }
    Assumptions.assumeTrue(
        url != null && !url.isBlank(),
        name() + " tests skipped: set " + property + " or env " + env + " to a JDBC URL");
    return url;
  }

  /** An empty schema/database of its own. */
  Fresh fresh() {
    String name = "suoja_cli_" + unique();
    return switch (this) {
      case H2 -> new Fresh("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", null);
      case POSTGRESQL -> {
        String base = baseUrl();
        exec(base, "CREATE SCHEMA " + name);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name;
        yield new Fresh(url, () -> exec(base, "DROP SCHEMA " + name + " CASCADE"));
      }
      case MARIADB -> {
        String base = baseUrl();
        exec(base, "CREATE DATABASE " + name);
        String url = base.replaceFirst("(//[^/]+/)[^?]*", "$1" + name);
        yield new Fresh(url, () -> exec(base, "DROP DATABASE " + name));
      }
    };
  }

  static String unique() {
    byte[] b = new byte[5];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static void exec(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql, e);
    }
  }

  /** A fresh database: its URL and a DataSource for it. */
  static final class Fresh implements AutoCloseable {
    final String url;
    private final Runnable drop;

    Fresh(String url, Runnable drop) {
      this.url = url;
      this.drop = drop;
    }

    DataSource dataSource() {
      return new UrlDs(url);
    }

    @Override
    public void close() {
      if (drop != null) {
        drop.run();
      }
    }
  }

  /** A DataSource over DriverManager (tests only). */
  static final class UrlDs implements DataSource {
    private final String url;

    UrlDs(String url) {
      this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
