package fi.suoja.spring.boot.internal;

import fi.suoja.audit.spi.AuditSink;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.spring.boot.SuojaProperties.SchemaInitialization;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Puts Suoja's own tables (wrapped keys, audit trail) under the application's migration tool
 * ({@code suoja.jdbc.initialize-schema}, default {@code auto}). Runs once all bean definitions are
 * known and before any bean exists:
 *
 * <ul>
 *   <li>Flyway (the application has a {@code Flyway} bean, Boot's or its own): a Flyway callback
 *       bean, which Boot hands to that Flyway, runs Suoja's shipped migrations ({@code
 *       db/suoja-schema/flyway/<vendor>}) before the application's own, with their own history
 *       table {@value #FLYWAY_HISTORY}, so the two version lines never meet;
 *   <li>Liquibase (the application has a {@code SpringLiquibase} bean): a second {@code
 *       SpringLiquibase}, {@code suojaLiquibase}, runs Suoja's changelog;
 *   <li>either way the key store and the audit sink beans depend on those beans, so the tables
 *       exist before Suoja opens them.
 * </ul>
 *
 * <p>It adds dependencies on the migration beans only, not on every database initializer: with
 * {@code spring.jpa.defer-datasource-initialization=true} the entity manager factory is an
 * initializer too, and it builds Suoja (the runtime handover) while it is being created.
 */
public final class SchemaTools implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {
  /** Flyway's history table of Suoja's migrations. */
  public static final String FLYWAY_HISTORY = "suoja_schema_history";

  /** Suoja's Liquibase changelog (privacy-core). */
  public static final String CHANGELOG = "classpath:db/suoja-schema/liquibase/changelog.xml";

  static final String FLYWAY = "org.flywaydb.core.Flyway";
  static final String FLYWAY_CALLBACK = "org.flywaydb.core.api.callback.Callback";
  static final List<String> FLYWAY_INITIALIZERS =
      List.of(
          "org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer", // Boot 3.5
          "org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer"); // Boot 4
  static final String SPRING_LIQUIBASE = "liquibase.integration.spring.SpringLiquibase";
  static final String SUOJA_LIQUIBASE = "suojaLiquibase";
  static final String SUOJA_FLYWAY_CALLBACK = "suojaFlywayCallback";

  /** Who creates Suoja's tables in this application. */
  public enum Tool {
    /** The application's Flyway, with Suoja's migrations. */
    FLYWAY,
    /** The application's Liquibase, with Suoja's changelog. */
    LIQUIBASE,
    /** No migration tool: Suoja creates missing tables itself or expects them (the mode says). */
    NONE
  }

  private Environment environment;
  private volatile Tool tool = Tool.NONE;
  private volatile SchemaInitialization mode = SchemaInitialization.AUTO;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  /** The tool the application's start-up uses for Suoja's tables. */
  public Tool tool() {
    return tool;
  }

  /**
   * Whether the key store and the audit sink create their missing tables themselves: never when a
   * migration tool made them; else as {@code suoja.jdbc.initialize-schema} says.
   */
  public boolean suojaCreatesTables(DataSource ds) {
    if (tool != Tool.NONE) {
      return false;
    }
    return switch (mode) {
      case ALWAYS -> true;
      case NEVER, FLYWAY, LIQUIBASE -> false;
      case AUTO, EMBEDDED -> Parts.embedded(ds);
    };
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    if (!(registry instanceof ConfigurableListableBeanFactory factory)) {
      return;
    }
    Binder binder = Binder.get(environment);
    mode =
        binder
            .bind("suoja.jdbc.initialize-schema", SchemaInitialization.class)
            .orElse(SchemaInitialization.AUTO);
    boolean defaultNames =
        binder
                .bind("suoja.key-store.table", String.class)
                .orElse(JdbcWrappedKeyStore.DEFAULT_TABLE)
                .equals(JdbcWrappedKeyStore.DEFAULT_TABLE)
            && binder
                .bind("suoja.audit.table", String.class)
                .orElse("suoja_audit")
                .equals("suoja_audit");
    ClassLoader loader = factory.getBeanClassLoader();
    List<String> flyways = namesOf(factory, loader, List.of(FLYWAY));
    List<String> liquibases = namesOf(factory, loader, List.of(SPRING_LIQUIBASE));
    tool = choose(mode, defaultNames, !flyways.isEmpty(), !liquibases.isEmpty(), loader);

    Set<String> migrations = new LinkedHashSet<>();
    if (tool == Tool.FLYWAY) {
      RootBeanDefinition callback = new RootBeanDefinition(FlywayCallbackFactory.type(loader));
      callback.setInstanceSupplier(FlywayCallbackFactory::newCallback);
      registry.registerBeanDefinition(SUOJA_FLYWAY_CALLBACK, callback);
      migrations.addAll(flyways);
      migrations.addAll(namesOf(factory, loader, FLYWAY_INITIALIZERS));
    } else if (tool == Tool.LIQUIBASE) {
      RootBeanDefinition liquibase = new RootBeanDefinition(LiquibaseFactory.type(loader));
      liquibase.setInstanceSupplier(() -> LiquibaseFactory.newLiquibase(factory));
      registry.registerBeanDefinition(SUOJA_LIQUIBASE, liquibase);
      migrations.addAll(liquibases);
      migrations.add(SUOJA_LIQUIBASE);
    }
    if (migrations.isEmpty()) {
      return;
    }
    List<String> users = new ArrayList<>();
    users.addAll(Arrays.asList(factory.getBeanNamesForType(WrappedKeyStore.class, true, false)));
    users.addAll(Arrays.asList(factory.getBeanNamesForType(AuditSink.class, true, false)));
    for (String user : users) {
      BeanDefinition definition = factory.getBeanDefinition(user);
      Set<String> dependsOn = new LinkedHashSet<>();
      if (definition.getDependsOn() != null) {
        dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
      }
      dependsOn.addAll(migrations);
      definition.setDependsOn(dependsOn.toArray(String[]::new));
    }
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

  static Tool choose(
      SchemaInitialization mode,
      boolean defaultNames,
      boolean flyway,
      boolean liquibase,
      ClassLoader loader) {
    if (mode == SchemaInitialization.FLYWAY || mode == SchemaInitialization.LIQUIBASE) {
      String name = mode.name().toLowerCase(Locale.ROOT);
      if (!defaultNames) {
        throw new StartupFailure(
            "SUOJA-8042",
            "suoja.jdbc.initialize-schema="
                + name
                + " creates the tables under their default names, but suoja.key-store.table or"
                + " suoja.audit.table names others",
            "Use the default table names, or create the tables yourself (docs/OPERATIONS.md)"
                + " and set suoja.jdbc.initialize-schema=never.");
      }
      boolean runs = mode == SchemaInitialization.FLYWAY ? flyway : liquibase;
      if (!runs) {
        boolean present =
            ClassUtils.isPresent(
                mode == SchemaInitialization.FLYWAY ? FLYWAY : SPRING_LIQUIBASE, loader);
        throw new StartupFailure(
            "SUOJA-8042",
            "suoja.jdbc.initialize-schema="
                + name
                + (present
                    ? " but the application runs no " + name + " (spring." + name + ".enabled?)"
                    : " but " + name + " is not on the class path"),
            "Add the application's "
                + name
                + " (Boot's starter for it), or choose another suoja.jdbc.initialize-schema.");
      }
      return mode == SchemaInitialization.FLYWAY ? Tool.FLYWAY : Tool.LIQUIBASE;
    }
    if (mode == SchemaInitialization.AUTO && defaultNames) {
      if (flyway) {
        return Tool.FLYWAY;
      }
      if (liquibase) {
        return Tool.LIQUIBASE;
      }
    }
    return Tool.NONE;
  }

  private static List<String> namesOf(
      ConfigurableListableBeanFactory factory, ClassLoader loader, List<String> classNames) {
    List<String> names = new ArrayList<>();
    for (String className : classNames) {
      if (ClassUtils.isPresent(className, loader)) {
        Class<?> type = ClassUtils.resolveClassName(className, loader);
        names.addAll(Arrays.asList(factory.getBeanNamesForType(type, true, false)));
      }
    }
    return names;
  }

  /** Spring Boot's {@code {vendor}} name of the database: the directory of its migrations. */
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
    for (String vendor : List.of("h2", "postgresql", "mariadb", "mysql")) {
      if (product.contains(vendor.equals("postgresql") ? "postgres" : vendor)) {
        return vendor;
      }
    }
    throw new StartupFailure(
        "SUOJA-8042",
        "Suoja ships no migrations for the database '" + product + "'",
        "Create the tables with the DDL of docs/OPERATIONS.md and docs/AUDIT.md and set"
            + " suoja.jdbc.initialize-schema=never.");
  }

  /** Loaded only when Flyway is present. */
  private static final class FlywayCallbackFactory {
    static Class<?> type(ClassLoader loader) {
      return ClassUtils.resolveClassName(FLYWAY_CALLBACK, loader);
    }

    static Object newCallback() {
      return new SuojaFlywayCallback();
    }
  }

  /** Loaded only when Liquibase is present. */
  private static final class LiquibaseFactory {
    static Class<?> type(ClassLoader loader) {
      return ClassUtils.resolveClassName(SPRING_LIQUIBASE, loader);
    }

    static Object newLiquibase(ListableBeanFactory factory) {
      liquibase.integration.spring.SpringLiquibase liquibase =
          new liquibase.integration.spring.SpringLiquibase();
      liquibase.setDataSource(factory.getBeanProvider(DataSource.class).getIfUnique());
      liquibase.setChangeLog(CHANGELOG);
      return liquibase;
    }
  }
}
