package fi.suoja.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.suoja.crypto.KeyId;
import fi.suoja.jpa.KeyRotation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code suoja keys rotate}: new tenant data key versions, then the {@link KeyRotation} sweep. */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description = {
      "Rotates the data key of each --tenant (keyring().rotate: version n+1 is saved before any"
          + " row uses it), then moves every stored value of every protected entity onto its"
          + " tenant's newest key version (KeyRotation): in primary-key order, one transaction per"
          + " batch, re-sealing values under older versions and recomputing their blind indexes;"
          + " values already under the newest version are skipped. A verification read ends each"
          + " entity; 'remaining' counts values still under an old version (held by other"
          + " transactions: run again).",
      "Without --tenant no new version is made: only the sweep runs (e.g. after rotating"
          + " through the API). With --resume no new version is made either: the sweep continues"
          + " after the position saved in the job-state table (--job-table). Ctrl-C (or SIGTERM)"
          + " stops after the batch in flight has committed (exit 130). Retire the old versions"
          + " afterwards with the Java API (KeyRotation.retireBelow).",
      "Progress: plain lines on standard error (entity, rows of total, rows changed, rate, ETA)"
          + " at most every --progress-interval; with --json a summary on standard output."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok; every value is under its tenant's newest version unless 'remaining' says otherwise",
      "2:bad arguments (SUOJA-9040); --tenant with --resume (SUOJA-9041)",
      "3:database, key store or Suoja's tables unavailable (the job-state table too: SUOJA-5244);"
          + " a tenant without a data key; a batch failed (rolled back: run again with --resume)",
      SuojaCommand.EXIT_CODES_70,
      SuojaCommand.EXIT_CODES_130
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  suoja keys rotate jdbc:postgresql://db/care --classpath care-app.jar --master-key"
          + " /etc/care/suoja.p12 --tenant org-17 --tenant org-18",
      "  suoja keys rotate jdbc:postgresql://db/care --classpath care-app.jar --master-key"
          + " /etc/care/suoja.p12 --resume --node worker-1 --json"
    })
final class KeysRotateCommand extends Base {
  @Mixin HostOptions host = new HostOptions();
  @Mixin MigrateCommand.JobOptions job = new MigrateCommand.JobOptions();

  @Option(
      names = "--tenant",
      paramLabel = "TENANT",
      description = "A tenant whose data key gets a new version first; repeatable.")
  List<String> tenants = new ArrayList<>();

  private record Result(
      List<KeyId> rotated, List<KeyRotation.Progress> entities, boolean cancelled) {}

  @Override
  int execute() {
    job.validate();
    if (job.resume && !tenants.isEmpty()) {
      throw new CliException(
          "SUOJA-9041",
          SuojaCommand.USAGE,
          "--tenant with --resume would make yet another key version: resume without --tenant");
    }
    for (String t : tenants) {
      if (t == null || t.isBlank() || t.length() > 128) {
        throw new CliException(
            "SUOJA-9040", SuojaCommand.USAGE, "--tenant must be 1 to 128 characters");
      }
    }
    Result r;
    try (Host h = Host.open(host, env());
        JobRun run = new JobRun(err(), job.progressInterval())) {
      r =
          h.withHostLoader(
              () -> {
                List<KeyId> rotated = new ArrayList<>();
                for (String t : new LinkedHashSet<>(tenants)) {
                  if (h.suoja().keyring().versions(t).isEmpty()) {
                    throw new CliException(
                        "SUOJA-9042",
                        SuojaCommand.UNAVAILABLE,
                        "tenant " + t + " has no data key to rotate; nothing was rotated after it");
                  }
                  rotated.add(h.suoja().keyring().rotate(t));
                }
                KeyRotation.Builder b =
                    KeyRotation.builder(h.sessionFactory())
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
                                    p.resealedRows(),
                                    p.rowsPerSecond()));
                if (job.node != null) {
                  b.node(job.node);
                }
                return new Result(rotated, b.build().run(), run.cancelled());
              });
      print(r);
    }
    return r.cancelled() ? SuojaCommand.CANCELLED : SuojaCommand.OK;
  }

  private void print(Result r) {
    long scanned = 0;
    long rows = 0;
    long remaining = 0;
    for (KeyRotation.Progress p : r.entities()) {
      scanned += p.scanned();
      rows += p.resealedRows();
      remaining += Math.max(0, p.remaining());
    }
    if (json) {
      ObjectNode root = Output.object();
      root.put("ok", !r.cancelled());
      root.put("cancelled", r.cancelled());
      if (r.cancelled()) {
        root.put("exitCode", SuojaCommand.CANCELLED);
      }
      root.put("resumed", job.resume);
      ArrayNode keys = root.putArray("rotated");
      for (KeyId k : r.rotated()) {
        keys.addObject().put("tenant", k.owner()).put("version", k.version());
      }
      root.put("scanned", scanned);
      root.put("resealedRows", rows);
      root.put("remaining", remaining);
      ArrayNode entities = root.putArray("entities");
      for (KeyRotation.Progress p : r.entities()) {
        entities
            .addObject()
            .put("entity", p.entity())
            .put("scanned", p.scanned())
            .put("total", p.total())
            .put("resealedRows", p.resealedRows())
            .put("resealedValues", p.resealedValues())
            .put("remaining", p.remaining())
            .put("millis", p.elapsed().toMillis());
      }
      out().println(Output.write(root));
    } else {
      for (KeyId k : r.rotated()) {
        out().println("tenant " + k.owner() + ": new data key version " + k.version());
      }
      for (KeyRotation.Progress p : r.entities()) {
        out()
            .println(
                p.entity()
                    + ": "
                    + p.scanned()
                    + " row(s) scanned, "
                    + p.resealedRows()
                    + " re-sealed, "
                    + p.remaining()
                    + " value(s) under old versions");
      }
      out()
          .println(
              r.cancelled()
                  ? "cancelled after the batch in flight: run again with --resume to continue"
                  : "done: " + rows + " row(s) re-sealed, " + remaining + " value(s) remaining");
    }
  }
}
