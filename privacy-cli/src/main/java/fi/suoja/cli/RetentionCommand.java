package fi.suoja.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.suoja.jpa.RetentionJob;
import fi.suoja.policy.Purpose;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code suoja retention}: erasing what outlived its legal hold. */
@Command(
    name = "retention",
    mixinStandardHelpOptions = true,
    description = "Legal holds (@LegalRetention): erase what has outlived its hold.",
    subcommands = {RetentionCommand.Run.class})
final class RetentionCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (run)");
  }

  /** {@code suoja retention run}: {@link RetentionJob#run}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Erases, in one tenant, every record of an entity with @LegalRetention whose hold has"
            + " ended (RetentionJob): deleted or anonymised as @Erasure declares, in batches (one"
            + " transaction each, primary-key order), each record audited as ERASE as the actor"
            + " --actor names. Records whose hold runs on, or has not started, are never touched."
            + " A failed run leaves earlier batches committed; run it again to go on.",
        "Progress: one line per batch on standard error (entity, records scanned of total, erased,"
            + " rate, ETA); with --json, only the final document on standard output."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        SuojaCommand.EXIT_CODES_0,
        "2:bad arguments; the policy refused ERASE for a record (its batch rolled back)",
        "3:database, key store or Suoja's tables unavailable; a batch failed (SUOJA-6030, rolled"
            + " back: run again)",
        SuojaCommand.EXIT_CODES_70
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  suoja retention run jdbc:postgresql://db/care --classpath care-app.jar --master-key"
            + " /etc/care/suoja.p12 --actor records.officer --tenant org-17",
        "  suoja retention run jdbc:postgresql://db/care --classpath care-app.jar --master-key"
            + " /etc/care/suoja.p12 --actor records.officer --tenant org-17 --batch-size 200"
            + " --json"
      })
  static final class Run extends HostJob {
    @Option(
        names = "--batch-size",
        paramLabel = "N",
        defaultValue = "" + RetentionJob.DEFAULT_BATCH_SIZE,
        description = "Records per batch and transaction (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    int execute() {
      if (batchSize < 1 || batchSize > 100_000) {
        throw new CliException(
            "SUOJA-9001", SuojaCommand.USAGE, "--batch-size must be between 1 and 100000");
      }
      RetentionJob.Result r =
          runAs(
              Purpose.ADMINISTRATION,
              h ->
                  RetentionJob.builder(h.sessionFactory())
                      .batchSize(batchSize)
                      .listener(
                          p ->
                              err()
                                  .printf(
                                      "%s: %d/%d scanned, %d erased, %.0f rows/s, eta %ds%n",
                                      p.entity(),
                                      p.scanned(),
                                      p.total(),
                                      p.erased(),
                                      p.rowsPerSecond(),
                                      p.eta().toSeconds()))
                      .build()
                      .run());
      if (json) {
        ObjectNode root = Output.object();
        root.put("ok", true);
        root.put("tenant", who.tenant(host));
        root.put("erased", r.erased());
        root.put("subjectKeysDestroyed", r.subjectKeysDestroyed());
        ArrayNode entities = root.putArray("entities");
        for (RetentionJob.Progress p : r.entities()) {
          entities
              .addObject()
              .put("entity", p.entity())
              .put("scanned", p.scanned())
              .put("total", p.total())
              .put("erased", p.erased())
              .put("millis", p.elapsed().toMillis());
        }
        out().println(Output.write(root));
      } else {
        for (RetentionJob.Progress p : r.entities()) {
          out()
              .println(
                  p.entity()
                      + ": "
                      + p.erased()
                      + " erased of "
                      + p.scanned()
                      + " due record(s) scanned");
        }
        out()
            .println(
                "tenant "
                    + who.tenant(host)
                    + ": "
                    + r.erased()
                    + " record(s) erased, "
                    + r.subjectKeysDestroyed()
                    + " subject key(s) destroyed");
      }
      return SuojaCommand.OK;
    }
  }
}
