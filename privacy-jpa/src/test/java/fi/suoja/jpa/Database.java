package fi.suoja.jpa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A database the JPA tests run on: H2 always; PostgreSQL and MariaDB when a JDBC URL is given in
 * {@code suoja.test.postgresql.url} / {@code SUOJA_TEST_POSTGRESQL_URL} (and {@code
 * ...mariadb...}). Tests call {@link #assumeAvailable()}, which skips with the reason when it is
 * not configured.
 */
public record Database(String name, String url, String skipReason) {

  public static List<Database> all() {
    String h2 = "jdbc:h2:mem:suoja-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    return List.of(new Database("h2", h2, null), configured("postgresql"), configured("mariadb"));
  }

  static Database configured(String name) {
    String key = "suoja.test." + name + ".url";
    String url = System.getProperty(key);
    if (url == null || url.isBlank()) {
      url = System.getenv("SUOJA_TEST_" + name.toUpperCase(Locale.ROOT) + "_URL");
    }
    if (url == null || url.isBlank()) {
      return new Database(
          name,
          null,
          name
              + " not configured: set -D"
              + key
              + "=<jdbc url> or SUOJA_TEST_"
              + name.toUpperCase(Locale.ROOT)
              + "_URL (.ci/run does)");
    }
    return new Database(name, url, null);
  }

  /** Skips the calling test, with the reason, when this database is not configured. */
  public void assumeAvailable() {
    org.junit.jupiter.api.Assumptions.assumeTrue(skipReason == null, skipReason);
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  public String toString() {
    return name;
  }
}
