package fi.suoja;

import java.util.Objects;

/**
 * Root of every exception Suoja throws. Unchecked: the caller decides where to handle it.
 *
 * <p>Each exception carries a stable code ({@code SUOJA-1001}, explained in {@code docs/errors.md})
 * that also starts its message. A message may name an entity, a field, a key id or a record id; it
 * never contains a plaintext value, a HETU or key material.
 */
public class SuojaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  /**
   * @param code stable error code, e.g. {@code SUOJA-1001}
   * @param message what went wrong, free of personal data and key material
   */
  public SuojaException(String code, String message) {
    super(code + ": " + message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * @param code stable error code
   * @param message what went wrong, free of personal data and key material
   * @param cause the underlying failure; its message must also be free of personal data
   */
  public SuojaException(String code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable error code, e.g. {@code SUOJA-1001}. */
  public String code() {
    return code;
  }
}
