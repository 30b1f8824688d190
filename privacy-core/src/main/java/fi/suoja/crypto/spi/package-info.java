/**
 * For integrators: where Suoja's keys come from. A {@link fi.suoja.crypto.spi.KeyProvider} wraps
 * and unwraps data keys through a {@link fi.suoja.crypto.spi.KeyEncryption}: with a {@link
 * fi.suoja.crypto.spi.MasterKey} in the JVM (PKCS#12 key store, environment, memory) or in a
 * PKCS#11 token, or in a key management service ({@link fi.suoja.crypto.spi.KmsKeyProvider}); a
 * {@link fi.suoja.crypto.spi.WrappedKeyStore} keeps the tenants' data keys, wrapped under a master
 * key, durably (a directory by default, or a database table: {@link
 * fi.suoja.crypto.spi.JdbcWrappedKeyStore}).
 */
package fi.suoja.crypto.spi;
