package fi.suoja.crypto.spi;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.Outcome;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JdbcAuditSink;
import fi.suoja.audit.verify.AuditVerifier;
import fi.suoja.audit.verify.Verification;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Flyway migrations and the Liquibase changelog privacy-core ships for Suoja's own tables
 * ({@code db/suoja-schema}) applied as a host applies them, on an empty schema of H2, PostgreSQL
 * and MariaDB: they create exactly the tables the code creates (columns, types, widths,
 * nullability, keys, the subject index), a second run changes nothing, and the key store and the
 * audit sink work on the result (the trail verifies).
 */
class SchemaMigrationsTest {
  /** One directory per database family, named as Spring Boot's {@code {vendor}} names them. */
  static final String FLYWAY_LOCATION = "classpath:db/suoja-schema/flyway/";

  static final String CHANGELOG = "db/suoja-schema/liquibase/changelog.xml";
  static final List<String> TABLES =
      List.of("suoja_wrapped_key", "suoja_audit", "suoja_audit_checkpoint");

  static List<KeyTableDatabase> databases() {
    return KeyTableDatabase.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void flywayMigrations_createWhatTheCodeCreates_runOnce_andServeTheStoreAndSink(
      KeyTableDatabase db) throws Exception {
    db.assumeAvailable();
    try (FreshSchema migrated = FreshSchema.in(db);
        FreshSchema byCode = FreshSchema.in(db)) {
      Flyway flyway =
          Flyway.configure()
              .dataSource(migrated.url, null, null)
              .locations(FLYWAY_LOCATION + db.name())
              .table("suoja_schema_history") // Suoja's own history, beside the host's
              .load();
      MigrateResult first = flyway.migrate();
      assertThat(first.migrationsExecuted).isEqualTo(2);
      assertThat(flyway.migrate().migrationsExecuted).isZero();

      createByCode(byCode);
      assertThat(shape(migrated)).isEqualTo(shape(byCode)).isNotEmpty();
      storeAndSinkWork(migrated);
      jobStateTableExists(migrated);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void liquibaseChangelog_createsWhatTheCodeCreates_runsOnce_andServesTheStoreAndSink(
      KeyTableDatabase db) throws Exception {
    db.assumeAvailable();
    try (FreshSchema migrated = FreshSchema.in(db);
        FreshSchema byCode = FreshSchema.in(db)) {
      liquibaseUpdate(migrated);
      int changeSets = count(migrated, "select count(*) from DATABASECHANGELOG");
      assertThat(changeSets).isEqualTo(2);
      liquibaseUpdate(migrated);
      assertThat(count(migrated, "select count(*) from DATABASECHANGELOG")).isEqualTo(changeSets);

      createByCode(byCode);
      assertThat(shape(migrated)).isEqualTo(shape(byCode)).isNotEmpty();
      storeAndSinkWork(migrated);
      jobStateTableExists(migrated);
    }
  }

  private static void liquibaseUpdate(FreshSchema schema) throws Exception {
    try (Connection c = DriverManager.getConnection(schema.url)) {
      Database database =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
      new CommandScope(UpdateCommandStep.COMMAND_NAME)
          .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
          .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
          .execute();
    }
  }

  private static void createByCode(FreshSchema schema) {
    JdbcWrappedKeyStore.builder(schema.dataSource()).createTableIfMissing(true).build();
    JdbcAuditSink.createTables(schema.dataSource(), "suoja_audit");
  }

  /** Uses the migrated tables as a host does: no table creation by the code. */
  private static void storeAndSinkWork(FreshSchema schema) {
    JdbcWrappedKeyStore store = JdbcWrappedKeyStore.builder(schema.dataSource()).build();
    byte[] wrapped = new byte[60];
    ThreadLocalRandom.current().nextBytes(wrapped);
    WrappedKey key = new WrappedKey("hoiva", 1, 1, wrapped);
    assertThat(store.insert(key)).isTrue();
    assertThat(store.load("hoiva"))
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.version()).isEqualTo(1);
              assertThat(k.wrapped()).isEqualTo(wrapped);
            });

    JdbcAuditSink sink =
        JdbcAuditSink.builder(schema.dataSource())
            .table("suoja_audit")
            .chain(ChainOptions.builder().chainId("n1").withoutCheckpoints().build())
            .build();
    Auditor auditor = Auditor.builder(sink).application("schema-test").node("n1").build();
    for (int i = 0; i < 5; i++) {
      auditor.record(
          auditor
              .event(AuditAction.READ)
              .actor(AuditActor.system("schema-test", "hoiva"))
              .outcome(Outcome.success()));
    }
    auditor.close();
    List<Verification> verified =
        AuditVerifier.builder()
            .build()
            .verifyTable(schema.dataSource(), "suoja_audit", schema.dataSource());
    assertThat(verified)
        .singleElement()
        .isInstanceOfSatisfying(
            Verification.Intact.class, v -> assertThat(v.records()).isEqualTo(5));
  }

