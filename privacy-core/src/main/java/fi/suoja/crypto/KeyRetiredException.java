package fi.suoja.crypto;

/**
 * A value names a tenant key version that was retired after a completed re-encryption sweep (the
 * tenant's minimum decryption version is above it). Code {@code SUOJA-6301}. The value is not
 * opened; restore the version to active (docs/OPERATIONS.md) if data still needs it.
 */
public class KeyRetiredException extends KeyUnavailableException {
  private static final long serialVersionUID = 1L;

  public KeyRetiredException(String message) {
    super("SUOJA-6301", message);
  }
}
