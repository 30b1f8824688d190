package fi.suoja.cli;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.audit.AuditException;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.InvalidActorException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A leaf command: {@code --json}, output through picocli's writers, and every failure mapped to a
 * coded message and an exit status (never a stack trace, never an exception's free text from a
 * driver).
 */
abstract class Base implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--json",
      description = "Machine output: one JSON document on standard output (errors included).")
  boolean json;

  /** Does the work; returns the exit status. */
  abstract int execute();

  /** The exit status of an audit-module failure. */
  int exitFor(AuditException e) {
    return SuojaCommand.USAGE;
  }

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (CliException e) {
      return fail(e.code(), e.exitCode(), e.getMessage());
    } catch (AuditException e) {
      return fail(e.code(), exitFor(e), e.getMessage());
    } catch (AccessDeniedException | InvalidActorException e) {
      // the policy refused the actor the operator named, or the actor is not one person
      return fail(e.code(), SuojaCommand.USAGE, e.getMessage());
    } catch (KeyUnavailableException e) {
      return fail(e.code(), SuojaCommand.UNAVAILABLE, e.getMessage());
    } catch (SuojaConfigurationException e) {
      return fail(e.code(), SuojaCommand.USAGE, e.getMessage());
    } catch (SuojaException e) {
      return fail(e.code(), SuojaCommand.UNAVAILABLE, e.getMessage());
    } catch (RuntimeException e) {
      // an unexpected failure: its message may carry data, so only its class is named
      return fail(
          "SUOJA-9099",
          SuojaCommand.INTERNAL,
          "SUOJA-9099: internal error (" + e.getClass().getName() + ")");
    }
  }

  int fail(String code, int exitCode, String message) {
    if (json) {
      out().println(Output.error(code, exitCode, message));
    } else {
      err().println(message);
    }
    return exitCode;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  Map<String, String> env() {
    return ((SuojaCommand) spec.root().userObject()).env();
  }
}
