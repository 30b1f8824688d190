package fi.suoja.crypto.spi;

import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.internal.LocalKeyEncryption;
import java.security.GeneralSecurityException;

/**
 * One master key version as the wrapping and unwrapping of tenant data keys, wherever that happens:
 * in the JVM with a local or PKCS#11 key ({@link #local(MasterKey)}, what {@link
 * KeyProvider#pkcs12}, {@link KeyProvider#pkcs11} and {@link KeyProvider#environment} use), or in a
 * key management service that never hands the master key out ({@code
 * fi.suoja.crypto.tink.TinkKeyEncryption} over Tink's AWS KMS, Google Cloud KMS or Vault
 * integrations, served by {@link KmsKeyProvider}).
 *
 * <p>Every implementation binds {@link KeyContext#associatedData()} as associated data, so a
 * wrapped key only unwraps for the owner and versions it was wrapped for.
 *
 * <p>Warning: never return a key that did not authenticate, and never put key bytes in an exception
 * message.
 */
public interface KeyEncryption {

  /** The master key version: recorded with every data key this wraps. */
  int version();

  /**
   * Wraps a 32-byte data key; the result is stored as {@link WrappedKey#wrapped()} (at most 256
   * bytes, the width of {@code JdbcWrappedKeyStore}'s column).
   *
   * @throws GeneralSecurityException if the key encryption refuses
   * @throws KeyUnavailableException if it cannot be reached
   */
  byte[] wrap(byte[] dataKey, KeyContext context) throws GeneralSecurityException;

  /**
   * Unwraps what {@link #wrap} returned for the same context; the caller wipes the result.
   *
   * @throws GeneralSecurityException if {@code wrapped} does not authenticate under this key and
   *     context (an {@link javax.crypto.AEADBadTagException} is never retried) or the service
   *     refuses
   * @throws KeyUnavailableException if it cannot be reached
   */
  byte[] unwrap(byte[] wrapped, KeyContext context) throws GeneralSecurityException;

  /**
   * AES-256-GCM in this JVM (or in the PKCS#11 token that holds {@code key}): {@code nonce(12) ||
   * ciphertext(32) || tag(16)}, the format of every wrapped key Suoja has stored.
   */
  static KeyEncryption local(MasterKey key) {
    return new LocalKeyEncryption(key);
  }
}
