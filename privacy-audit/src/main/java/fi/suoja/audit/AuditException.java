package fi.suoja.audit;

import java.util.Objects;

/**
 * Root of every exception privacy-audit throws. Unchecked.
 *
 * <p>Each exception carries a stable code in the range {@code SUOJA-4xxx} (explained in {@code
 * docs/errors.md}) that also starts its message. Messages name fields, files, tables and sequence
 * numbers, never an identifier value, a personal data value or key material.
 */
public class AuditException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  /**
   * @param code stable error code, e.g. {@code SUOJA-4001}
   * @param message what went wrong, free of personal data and key material
   */
  public AuditException(String code, String message) {
    super(code + ": " + message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * @param code stable error code
   * @param message what went wrong, free of personal data and key material
   * @param cause the underlying failure
   */
  public AuditException(String code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable error code, e.g. {@code SUOJA-4001}. */
  public String code() {
    return code;
  }
}
