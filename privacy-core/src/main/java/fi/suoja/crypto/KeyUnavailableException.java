package fi.suoja.crypto;

import fi.suoja.SuojaException;

/**
 * A key that an operation needs is not available: the tenant has no data key, the envelope names a
 * key version that does not exist, the key provider does not hold the master key version a wrapped
 * key names, or the wrapped-key store cannot be read. Suoja fails closed: nothing is sealed or
 * opened without the right key.
 */
public class KeyUnavailableException extends SuojaException {
  private static final long serialVersionUID = 1L;

  public KeyUnavailableException(String code, String message) {
    super(code, message);
  }

  public KeyUnavailableException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