  /**
   * Version 2 created the job-state table (privacy-jpa's {@code JobStateTableTest} compares its
   * shape with {@code JobStateTable.ddl}; privacy-core cannot call privacy-jpa).
   */
  private static void jobStateTableExists(FreshSchema schema) throws SQLException {
    assertThat(
            count(
                schema,
                "select count(*) from suoja_job_state where job_name = 'x' and tenant = 'x'"
                    + " and entity = 'x' and node = 'x' and last_key is null and state = 'x'"
                    + " and rows_scanned = 0 and rows_changed = 0 and started_at is null"
                    + " and updated_at is null"))
        .isZero();
  }

  /** Columns (type, width, nullability), primary keys and indexes of Suoja's tables. */
  private static Map<String, List<String>> shape(FreshSchema schema) throws SQLException {
    Map<String, List<String>> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(schema.url)) {
      DatabaseMetaData md = c.getMetaData();
      for (String table : TABLES) {
        String name = md.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = md.getColumns(c.getCatalog(), c.getSchema(), name, null)) {
          while (rs.next()) {
            columns.add(
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
            columns.add("pk " + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
          }
        }
        try (ResultSet rs = md.getIndexInfo(c.getCatalog(), c.getSchema(), name, false, false)) {
          while (rs.next()) {
            String index = rs.getString("INDEX_NAME");
            if (index != null && index.toLowerCase(Locale.ROOT).startsWith("suoja_audit_subject")) {
              columns.add(
                  "index "
                      + rs.getShort("ORDINAL_POSITION")
                      + " "
                      + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
          }
        }
        columns.sort(null);
        out.put(table, columns);
      }
    }
    assertThat(out.values()).allSatisfy(cols -> assertThat(cols).isNotEmpty());
    return out;
  }

  private static int count(FreshSchema schema, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(schema.url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * An empty schema of its own (H2: a new in-memory database; PostgreSQL: a schema; MariaDB: a
   * database), so the default table names never meet another test's tables; dropped at close.
   */
  static final class FreshSchema implements AutoCloseable {
    private static final Pattern MARIADB = Pattern.compile("(jdbc:mariadb://[^/]+/)([^?]*)(.*)");

    final String url;
    private final KeyTableDatabase db;
    private final String name;

    private FreshSchema(KeyTableDatabase db, String name, String url) {
      this.db = db;
      this.name = name;
      this.url = url;
    }

    static FreshSchema in(KeyTableDatabase db) throws SQLException {
      String name = "suoja_mig_" + UUID.randomUUID().toString().substring(0, 8);
      return switch (db.name()) {
        case "h2" -> new FreshSchema(db, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        case "postgresql" -> {
          execute(db.url(), "CREATE SCHEMA " + name);
          yield new FreshSchema(
              db, name, db.url() + (db.url().contains("?") ? "&" : "?") + "currentSchema=" + name);
        }
        case "mariadb" -> {
          execute(db.url(), "CREATE DATABASE " + name);
          Matcher m = MARIADB.matcher(db.url());
          assertThat(m.matches()).as("a jdbc:mariadb://host/database URL").isTrue();
          yield new FreshSchema(db, name, m.group(1) + name + m.group(3));
        }
        default -> throw new IllegalArgumentException(db.name());
      };
    }

    DataSource dataSource() {
      return new KeyTableDatabase(db.name(), url).dataSource();
    }

    @Override
    public void close() throws SQLException {
      switch (db.name()) {
        case "h2" -> execute(url, "DROP ALL OBJECTS");
        case "postgresql" -> execute(db.url(), "DROP SCHEMA " + name + " CASCADE");
        default -> execute(db.url(), "DROP DATABASE " + name);
      }
    }

    private static void execute(String url, String sql) throws SQLException {
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }
  }
}
