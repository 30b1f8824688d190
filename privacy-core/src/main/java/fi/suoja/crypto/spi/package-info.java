/**
 * For integrators: where Suoja's keys come from. A {@link fi.suoja.crypto.spi.KeyProvider} hands
 * out {@link fi.suoja.crypto.spi.MasterKey master keys} (PKCS#12 key store, environment, memory; an
 * HSM later), and a {@link fi.suoja.crypto.spi.WrappedKeyStore} keeps the tenants' data keys,
 * wrapped under a master key, durably (a directory by default, or a database table: {@link
 * fi.suoja.crypto.spi.JdbcWrappedKeyStore}).
 */
package fi.suoja.crypto.spi;
