package fi.suoja.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.suoja.audit.sink.JdbcAuditSink;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.jpa.JobStateTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code suoja schema}: the DDL of Suoja's own tables. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description =
        "Suoja's own tables (wrapped keys, audit records and checkpoints); the host's schema"
            + " against Suoja's needs.",
    subcommands = {SchemaCommand.Ddl.class, SchemaCheck.class})
final class SchemaCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is required (ddl, check)");
  }

  /** The databases whose DDL Suoja knows. */
  enum Database {
    h2(JdbcAuditSink.Dialect.H2),
    postgresql(JdbcAuditSink.Dialect.POSTGRESQL),
    mariadb(JdbcAuditSink.Dialect.MARIADB);

    final JdbcAuditSink.Dialect audit;

    Database(JdbcAuditSink.Dialect audit) {
      this.audit = audit;
    }
  }

  /**
   * {@code suoja schema ddl}: the statements {@code createTableIfMissing}/{@code createTables} run.
   */
  @Command(
      name = "ddl",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the DDL of Suoja's own tables for a database: the wrapped-key table"
            + " (JdbcWrappedKeyStore), the audit table with its subject index and checkpoint"
            + " table (JdbcAuditSink), and the job-state table of resumable jobs (JobStateTable)."
            + " The statements are the ones the library runs when asked to"
            + " create the tables itself; give them to your migration tool or a DBA.",
        "Grant the application INSERT and SELECT on the audit tables; SELECT, INSERT, UPDATE and"
            + " DELETE on the wrapped-key and job-state tables."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        SuojaCommand.EXIT_CODES_0,
        "2:bad arguments (unknown database, invalid table name)",
        SuojaCommand.EXIT_CODES_70
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  suoja schema ddl --database postgresql > V1__suoja_tables.sql",
        "  suoja schema ddl --database mariadb --audit-table care_audit --key-table"
            + " care_wrapped_key",
        "  suoja schema ddl --database h2 --json"
      })
  static final class Ddl extends Base {
    @Option(
        names = "--database",
        required = true,
        paramLabel = "DB",
        description = "One of: ${COMPLETION-CANDIDATES}.")
    Database database;

    @Option(
        names = "--audit-table",
        paramLabel = "NAME",
        defaultValue = "suoja_audit",
        description =
            "Audit table (default: ${DEFAULT-VALUE}); its checkpoints go to <NAME>_checkpoint.")
    String auditTable;

    @Option(
        names = "--key-table",
        paramLabel = "NAME",
        defaultValue = JdbcWrappedKeyStore.DEFAULT_TABLE,
        description = "Wrapped-key table, optionally schema.name (default: ${DEFAULT-VALUE}).")
    String keyTable;

    @Option(
        names = "--job-table",
        paramLabel = "NAME",
        defaultValue = JobStateTable.DEFAULT_TABLE,
        description =
            "Job-state table of resumable jobs, optionally schema.name (default:"
                + " ${DEFAULT-VALUE}).")
    String jobTable;

    /** The statements, in order, without terminating semicolons. */
    List<String> statements() {
      List<String> sql = new ArrayList<>();
      sql.add(JdbcWrappedKeyStore.ddl(database.name(), keyTable));
      sql.addAll(JdbcAuditSink.ddl(database.audit, auditTable));
      sql.add(JobStateTable.ddl(database.name(), jobTable));
      return sql;
    }

    @Override
    int execute() {
      List<String> sql = statements();
      if (json) {
        ObjectNode root = Output.object();
        root.put("ok", true);
        root.put("database", database.name());
        ArrayNode list = root.putArray("statements");
        sql.forEach(list::add);
        out().println(Output.write(root));
      } else {
        out()
            .println(
                "-- Suoja's own tables for "
                    + database.name().toLowerCase(Locale.ROOT)
                    + " (suoja schema ddl)");
        for (String s : sql) {
          out().println(s + ";");
          out().println();
        }
      }
      return SuojaCommand.OK;
    }
  }
}
