package fi.suoja.crypto.internal;

import java.security.GeneralSecurityException;

/**
 * A ciphertext did not authenticate or could not be parsed. Checked on purpose: every caller must
 * map it to the public, uninformative {@code DecryptionException}. The message is a category for
 * debug logs (never data).
 */
public final class OpenFailedException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  public OpenFailedException(String category) {
    super(category);
  }
}
