/**
 * JMH benchmarks of Suoja's field cryptography: sealing and opening against the raw JDK AES-GCM
 * primitive and Tink in the same run, blind indexes against raw HMAC-SHA256.
 */
package fi.suoja.benchmarks.crypto;
