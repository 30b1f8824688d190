package fi.suoja.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.Suoja;
import fi.suoja.crypto.CipherContext;
import fi.suoja.spring.boot.app.CareApp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code suoja.jdbc.initialize-schema}: Suoja's own tables come from the migrations privacy-core
 * ships, run with the application's Flyway (its own history table) or Liquibase; an application
 * upgraded from tables Suoja created itself starts without touching them.
 */
class SchemaMigrationStartupTest {
  static final Path MASTER_KEY = MasterKeys.pkcs12();

  @Test
  void auto_withFlywayOnTheClassPath_migratesInItsOwnHistoryTable() {
    try (ConfigurableApplicationContext app = start(h2(), Map.of())) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(
              jdbc.queryForList(
                  "select \"version\" from \"suoja_schema_history\" where \"success\" = true",
                  String.class))
          .contains("1");
      works(app);
    }
  }

  @Test
  void liquibase_runsSuojasChangelog() {
    try (ConfigurableApplicationContext app =
        start(h2(), Map.of("suoja.jdbc.initialize-schema", "liquibase"))) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForList("select id from DATABASECHANGELOG", String.class))
          .containsExactly("suoja-1-h2");
      works(app);
    }
  }

  @Test
  void tablesAnEarlierVersionCreated_areBaselined_notRecreated() {
    String url = h2();
    try (ConfigurableApplicationContext first =
        start(url, Map.of("suoja.jdbc.initialize-schema", "always"))) {
      works(first);
    }
    for (String tool : List.of("flyway", "liquibase")) {
      try (ConfigurableApplicationContext again =
          start(url, Map.of("suoja.jdbc.initialize-schema", tool))) {
        works(again);
      }
    }
  }

  @Test
  void otherTableNames_autoCreatesThem_explicitFlywayRefuses() {
    Map<String, Object> renamed = Map.of("suoja.key-store.table", "care_keys");
    try (ConfigurableApplicationContext app = start(h2(), renamed)) {
      works(app);
    }
    Map<String, Object> flyway = new HashMap<>(renamed);
    flyway.put("suoja.jdbc.initialize-schema", "flyway");
    assertThatThrownBy(() -> start(h2(), flyway).close())
        .hasStackTraceContaining("SUOJA-8042")
        .hasStackTraceContaining("suoja.key-store.table");
  }

  @Test
  void flyway_onPostgreSql() throws Exception {
    String base = System.getenv("SUOJA_TEST_POSTGRESQL_URL");
    Assumptions.assumeTrue(
        base != null && !base.isBlank(),
        "PostgreSQL not configured: set SUOJA_TEST_POSTGRESQL_URL to run this test");
    String schema = "suoja_boot_" + UUID.randomUUID().toString().substring(0, 8);
    execute(base, "CREATE SCHEMA " + schema);
    try {
      String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      try (ConfigurableApplicationContext app =
          start(
              url,
              Map.of(
                  "suoja.jdbc.initialize-schema", "flyway",
                  "spring.jpa.hibernate.ddl-auto", "create"))) {
        works(app);
        assertThat(
                app.getBean(JdbcTemplate.class)
                    .queryForObject(
                        "select count(*) from suoja_schema_history where success", Integer.class))
            .isPositive();
      }
    } finally {
      execute(base, "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  /** The runtime seals and opens, so the key table and the audit table serve it. */
  private static void works(ConfigurableApplicationContext app) {
    Suoja suoja = app.getBean(Suoja.class);
    CipherContext context = CipherContext.of("hoiva", "Client", "notes");
    assertThat(suoja.cipher().open(context, suoja.cipher().seal(context, "soitto")))
        .isEqualTo("soitto");
  }

  private static ConfigurableApplicationContext start(String url, Map<String, Object> more) {
    Map<String, Object> properties = new HashMap<>(more);
    properties.put("spring.datasource.url", url);
    properties.put("suoja.master-key.location", MASTER_KEY.toString());
    return new SpringApplicationBuilder(CareApp.class)
        .web(WebApplicationType.NONE)
        .properties(properties)
        .run();
  }

  private static String h2() {
    return "jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  private static void execute(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
