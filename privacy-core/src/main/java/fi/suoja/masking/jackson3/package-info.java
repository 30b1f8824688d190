/**
 * Optional Jackson 3 ({@code tools.jackson}) integration, the counterpart of {@code
 * fi.suoja.masking.jackson} for Jackson 3 mappers (Spring Boot 4): {@link
 * fi.suoja.masking.jackson3.PersonalDataModule} prints every {@code @PersonalData} property as a
 * mask token and passes every other string through the masker, with the same decisions as the
 * Jackson 2 module. Register it on the mapper used for logging, never on the one that serves API
 * responses. Nothing outside this package refers to it.
 */
package fi.suoja.masking.jackson3;
