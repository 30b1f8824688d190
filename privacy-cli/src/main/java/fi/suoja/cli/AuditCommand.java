package fi.suoja.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.report.FhirAuditEvents;
import fi.suoja.audit.report.SubjectAccessReport;
import fi.suoja.audit.verify.AuditVerifier;
import fi.suoja.audit.verify.Verification;
import fi.suoja.audit.verify.VerifyCommand;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code suoja audit}: verify the trail, report on a data subject, export FHIR AuditEvents. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "The audit trail: verify it, report on a data subject, export FHIR AuditEvents.",
    subcommands = {
      AuditCommand.Verify.class,
      AuditCommand.SubjectReport.class,
      AuditCommand.Fhir.class
    })
final class AuditCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is required (verify, subject-report, fhir)");
  }

  /** A command reading a trail: a directory or file of chain files, or an audit table. */
  abstract static class TrailCommand extends Base {
    @Parameters(
        index = "0",
        paramLabel = "<dir|file|jdbc-url>",
        description =
            "The trail: a directory of chain files, one chain file, or the JDBC URL of the"
                + " database holding the audit table (no credentials in it).")
    String target;

    @Option(
        names = "--table",
        paramLabel = "NAME",
        defaultValue = "suoja_audit",
        description = "Audit table name (default: ${DEFAULT-VALUE}).")
    String table;

    @Mixin DatabaseOptions database;

    boolean jdbc() {
      return target.startsWith("jdbc:");
    }

    DataSource dataSource() {
      return database.open(target, env());
    }

    /** An unreadable table is an unavailable database; an unreadable file trail is bad input. */
    @Override
    int exitFor(AuditException e) {
      return jdbc() && "SUOJA-4010".equals(e.code())
          ? SuojaCommand.UNAVAILABLE
          : SuojaCommand.USAGE;
    }
  }

  /** {@code suoja audit verify}: the verifier jar's checks and exit codes. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Verifies every audit chain (hash chain, Merkle tree, signed checkpoints) and prints one"
            + " line per chain: OK, or BROKEN with the first bad record and why.",
        "The same checks and exit codes as privacy-audit's verifier jar (AuditVerifier)."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:every chain intact",
        "1:a chain is broken (SUOJA-9020)",
        "2:bad arguments, unreadable or malformed trail or key file, no chain found",
        "3:database unavailable or audit table unreadable, key file unreadable",
        SuojaCommand.EXIT_CODES_70
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  suoja audit verify /var/lib/care/audit --checkpoints /var/lib/care/audit"
            + " --public-key audit-checkpoint.pub",
        "  SUOJA_DB_USER=auditor SUOJA_DB_PASSWORD_FILE=/run/secrets/audit-db \\",
        "    suoja audit verify jdbc:postgresql://db.internal/care?sslmode=verify-full"
            + " --public-key audit-checkpoint.pub --json"
      })
  static final class Verify extends TrailCommand {
    @Option(
        names = "--checkpoints",
        paramLabel = "DIR",
        description = "Directory of <chain>.checkpoints.jsonl files (file trails).")
    Path checkpoints;

    @Option(
        names = "--public-key",
        paramLabel = "FILE",
        description = "Ed25519 public key of the checkpoints (X.509, PEM or DER).")
    Path publicKey;

    @Option(
        names = "--chain-key",
        paramLabel = "FILE",
        description = "File holding the base64 chain key, when the chains are keyed.")
    Path chainKey;

    @Option(
        names = "--no-require-checkpoints",
        description = "Accept chains without a signed checkpoint although a public key is given.")
    boolean noRequireCheckpoints;

    @Override
    int execute() {
      AuditVerifier.Builder b = AuditVerifier.builder();
      if (publicKey != null) {
        b.checkpointKey(keyFile(() -> VerifyCommand.readPublicKey(publicKey)));
      }
      if (chainKey != null) {
        b.chainKey(keyFile(() -> VerifyCommand.readChainKey(chainKey)));
      }
      if (noRequireCheckpoints) {
        b.requireCheckpoints(false);
      }
      AuditVerifier verifier = b.build();
      List<Verification> results;
      if (jdbc()) {
        DataSource ds = dataSource();
        results = verifier.verifyTable(ds, table, ds);
      } else {
        results = verifier.verifyFiles(Path.of(target), checkpoints);
      }
      if (results.isEmpty()) {
        throw new CliException(
            "SUOJA-9021",
            SuojaCommand.USAGE,
            "no audit chains found in " + (jdbc() ? "table " + table : "the trail " + target));
      }
      long broken = results.stream().filter(Verification.Broken.class::isInstance).count();
      int status = broken == 0 ? SuojaCommand.OK : SuojaCommand.VERIFICATION_FAILED;
      String summary =
          "SUOJA-9020: " + broken + " of " + results.size() + " audit chains are broken";
      if (json) {
        ObjectNode root = Output.object();
        root.put("ok", broken == 0);
        root.put("exitCode", status);
        if (broken > 0) {
          root.put("code", "SUOJA-9020");
          root.put("message", summary);
        }
        ArrayNode chains = root.putArray("chains");
        for (Verification v : results) {
          ObjectNode c = chains.addObject();
          if (v instanceof Verification.Intact ok) {
            c.put("chainId", ok.chainId());
            c.put("status", "OK");
            c.put("records", ok.records());
            c.put("anchored", ok.anchored());
            c.put("rootHash", ok.rootHash());
          } else if (v instanceof Verification.Broken bad) {
            c.put("chainId", bad.chainId());
            c.put("status", "BROKEN");
            c.put("problem", bad.problem().name());
            c.put("position", bad.position());
            c.put("location", bad.location());
            c.put("detail", bad.detail());
          }
        }
        out().println(Output.write(root));
      } else {
        for (Verification v : results) {
          if (v instanceof Verification.Intact ok) {
            out()
                .printf(
                    "OK      chain %s: %d records, %d anchored by signed checkpoints, root %s%n",
                    ok.chainId(), ok.records(), ok.anchored(), ok.rootHash());
          } else if (v instanceof Verification.Broken bad) {
            out()
                .printf(
                    "BROKEN  chain %s: %s at record %d (%s): %s%n",
                    bad.chainId(), bad.problem(), bad.position(), bad.location(), bad.detail());
          }
        }
        if (broken > 0) {
          err().println(summary);
        }
      }
      return status;
    }

    /** A key file that cannot be read is an unavailable key (3); a malformed one bad input (2). */
    private static <T> T keyFile(java.util.function.Supplier<T> read) {
      try {
        return read.get();
      } catch (AuditException e) {
        if ("SUOJA-4010".equals(e.code())) {
          throw new CliException(e.code(), SuojaCommand.UNAVAILABLE, e.getMessage());
        }
        throw e;
      }
    }
  }

  /** A command selecting one data subject's events in a time range. */
  abstract static class SubjectCommand extends TrailCommand {
    @Option(
        names = "--subject",
        required = true,
        paramLabel = "ID",
        description =
            "The data subject's internal id as the audit events carry it (never a personal"
                + " identity code: refused, SUOJA-4002).")
    String subject;

    @Option(
        names = "--from",
        paramLabel = "INSTANT",
        defaultValue = "1970-01-01T00:00:00Z",
        description = "Start of the range, inclusive, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Instant from;

    @Option(
        names = "--to",
        paramLabel = "INSTANT",
        description = "End of the range, exclusive, ISO-8601 (default: now).")
    Instant to;

    SubjectAccessReport report() {
      Instant end = to == null ? Instant.now() : to;
      return jdbc()
          ? SubjectAccessReport.fromTable(dataSource(), table, subject, from, end)
          : SubjectAccessReport.fromFiles(Path.of(target), subject, from, end);
    }
  }

  /** {@code suoja audit subject-report}: who has processed a data subject's data. */
  @Command(
      name = "subject-report",
      mixinStandardHelpOptions = true,
      description = {
        "\"Who has processed my data\": every recorded event naming one data subject in a time"
            + " range, across all chains, in time order (SubjectAccessReport). It reads and does"
            + " not verify: run 'suoja audit verify' on the same trail to show it is intact."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        SuojaCommand.EXIT_CODES_0,
        "2:bad arguments (an identity code as --subject, an empty range), unreadable trail",
        "3:database unavailable or audit table unreadable",
        SuojaCommand.EXIT_CODES_70
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  suoja audit subject-report /var/lib/care/audit --subject patient-4711"
            + " --from 2026-01-01T00:00:00Z --to 2027-01-01T00:00:00Z",
        "  suoja audit subject-report jdbc:postgresql://db.internal/care --subject patient-4711"
            + " --json > report.json"
      })
  static final class SubjectReport extends SubjectCommand {
    @Override
    int execute() {
      SubjectAccessReport report = report();
      out().print(json ? report.toJson() + System.lineSeparator() : report.toText());
      out().flush();
      return SuojaCommand.OK;
    }
  }

  /** {@code suoja audit fhir}: a data subject's events as FHIR R4 AuditEvents in a Bundle. */
  @Command(
      name = "fhir",
      mixinStandardHelpOptions = true,
      description = {
        "A data subject's events in a time range as HL7 FHIR R4 AuditEvent resources (IHE BALP"
            + " profiles, FhirAuditEvents) in a Bundle of type collection. The output is JSON"
            + " with or without --json."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        SuojaCommand.EXIT_CODES_0,
        "2:bad arguments (an identity code as --subject, an empty range), unreadable trail",
        "3:database unavailable or audit table unreadable",
        SuojaCommand.EXIT_CODES_70
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  suoja audit fhir /var/lib/care/audit --subject patient-4711 > audit-events.json",
        "  suoja audit fhir jdbc:mariadb://db.internal/care --subject patient-4711"
            + " --recipient org-kela --from 2026-06-01T00:00:00Z"
      })
  static final class Fhir extends SubjectCommand {
    @Option(
        names = "--recipient",
        paramLabel = "ID",
        description =
            "Recipient organisation or authority id of disclosures and exports (never a"
                + " person's name).")
    String recipient;

    @Override
    int execute() {
      SubjectAccessReport report = report();
      ObjectNode bundle = Output.object();
      bundle.put("resourceType", "Bundle");
      bundle.put("type", "collection");
      ArrayNode entries = bundle.putArray("entry");
      for (SubjectAccessReport.Entry e : report.entries()) {
        entries.addObject().set("resource", FhirAuditEvents.toFhir(e.event(), recipient));
      }
      out().println(Output.write(bundle));
      return SuojaCommand.OK;
    }
  }
}
