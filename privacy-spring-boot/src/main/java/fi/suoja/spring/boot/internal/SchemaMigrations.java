package fi.suoja.spring.boot.internal;

import fi.suoja.spring.boot.SuojaProperties.SchemaInitialization;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import org.flywaydb.core.Flyway;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Applies the migrations privacy-core ships for Suoja's own tables ({@code db/suoja-schema},
 * docs/OPERATIONS.md) with the migration tool the application uses, before the key store and the
 * audit sink open them. Flyway runs with its own history table, so Suoja's versions never meet the
 * application's; Liquibase runs Suoja's changelog, whose change sets are marked as run when the
 * tables already exist.
 */
public final class SchemaMigrations {
  /** Flyway's history table of Suoja's migrations. */
  public static final String FLYWAY_HISTORY = "suoja_schema_history";

  static final String FLYWAY_CLASS = "org.flywaydb.core.Flyway";
  static final String LIQUIBASE_CLASS = "liquibase.command.CommandScope";
  static final String CHANGELOG = "db/suoja-schema/liquibase/changelog.xml";

  /** How Suoja's tables come to exist in this application. */
  public enum Tool {
    /** Flyway, with Suoja's migrations. */
    FLYWAY,
    /** Liquibase, with Suoja's changelog. */
    LIQUIBASE,
    /** Suoja's own DDL, for the tables that are missing. */
    CREATE,
    /** Nothing: the tables must exist. */
    NONE
  }

  /** The tool the start-up used; the key store and the audit sink create tables only for CREATE. */
  public record Applied(Tool tool) {}

  private SchemaMigrations() {}

  /**
   * The tool for {@code mode}: {@code AUTO} takes Flyway or Liquibase when the application uses it
   * (the library is present and {@code spring.flyway.enabled} / {@code spring.liquibase.enabled} is
   * not false), else creates the tables in an embedded database.
   */
  public static Tool choose(
      SchemaInitialization mode,
      Environment env,
      DataSource ds,
      ClassLoader loader,
      boolean defaultTableNames) {
    if (!defaultTableNames
        && (mode == SchemaInitialization.FLYWAY || mode == SchemaInitialization.LIQUIBASE)) {
      throw new StartupFailure(
          "SUOJA-8042",
          "suoja.jdbc.initialize-schema="
              + mode.name().toLowerCase(Locale.ROOT)
              + " creates the tables under their default names, but suoja.key-store.table or"
              + " suoja.audit.table names others",
          "Use the default table names, or create the tables yourself and set"
              + " suoja.jdbc.initialize-schema=never.");
    }
    if (!defaultTableNames && mode == SchemaInitialization.AUTO) {
      mode = SchemaInitialization.EMBEDDED; // the migrations know only the default names
    }
    return switch (mode) {
      case FLYWAY -> require(Tool.FLYWAY, FLYWAY_CLASS, "flyway", loader);
      case LIQUIBASE -> require(Tool.LIQUIBASE, LIQUIBASE_CLASS, "liquibase", loader);
      case ALWAYS -> Tool.CREATE;
      case NEVER -> Tool.NONE;
      case EMBEDDED -> Parts.embedded(ds) ? Tool.CREATE : Tool.NONE;
      case AUTO -> {
        if (uses(env, loader, FLYWAY_CLASS, "spring.flyway.enabled")) {
          yield Tool.FLYWAY;
        }
        if (uses(env, loader, LIQUIBASE_CLASS, "spring.liquibase.enabled")) {
          yield Tool.LIQUIBASE;
        }
        yield Parts.embedded(ds) ? Tool.CREATE : Tool.NONE;
      }
    };
  }

  /** Runs the migrations of {@code tool} (FLYWAY or LIQUIBASE) on {@code ds}. */
  public static void apply(Tool tool, DataSource ds) {
    String vendor = vendor(ds);
    try {
      if (tool == Tool.FLYWAY) {
        FlywayRun.migrate(ds, vendor, Parts.tableExists(ds, "suoja_wrapped_key"));
      } else if (tool == Tool.LIQUIBASE) {
        LiquibaseRun.update(ds);
      }
    } catch (StartupFailure e) {
      throw e;
    } catch (Exception e) {
      // Flyway's and Liquibase's messages name files, versions and tables, never data
      throw new StartupFailure(
          "SUOJA-8043",
          "Suoja's schema migrations failed with "
              + tool.name().toLowerCase(Locale.ROOT)
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          "Read the cause below; docs/OPERATIONS.md, \"Suoja's tables under Flyway or"
              + " Liquibase\", shows what runs. Or set suoja.jdbc.initialize-schema=never and"
              + " create the tables yourself.",
          e);
    }
  }

  private static Tool require(Tool tool, String className, String name, ClassLoader loader) {
    if (!ClassUtils.isPresent(className, loader)) {
      throw new StartupFailure(
          "SUOJA-8042",
          "suoja.jdbc.initialize-schema=" + name + " but " + name + " is not on the class path",
          "Add the "
              + name
              + " dependency (the one Spring Boot manages), or choose another"
              + " suoja.jdbc.initialize-schema.");
    }
    return tool;
  }

  private static boolean uses(
      Environment env, ClassLoader loader, String className, String enabledProperty) {
    return ClassUtils.isPresent(className, loader)
        && env.getProperty(enabledProperty, Boolean.class, Boolean.TRUE);
  }

  /** Spring Boot's {@code {vendor}} name of the database: the migration directory. */
  static String vendor(DataSource ds) {
    String product;
    try (Connection c = ds.getConnection()) {
      product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    } catch (SQLException e) {
      throw new StartupFailure(
          "SUOJA-8043",
          "cannot read the database product for Suoja's schema migrations (SQL state "
              + e.getSQLState()
              + ")",
          "Check the DataSource.",
          e);
    }
    if (product.contains("h2")) {
      return "h2";
    }
    if (product.contains("postgres")) {
      return "postgresql";
    }
    if (product.contains("mariadb")) {
      return "mariadb";
    }
    if (product.contains("mysql")) {
      return "mysql";
    }
    throw new StartupFailure(
        "SUOJA-8042",
        "Suoja ships no migrations for the database '" + product + "'",
        "Create the tables with the DDL of docs/OPERATIONS.md and docs/AUDIT.md and set"
            + " suoja.jdbc.initialize-schema=never.");
  }

  /** Loaded only when Flyway is present. */
  private static final class FlywayRun {
    static void migrate(DataSource ds, String vendor, boolean tablesExist) {
      Flyway.configure(SchemaMigrations.class.getClassLoader())
          .dataSource(ds)
          .locations("classpath:db/suoja-schema/flyway/" + vendor)
          .table(FLYWAY_HISTORY)
          // the application's tables are there already; Suoja's too when an earlier version
          // created them itself, and then version 1 is the baseline
          .baselineOnMigrate(true)
          .baselineVersion(tablesExist ? "1" : "0")
          .load()
          .migrate();
    }
  }

  /** Loaded only when Liquibase is present. */
  private static final class LiquibaseRun {
    static void update(DataSource ds) throws Exception {
      try (Connection c = ds.getConnection()) {
        Database database =
            DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        new CommandScope(UpdateCommandStep.COMMAND_NAME)
            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
            .execute();
        if (!c.getAutoCommit()) {
          c.commit();
        }
      }
    }
  }
}
