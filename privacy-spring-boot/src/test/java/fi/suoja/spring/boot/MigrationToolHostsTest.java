package fi.suoja.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fi.suoja.spring.boot.hosts.MigratedHostApp;
import fi.suoja.spring.boot.hosts.Resident;
import fi.suoja.spring.boot.hosts.Residents;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ClassUtils;

/**
 * Ordinary Boot applications whose schema belongs to Flyway or Liquibase (their own V1, Hibernate
 * validating only) adopt the starter: Suoja's tables come from the application's own tool, before
 * Suoja opens them, and the application works (a sealed row written and read through Spring Data,
 * audited). On H2, and on PostgreSQL when SUOJA_TEST_POSTGRESQL_URL is set.
 */
class MigrationToolHostsTest {
  static final String NAME = "Helmi Virtanen";
  static final List<String> SCHEMAS = new ArrayList<>();

  /** One master key for every start: the baseline test starts twice on one database. */
  static final Path MASTER_KEY = MasterKeys.pkcs12();

  @AfterAll
  static void dropSchemas() throws Exception {
    String url = System.getenv("SUOJA_TEST_POSTGRESQL_URL");
    if (url == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String schema : SCHEMAS) {
        s.execute("drop schema if exists " + schema + " cascade");
      }
    }
  }

  @Test
  void flywayHost_onH2() throws Exception {
    flywayHost(h2());
  }

  @Test
  void liquibaseHost_onH2() throws Exception {
    liquibaseHost(h2());
  }

  @Test
  void flywayHost_onPostgreSql() throws Exception {
    flywayHost(postgreSql());
  }

  @Test
  void liquibaseHost_onPostgreSql() throws Exception {
    liquibaseHost(postgreSql());
  }

  /**
   * An application that ran Suoja before (the tables Suoja created itself) and then takes the
   * default: Suoja's version 1 becomes the baseline over those tables instead of failing on them,
   * and the later versions (2: the job-state table, which the runtime never creates itself) run.
   */
  @Test
  void flywayHost_whoseSuojaTablesSuojaCreatedItself_baselinesThem() {
    String url = h2();
    Map<String, Object> flyway =
        Map.of(
            "spring.flyway.enabled", "true",
            "spring.flyway.locations", "classpath:hosts/flyway");
    Map<String, Object> before = new HashMap<>(flyway);
    before.put("suoja.jdbc.initialize-schema", "always");
    try (ConfigurableApplicationContext app = start(url, before)) {
      works(app);
    }
    try (ConfigurableApplicationContext app = start(url, flyway)) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(
              jdbc.queryForList(
                  "select \"version\" || ':' || \"type\" from \"suoja_schema_history\""
                      + " where \"type\" in ('BASELINE', 'SQL')",
                  String.class))
          .containsExactly("1:BASELINE", "2:SQL");
      works(app);
    }
  }

  /**
   * The cause of the first attempt's failure on Boot 3.5: deferred data source initialization makes
   * the entity manager factory an initializer that Flyway must wait for, while it waits for Flyway;
   * Boot 3.5 refuses that context. Boot 4 runs Flyway after Hibernate instead, so a validating
   * Hibernate finds the application's table missing. Either way with or without Suoja
   * (docs/SPRING.md).
   */
  @Test
  void deferredDataSourceInitialization_withFlyway_failsInBootItself_withOrWithoutSuoja() {
    boolean boot4 =
        ClassUtils.isPresent(
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration", null);
    for (boolean suoja : List.of(false, true)) {
      Map<String, Object> p = new HashMap<>();
      p.put("spring.flyway.enabled", "true");
      p.put("spring.flyway.locations", "classpath:hosts/flyway");
      p.put("spring.jpa.defer-datasource-initialization", "true");
      p.put("suoja.enabled", String.valueOf(suoja));
      p.put("spring.jpa.properties.suoja.enabled", String.valueOf(suoja));
      var failure = assertThatThrownBy(() -> start(h2(), p).close()).as("suoja.enabled=%s", suoja);
      if (!suoja) {
        // Boot's own failure; with Suoja the same context fails too (on the way to it)
        failure.hasStackTraceContaining(
            boot4 ? "missing table [residents]" : "Circular depends-on relationship");
      }
    }
  }

  private void flywayHost(String url) {
    try (ConfigurableApplicationContext app =
        start(
            url,
            Map.of(
                "spring.flyway.enabled", "true",
                "spring.flyway.locations", "classpath:hosts/flyway"))) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      // the host's own history holds its own migration only
      assertThat(
              jdbc.queryForList(
                  "select \"script\" from \"flyway_schema_history\" where \"type\" = 'SQL'",
                  String.class))
          .containsExactly("V1__residents.sql");
      // Suoja's version 1 was applied by Flyway (not baselined over tables Suoja made itself)
      assertThat(
              jdbc.queryForList(
                  "select \"version\" || ':' || \"type\" || ':' || \"success\" from"
                      + " \"suoja_schema_history\" where \"version\" is not null",
                  String.class))
          .map(row -> row.toLowerCase(Locale.ROOT))
          .contains("1:sql:true");
      works(app);
    }
  }

  private void liquibaseHost(String url) {
    try (ConfigurableApplicationContext app =
        start(
            url,
            Map.of(
                "spring.liquibase.enabled", "true",
                "spring.liquibase.change-log", "classpath:hosts/liquibase/changelog.xml"))) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      List<String> ran =
          jdbc.queryForList("select id || ':' || exectype from databasechangelog", String.class);
      assertThat(ran).contains("residents-1:EXECUTED");
      // Suoja's change set for this database created the tables (not MARK_RAN over Suoja's own)
      assertThat(ran).anyMatch(row -> row.matches("suoja-1-(h2|postgresql):EXECUTED"));
      works(app);
    }
  }

  /** A resident written and read back through Spring Data: sealed, keyed and audited. */
  private static void works(ConfigurableApplicationContext app) {
    Residents residents = app.getBean(Residents.class);
    SystemActors system = app.getBean(SystemActors.class);
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    Integer id = system.callAsSystem("register", () -> residents.save(new Resident(NAME)).id);

    String stored =
        jdbc.queryForObject("select name from residents where id = ?", String.class, id);
    assertThat(stored).isNotBlank().doesNotContain("Helmi", "Virtanen");
    assertThat(system.callAsSystem("register", () -> residents.findById(id).orElseThrow().name))
        .isEqualTo(NAME);
    assertThat(jdbc.queryForObject("select count(*) from suoja_wrapped_key", Integer.class))
        .isPositive();
    assertThat(jdbc.queryForObject("select count(*) from suoja_audit", Integer.class)).isPositive();
  }

  private static ConfigurableApplicationContext start(String url, Map<String, Object> tool) {
    Map<String, Object> p = new HashMap<>(tool);
    p.put("spring.main.web-application-type", "none");
    p.put("spring.datasource.url", url);
    p.put("spring.jpa.hibernate.ddl-auto", "validate");
    p.put("suoja.master-key.location", MASTER_KEY.toString());
    p.put("spring.jpa.properties.suoja.single_tenant", "home");
    p.put("suoja.actor.tenant", "home");
    p.put("suoja.policy.permissions.CLERK", "READ,CREATE,UPDATE");
    p.put("suoja.system.register.tenant", "home");
    p.put("suoja.system.register.roles", "CLERK");
    // as arguments: they win over the test resources' application.properties, which switches
    // both tools off for the other test applications
    String[] args =
        p.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(MigratedHostApp.class).run(args);
  }

  private static String h2() {
    return "jdbc:h2:mem:migrated-host-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  /** A schema of its own in the shared database, so that helpers running at once never meet. */
  private static String postgreSql() throws Exception {
    String url = System.getenv("SUOJA_TEST_POSTGRESQL_URL");
    assumeTrue(url != null, "set SUOJA_TEST_POSTGRESQL_URL to run the host apps on PostgreSQL");
    String schema = "suoja_host_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("create schema " + schema);
    }
    SCHEMAS.add(schema);
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }
}
