/**
 * Personal-data detection and log masking. {@link fi.suoja.masking.Hetu} parses and validates
 * Finnish personal identity codes. A {@link fi.suoja.masking.Masker} ({@link
 * fi.suoja.masking.Anonymiser}, irreversible, or {@link fi.suoja.masking.Pseudonymiser}, keyed
 * stable tokens) replaces HETUs, e-mail addresses, phone numbers, Finnish IBANs and the values
 * registered in the current {@link fi.suoja.masking.SensitiveValues} scope by mask tokens, in one
 * allocation-free pass when there is nothing to mask. A {@link fi.suoja.masking.MaskerSelector}
 * chooses the masker per tenant for the optional integrations in the {@code slf4j}, {@code logback}
 * and {@code jackson} subpackages, which are only loaded when their library is present.
 */
package fi.suoja.masking;
