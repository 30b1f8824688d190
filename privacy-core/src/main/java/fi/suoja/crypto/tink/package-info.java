/**
 * For integrators with master keys in a key management service: {@link
 * fi.suoja.crypto.tink.TinkKeyEncryption} makes any Google Tink {@code Aead} (from Tink's AWS KMS,
 * Google Cloud KMS or HashiCorp Vault {@code KmsClient}s) a Suoja master key, served by {@link
 * fi.suoja.crypto.spi.KmsKeyProvider}; {@link fi.suoja.crypto.tink.VaultTransitAead} is a small
 * Tink {@code Aead} over Vault's Transit engine. Needs {@code com.google.crypto.tink:tink} on the
 * class path (an optional dependency of privacy-core).
 */
package fi.suoja.crypto.tink;
