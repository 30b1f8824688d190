package fi.suoja.audit;

/**
 * An audit sink could not record an event ({@code SUOJA-4100}). The operation that wanted to be
 * audited must not proceed: callers fail closed on this exception.
 */
public class AuditUnavailableException extends AuditException {
  private static final long serialVersionUID = 1L;

  /** Code of every {@code AuditUnavailableException}. */
  public static final String CODE = "SUOJA-4100";

  /**
   * @param message which sink failed and how, free of personal data
   * @param cause the underlying failure, may be null
   */
  public AuditUnavailableException(String message, Throwable cause) {
    super(CODE, message, cause);
  }

  /**
   * @param message which sink failed and how, free of personal data
   */
  public AuditUnavailableException(String message) {
    super(CODE, message);
  }
}
