package fi.suoja.spring.boot.internal;

import fi.suoja.SuojaException;
import fi.suoja.audit.AuditException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a Suoja failure during start-up into Boot's "APPLICATION FAILED TO START" report: the
 * description names the SUOJA code and what went wrong, and the action says what to configure.
 * Registered in {@code META-INF/spring.factories}. The starter's own failures ({@link
 * StartupFailure}) bring their fix; any other Suoja code points to docs/errors.md, and the
 * description adds the cause's code when the starter wrapped one (a PKCS#12 store that did not
 * open: {@code SUOJA-8002} caused by {@code SUOJA-1031}).
 */
public final class SuojaFailureAnalyzer implements FailureAnalyzer {

  /** Instantiated by Boot from {@code spring.factories}. */
  public SuojaFailureAnalyzer() {}

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StartupFailure s) {
        String cause = codedCause(s.getCause());
        return new FailureAnalysis(
            "Suoja could not start: "
                + s.getMessage()
                + (cause == null ? "" : "\n\nCaused by " + cause),
            s.action(),
            s);
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String coded = coded(t);
      if (coded != null) {
        return new FailureAnalysis(
            "Suoja could not start: " + coded,
            "See "
                + code(t)
                + " in docs/errors.md for its fix; the suoja.* properties are listed"
                + " in docs/SPRING.md.",
            t);
      }
    }
    return null;
  }

  private static String codedCause(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String coded = coded(t);
      if (coded != null) {
        return coded;
      }
    }
    return null;
  }

  // the messages of Suoja's exceptions start with their code and hold no values
  private static String coded(Throwable t) {
    return t instanceof SuojaException || t instanceof AuditException ? t.getMessage() : null;
  }

  private static String code(Throwable t) {
    return t instanceof SuojaException s ? s.code() : ((AuditException) t).code();
  }
}
