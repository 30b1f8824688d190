package fi.suoja.crypto.spi;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * A database the key-table tests run on: H2 always; PostgreSQL and MariaDB when a JDBC URL is given
 * in {@code suoja.test.<name>.url} or {@code SUOJA_TEST_<NAME>_URL} (.ci/run sets them). Not
 * configured: {@link #assumeAvailable()} skips the test and says how to switch it on.
 */
record KeyTableDatabase(String name, String url) {

  static List<KeyTableDatabase> all() {
    String h2 = "jdbc:h2:mem:suoja-keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    return List.of(new KeyTableDatabase("h2", h2), configured("postgresql"), configured("mariadb"));
  }

  private static KeyTableDatabase configured(String name) {
    String url = System.getProperty("suoja.test." + name + ".url");
    if (url == null || url.isBlank()) {
      url = System.getenv("SUOJA_TEST_" + name.toUpperCase(Locale.ROOT) + "_URL");
    }
    return new KeyTableDatabase(name, url == null || url.isBlank() ? null : url);
  }

  /** Skips the calling test, with the reason, when this database is not configured. */
  void assumeAvailable() {
    Assumptions.assumeTrue(
        url != null,
        () ->
            name
                + " not configured: set -Dsuoja.test."
                + name
                + ".url=<jdbc url> or SUOJA_TEST_"
                + name.toUpperCase(Locale.ROOT)
                + "_URL");
  }

  /** A new connection per call; every call fails (SQLState 08001) while {@code down} is set. */
  DataSource dataSource(AtomicBoolean down) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (p, m, args) -> {
              if (!m.getName().equals("getConnection")) {
                throw new UnsupportedOperationException(m.getName());
              }
              if (down.get()) {
                throw new SQLException("connection refused (test)", "08001");
              }
              return DriverManager.getConnection(url);
            });
  }

  DataSource dataSource() {
    return dataSource(new AtomicBoolean());
  }

  /** A table name unique to this run, so parallel builds sharing a database do not collide. */
  static String uniqueTable() {
    return "t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "_keys";
  }

  /** Drops a table a test left behind; a missing one is ignored. */
  void drop(String table) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test table " + table, e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
