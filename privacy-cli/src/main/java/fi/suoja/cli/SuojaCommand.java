package fi.suoja.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code suoja} command line, main class of {@code privacy-cli-<version>-all.jar}:
 *
 * <pre>
 * java -jar privacy-cli-&lt;version&gt;-all.jar audit verify jdbc:postgresql://db/care
 * java -jar privacy-cli-&lt;version&gt;-all.jar schema ddl --database postgresql
 * java -jar privacy-cli-&lt;version&gt;-all.jar keys create-master --pkcs12 suoja.p12 --password-env SUOJA_KEYSTORE_PASSWORD
 * </pre>
 *
 * <p>Every command takes {@code --help} (with examples) and {@code --json}; exit status {@link
 * #OK}, {@link #VERIFICATION_FAILED}, {@link #USAGE}, {@link #UNAVAILABLE} or {@link #INTERNAL}.
 * Database and key store credentials come from environment variables or a file, never from the
 * command line. No output carries personal data, key material or a credential.
 */
@Command(
    name = "suoja",
    mixinStandardHelpOptions = true,
    versionProvider = SuojaCommand.Version.class,
    description =
        "Operations on a Suoja installation: audit trail, schema, keys, and jobs over the host's"
            + " entities (erasure, export, retention, record of processing).",
    subcommands = {
      CommandLine.HelpCommand.class,
      AuditCommand.class,
      SchemaCommand.class,
      KeysCommand.class,
      SubjectCommands.Erase.class,
      SubjectCommands.Export.class,
      RetentionCommand.class,
      MigrateCommand.class,
      ProcessingCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      SuojaCommand.EXIT_CODES_0,
      SuojaCommand.EXIT_CODES_1,
      SuojaCommand.EXIT_CODES_2,
      SuojaCommand.EXIT_CODES_3,
      SuojaCommand.EXIT_CODES_70,
      SuojaCommand.EXIT_CODES_130
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  suoja audit verify /var/lib/care/audit --checkpoints /var/lib/care/audit --public-key"
          + " audit.pub",
      "  SUOJA_DB_USER=auditor SUOJA_DB_PASSWORD_FILE=/run/secrets/db suoja audit verify"
          + " jdbc:postgresql://db/care --json",
      "  suoja schema ddl --database mariadb",
      "  suoja keys create-master --pkcs12 suoja.p12 --password-env SUOJA_KEYSTORE_PASSWORD",
      "  suoja schema check jdbc:postgresql://db/care --classpath care-app.jar",
      "  suoja erase jdbc:postgresql://db/care --classpath care-app.jar --master-key suoja.p12"
          + " --actor dpo.virtanen --tenant org-17 --subject client-4711"
    })
public final class SuojaCommand implements Runnable {
  /** Exit status: the command did what it was asked; every audit chain verified. */
  public static final int OK = 0;

  /** Exit status: an audit chain is broken (the verifier jar's 1). */
  public static final int VERIFICATION_FAILED = 1;

  /**
   * Exit status: bad arguments or bad input (unknown option, missing value, a credential on the
   * command line, an unreadable or malformed trail or key file, a file that would be overwritten).
   */
  public static final int USAGE = 2;

  /** Exit status: the database or the key store cannot be reached or opened. */
  public static final int UNAVAILABLE = 3;

  /** Exit status: an unexpected internal error ({@code SUOJA-9099}). */
  public static final int INTERNAL = 70;

  /**
   * Exit status: a resumable job was cancelled (Ctrl-C, SIGTERM) and stopped after the batch in
   * flight committed; run it again with {@code --resume}.
   */
  public static final int CANCELLED = 130;

  static final String EXIT_CODES_0 = "0:ok";
  static final String EXIT_CODES_1 = "1:verification failed: an audit chain is broken";
  static final String EXIT_CODES_2 =
      "2:bad arguments or input (usage, credential on the command line, unreadable trail)";
  static final String EXIT_CODES_3 = "3:database or key store unavailable";
  static final String EXIT_CODES_70 = "70:internal error";
  static final String EXIT_CODES_130 =
      "130:cancelled (Ctrl-C): stopped after the batch in flight committed; rerun with --resume";

  private final Map<String, String> env;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private SuojaCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Entry point; exits with the status of {@link #run(String[], PrintStream, PrintStream)}. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command line with the process environment, printing to {@code out}/{@code err}.
   *
   * @return the exit status
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cl = commandLine(System.getenv());
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    return cl.execute(args);
  }

  /**
   * The configured picocli command line, reading credentials from {@code env} (the process
   * environment in {@link #main}); set its output and error writers, then {@link
   * CommandLine#execute}.
   */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine cl = new CommandLine(new SuojaCommand(Objects.requireNonNull(env, "env")));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpWidth(120); // the examples fit on one line each
    cl.setParameterExceptionHandler(SuojaCommand::usageError);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          // not reached by the subcommands (they map their own failures); no message: it may
          // carry data
          commandLine
              .getErr()
              .println("SUOJA-9099: internal error (" + e.getClass().getName() + ")");
          return INTERNAL;
        });
    return cl;
  }

  /** The group without a subcommand: prints the usage. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "a command is required (audit, schema, keys, erase, export, retention, migrate,"
            + " processing)");
  }

  Map<String, String> env() {
    return env;
  }

  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  /**
   * picocli's parse messages quote the offending argument; an argument may be a credential or a
   * personal identity code typed in the wrong place, so only option names survive.
   */
  static String redact(String message) {
    if (message == null) {
      return "invalid command line";
    }
    if (message.startsWith("Missing required")) {
      return message; // names options and parameter labels only, never a typed value
    }
    Matcher m = QUOTED.matcher(message);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = m.group(1);
      String kept;
      if (v.matches("--?[A-Za-z][A-Za-z0-9-]*(=.*)?")) {
        int eq = v.indexOf('=');
        kept = eq < 0 ? v : v.substring(0, eq) + "=<redacted>";
      } else {
        kept = "<redacted>";
      }
      m.appendReplacement(sb, Matcher.quoteReplacement("'" + kept + "'"));
    }
    m.appendTail(sb);
    // unquoted values: "Unmatched arguments from index 3: 'x', 'y'" is quoted; "Invalid value for
    // option '--from': xyz" may not be
    return sb.toString().replaceAll("(?s)(Invalid value for [^:]+:).*", "$1 <redacted>");
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    String message = "SUOJA-9001: " + redact(e.getMessage());
    if (Arrays.asList(args).contains("--json")) {
      cl.getOut().println(Output.error("SUOJA-9001", USAGE, message));
    } else {
      cl.getErr().println(message);
      cl.getErr()
          .println(
              "Run '" + cl.getCommandSpec().qualifiedName() + " --help' for usage and examples.");
    }
    return USAGE;
  }

  /** The version printed by {@code --version}: the jar's implementation version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SuojaCommand.class.getPackage().getImplementationVersion();
      return new String[] {"suoja " + (v == null ? "(development build)" : v)};
    }
  }
}
