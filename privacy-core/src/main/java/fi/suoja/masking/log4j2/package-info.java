/**
 * Optional Log4j 2 integration (log4j-core), the counterpart of {@code fi.suoja.masking.logback}:
 * the {@code %maskedMsg} ({@link fi.suoja.masking.log4j2.MaskedMessageConverter}), {@code
 * %maskedEx} ({@link fi.suoja.masking.log4j2.MaskedThrowableConverter}) and {@code %masked{...}}
 * ({@link fi.suoja.masking.log4j2.MaskedPatternConverter}, the whole formatted line) pattern
 * converters, and {@link fi.suoja.masking.log4j2.MaskingRewritePolicy}, which masks the event
 * (message, throwable, {@code ThreadContext}) before any layout. All are Log4j 2 plugins listed in
 * the jar's {@code Log4j2Plugins.dat}: a configuration uses them without {@code packages}. The
 * masker is chosen by the {@link fi.suoja.masking.MaskerSelector} installed in the logger context
 * with {@link fi.suoja.masking.log4j2.Log4j2Masking#install}, by default the scoped one (anonymise
 * when no tenant setting is known). Nothing outside this package refers to it.
 */
package fi.suoja.masking.log4j2;
