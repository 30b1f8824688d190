package fi.suoja.samples.boot;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same suite on PostgreSQL through the sample's {@code postgresql} profile, when {@code
 * SUOJA_TEST_POSTGRESQL_URL} names a database (e.g. {@code
 * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}). It works in a schema of its own, dropped
 * and created afresh, so other users of that database are not disturbed.
 */
@ActiveProfiles("postgresql")
@EnabledIfEnvironmentVariable(
    named = "SUOJA_TEST_POSTGRESQL_URL",
    matches = "jdbc:postgresql:.+",
    disabledReason = "set SUOJA_TEST_POSTGRESQL_URL to run the sample's suite on PostgreSQL")
class EChatServicePostgreSqlTest extends EChatServiceTest {
  static final String SCHEMA = "suoja_sample_spring_boot";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws SQLException {
    String url = System.getenv("SUOJA_TEST_POSTGRESQL_URL");
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + SCHEMA + " cascade");
      s.execute("create schema " + SCHEMA);
    }
    String separator = url.contains("?") ? "&" : "?";
    // the profile reads the URL from ECHAT_DATABASE_URL; the test sets the property it fills
    registry.add("spring.datasource.url", () -> url + separator + "currentSchema=" + SCHEMA);
  }
}
