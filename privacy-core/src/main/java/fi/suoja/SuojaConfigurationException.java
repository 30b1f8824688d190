package fi.suoja;

/**
 * Suoja was configured in a way it cannot work with: a missing or conflicting option, a malformed
 * key store, an unknown setting. Thrown at build or bootstrap time, naming the option.
 */
public class SuojaConfigurationException extends SuojaException {
  private static final long serialVersionUID = 1L;

  public SuojaConfigurationException(String code, String message) {
    super(code, message);
  }

  public SuojaConfigurationException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
