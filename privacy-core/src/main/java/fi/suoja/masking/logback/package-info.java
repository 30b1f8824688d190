/**
 * Optional Logback integration, a second line behind the SLF4J wrapper: the {@code %maskedMsg}
 * ({@link fi.suoja.masking.logback.MaskedMessageConverter}) and {@code %maskedEx} ({@link
 * fi.suoja.masking.logback.MaskedThrowableConverter}) conversion words, and {@link
 * fi.suoja.masking.logback.MaskingPatternLayout}, which masks the whole formatted line. The masker
 * is chosen by the {@link fi.suoja.masking.MaskerSelector} installed in the Logback context with
 * {@link fi.suoja.masking.logback.LogbackMasking#install}, by default the scoped one (anonymise
 * when no tenant setting is known). Nothing outside this package refers to it.
 */
package fi.suoja.masking.logback;
