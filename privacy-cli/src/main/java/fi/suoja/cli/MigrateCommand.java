package fi.suoja.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.suoja.jpa.JobStateTable;
import fi.suoja.jpa.PlaintextMigration;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code suoja migrate}: adopting a database that holds plaintext. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Adopting a database: seal the plaintext of columns that became @Encrypted.",
    subcommands = {MigrateCommand.Plaintext.class})
final class MigrateCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is required (plaintext)");
  }

  /** {@code suoja migrate plaintext}: {@link PlaintextMigration#runAll}, resumable. */
  @Command(
      name = "plaintext",
      mixinStandardHelpOptions = true,
      description = {
        "Seals, in place, every plaintext value of every @Encrypted column of the host's entities"
            + " (PlaintextMigration.runAll): creates the data key of each tenant that has rows but"
            + " no key, then in primary-key order, one transaction per batch, seals each value that"
            + " is not yet an envelope and fills its blind indexes. Values already sealed are"
            + " skipped, so nothing is sealed twice. Key creations and migrated entities are"
            + " audited as the system actor suoja-plaintext-migration.",
        "Each batch saves its position in the job-state table (--job-table) in its own"
            + " transaction. Ctrl-C (or SIGTERM) stops the job after the batch in flight has"
            + " committed (exit 130); run again with --resume to continue after the saved"
            + " position instead of at the first row. Several nodes may run it at once"
            + " (--node names each).",
        "Progress: plain lines on standard error (entity, rows of total, rows changed, rate,"
            + " ETA) at most every --progress-interval; with --json a summary on standard output."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        SuojaCommand.EXIT_CODES_0,
        "2:bad arguments (SUOJA-9040)",
        "3:database, key store or Suoja's tables unavailable (the job-state table too:"
            + " SUOJA-5244); a batch failed (rolled back: run again with --resume)",
        SuojaCommand.EXIT_CODES_70,
        SuojaCommand.EXIT_CODES_130
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  suoja migrate plaintext jdbc:postgresql://db/care --classpath care-app.jar --master-key"
            + " /etc/care/suoja.p12",
        "  suoja migrate plaintext jdbc:postgresql://db/care --classpath care-app.jar --master-key"
            + " /etc/care/suoja.p12 --resume --node worker-1 --batch-size 1000 --json"
      })
  static final class Plaintext extends Base {
    @Mixin HostOptions host = new HostOptions();
    @Mixin JobOptions job = new JobOptions();

    @Override
    int execute() {
      job.validate();
      Result r;
      try (Host h = Host.open(host, env());
          JobRun run = new JobRun(err(), job.progressInterval())) {
        r =
            h.withHostLoader(
                () -> {
                  PlaintextMigration.Builder b =
                      PlaintextMigration.builder(h.sessionFactory())
                          .batchSize(job.batchSize)
                          .jobState(job.jobTable)
                          .resume(job.resume)
                          .control(run.control())
                          .listener(
                              p ->
                                  run.batch(
                                      p.entity(),
                                      p.scanned(),
                                      p.total(),
                                      p.sealedRows(),
                                      p.rowsPerSecond()));
                  if (job.node != null) {
                    b.node(job.node);
                  }
                  List<PlaintextMigration.Progress> done = b.build().runAll();
                  return new Result(done, run.cancelled());
                });
        print(r);
      }
      return r.cancelled() ? SuojaCommand.CANCELLED : SuojaCommand.OK;
    }

    private record Result(List<PlaintextMigration.Progress> entities, boolean cancelled) {}

    private void print(Result r) {
      long scanned = 0;
      long rows = 0;
      long values = 0;
      for (PlaintextMigration.Progress p : r.entities()) {
        scanned += p.scanned();
        rows += p.sealedRows();
        values += p.sealedValues();
      }
      if (json) {
        ObjectNode root = Output.object();
        root.put("ok", !r.cancelled());
        root.put("cancelled", r.cancelled());
        if (r.cancelled()) {
          root.put("exitCode", SuojaCommand.CANCELLED);
        }
        root.put("resumed", job.resume);
        root.put("scanned", scanned);
        root.put("sealedRows", rows);
        root.put("sealedValues", values);
        ArrayNode entities = root.putArray("entities");
        for (PlaintextMigration.Progress p : r.entities()) {
          entities
              .addObject()
              .put("entity", p.entity())
              .put("scanned", p.scanned())
              .put("total", p.total())
              .put("sealedRows", p.sealedRows())
              .put("sealedValues", p.sealedValues())
              .put("millis", p.elapsed().toMillis());
        }
        out().println(Output.write(root));
      } else {
        for (PlaintextMigration.Progress p : r.entities()) {
          out()
              .println(
                  p.entity()
                      + ": "
                      + p.scanned()
                      + " row(s) scanned, "
                      + p.sealedRows()
                      + " sealed ("
                      + p.sealedValues()
                      + " value(s))");
        }
        out()
            .println(
                r.cancelled()
                    ? "cancelled after the batch in flight: "
                        + rows
                        + " row(s) sealed; run again with --resume to continue"
                    : "done: " + rows + " row(s) sealed, " + values + " value(s)");
      }
    }
  }

  /** The options of a resumable job (a {@code @Mixin}). */
  static final class JobOptions {
    @Option(
        names = "--batch-size",
        paramLabel = "N",
        defaultValue = "" + PlaintextMigration.DEFAULT_BATCH_SIZE,
        description = "Rows per batch and transaction, 1..100000 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
        names = "--resume",
        description =
            "Start after the position saved in the job-state table instead of at the first row;"
                + " entities already finished are skipped.")
    boolean resume;

    @Option(
        names = "--node",
        paramLabel = "NAME",
        description = "This process's name in the job-state table (default: pid@host).")
    String node;

    @Option(
        names = "--job-table",
        paramLabel = "NAME",
        defaultValue = JobStateTable.DEFAULT_TABLE,
        description = "The job-state table in the host's database (default: ${DEFAULT-VALUE}).")
    String jobTable;

    @Option(
        names = "--progress-interval",
        paramLabel = "SECONDS",
        defaultValue = "5",
        description =
            "Seconds between progress lines on standard error, 0 for one per batch (default:"
                + " ${DEFAULT-VALUE}).")
    int progressSeconds;

    void validate() {
      if (batchSize < 1 || batchSize > 100_000) {
        throw new CliException(
            "SUOJA-9040", SuojaCommand.USAGE, "--batch-size must be between 1 and 100000");
      }
      if (progressSeconds < 0 || progressSeconds > 86_400) {
        throw new CliException(
            "SUOJA-9040", SuojaCommand.USAGE, "--progress-interval must be between 0 and 86400");
      }
      if (node != null && (node.isBlank() || node.length() > 128)) {
        throw new CliException(
            "SUOJA-9040", SuojaCommand.USAGE, "--node must be 1 to 128 characters");
      }
    }

    Duration progressInterval() {
      return Duration.ofSeconds(progressSeconds);
    }
  }
}
