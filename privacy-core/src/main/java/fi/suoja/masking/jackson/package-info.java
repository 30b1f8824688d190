/**
 * Optional Jackson integration for objects serialised for logs or diagnostics: {@link
 * fi.suoja.masking.jackson.PersonalDataModule} prints every {@code @PersonalData} property as a
 * mask token and passes every other string through the masker. Register it on the mapper used for
 * logging, never on the one that serves API responses. Nothing outside this package refers to it.
 */
package fi.suoja.masking.jackson;
