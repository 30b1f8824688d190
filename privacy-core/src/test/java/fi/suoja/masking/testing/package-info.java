/**
 * Test support shipped in privacy-core's test-jar: jqwik generators of fictitious personal data
 * (valid HETUs with every century sign, HETU near-misses with their expected rejection reason,
 * e-mail addresses, phone numbers, Finnish IBANs, names) for any module's property tests; and HETUs
 * and IBANs re-spelled as pasted, serialised or encoded text shows them, with the decoder that
 * turns such text back ({@code hetuSpellings}, {@code ibanSpellings}, {@code plain}).
 */
package fi.suoja.masking.testing;
