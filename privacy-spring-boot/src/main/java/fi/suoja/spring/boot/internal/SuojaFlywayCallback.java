package fi.suoja.spring.boot.internal;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Runs Suoja's shipped migrations ({@code db/suoja-schema/flyway/<vendor>}) before the
 * application's Flyway migrates, on the DataSource that Flyway migrates, with their own history
 * table. Tables an earlier Suoja created itself (in-memory databases, {@code
 * initialize-schema=always}) make version 1 the baseline instead of being created again.
 */
final class SuojaFlywayCallback implements Callback {

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.BEFORE_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true; // Suoja's Flyway takes its own connections
  }

  @Override
  public void handle(Event event, Context context) {
    DataSource ds = context.getConfiguration().getDataSource();
    String vendor = SchemaTools.vendor(ds);
    try {
      Flyway.configure(SuojaFlywayCallback.class.getClassLoader())
          .dataSource(ds)
          .locations("classpath:db/suoja-schema/flyway/" + vendor)
          .table(SchemaTools.FLYWAY_HISTORY)
          // the application's tables may be there already, and Suoja's too when an earlier
          // version created them itself: then version 1 is the baseline
          .baselineOnMigrate(true)
          .baselineVersion(Parts.tableExists(ds, "suoja_wrapped_key") ? "1" : "0")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      // Flyway's messages name files, versions and tables, never data
      throw new StartupFailure(
          "SUOJA-8043",
          "Suoja's schema migrations failed with Flyway (" + e.getClass().getSimpleName() + ")",
          "Read the cause below; docs/SPRING.md, \"Suoja's tables under Flyway or Liquibase\","
              + " shows what runs. Or set suoja.jdbc.initialize-schema=never and create the"
              + " tables yourself.",
          e);
    }
  }

  @Override
  public String getCallbackName() {
    return "suoja-schema";
  }
}
