package fi.suoja.spring.boot.internal;

import fi.suoja.SuojaConfigurationException;

/**
 * A {@code suoja.*} setting that cannot work, found while the context starts: carries, besides the
 * code and the cause, the fix that {@link SuojaFailureAnalyzer} prints under "Action:". Neither
 * message nor action ever holds a secret or a personal-data value: they name properties, files,
 * tables and environment variables.
 */
public final class StartupFailure extends SuojaConfigurationException {
  private static final long serialVersionUID = 1L;
  private final String action;

  public StartupFailure(String code, String message, String action) {
    super(code, message);
    this.action = action;
  }

  public StartupFailure(String code, String message, String action, Throwable cause) {
    super(code, message, cause);
    this.action = action;
  }

  /** What to change, for the start-up failure report. */
  public String action() {
    return action;
  }
}
