package fi.suoja.policy;

import fi.suoja.SuojaException;

/**
 * An actor could not be described: a shared or generic account, a blank user id, a malformed role
 * or purpose. The message names the problem, never the rejected value in full.
 */
public class InvalidActorException extends SuojaException {
  private static final long serialVersionUID = 1L;

  public InvalidActorException(String code, String message) {
    super(code, message);
  }
}
