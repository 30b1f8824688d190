package fi.suoja.crypto;

import fi.suoja.SuojaException;

/**
 * A sealed value could not be opened. Deliberately says nothing about why: a wrong key, a tampered
 * or truncated envelope, a value moved from another tenant, entity, field or row, and garbage all
 * look the same to the caller, so the exception cannot be used as an oracle. The category is logged
 * at DEBUG by {@code fi.suoja.crypto}, never the value.
 *
 * <p>Never returns or carries data: when opening fails, no plaintext is produced at all.
 */
public class DecryptionException extends SuojaException {
  private static final long serialVersionUID = 1L;

  /** The cause is never attached: it would tell the caller why opening failed. */
  public DecryptionException(String code, String message) {
    super(code, message);
  }
}
