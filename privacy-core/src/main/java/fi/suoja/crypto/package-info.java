/**
 * Field encryption for personal data: {@link fi.suoja.crypto.SuojaCrypto} builds a {@link
 * fi.suoja.crypto.FieldCipher} that seals values into versioned AES-256-GCM envelopes bound to
 * their {@link fi.suoja.crypto.CipherContext} (tenant, entity, field, row), a {@link
 * fi.suoja.crypto.BlindIndexer} for equality search over sealed fields, and a {@link
 * fi.suoja.crypto.Keyring} that creates and rotates the tenants' data keys. Master keys come from a
 * {@link fi.suoja.crypto.spi.KeyProvider}; the envelope is specified byte by byte in
 * docs/ENVELOPE.md. Failures are {@link fi.suoja.crypto.DecryptionException} (uninformative on
 * purpose) and {@link fi.suoja.crypto.KeyUnavailableException} (fail closed).
 */
package fi.suoja.crypto;
