/**
 * Test support shared with other modules' tests (privacy-core's test-jar): a SoftHSM2 token with
 * non-extractable master keys, made per test run, for the PKCS#11 tests.
 */
package fi.suoja.crypto.testing;
