/**
 * Optional SLF4J integration: {@link fi.suoja.masking.slf4j.MaskingLoggerFactory} hands out {@code
 * org.slf4j.Logger}s that format each message on the calling thread, mask it with the masker the
 * {@link fi.suoja.masking.MaskerSelector} picks (per tenant; anonymise by default) and pass the
 * masked text and a masked copy of the throwable to the real logger. Backend-neutral (Logback,
 * Log4j 2, JUL bridges). Nothing outside this package refers to it.
 */
package fi.suoja.masking.slf4j;
