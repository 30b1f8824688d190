package fi.suoja.crypto;

import fi.suoja.SuojaException;

/**
 * A public method of {@code fi.suoja.crypto} was called with an argument it cannot accept (an empty
 * context component, a string that is not well-formed Unicode, a value list of the wrong length).
 * The message names the parameter and the rule, never the value.
 */
public class InvalidInputException extends SuojaException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String code, String message) {
    super(code, message);
  }

  public InvalidInputException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
