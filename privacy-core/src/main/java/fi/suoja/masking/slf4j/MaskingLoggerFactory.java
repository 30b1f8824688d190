package fi.suoja.masking.slf4j;

import fi.suoja.masking.MaskerSelector;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SLF4J loggers that mask personal data before the backend sees it:
 *
 * <pre>{@code
 * private static final Logger log = MaskingLoggerFactory.getLogger(ClientService.class);
 * log.info("client {} moved to {}", hetu, email);   // -> "client <hetu> moved to <email>"
 * }</pre>
 *
 * <p>Guarantees: each call is formatted on the calling thread, then the whole formatted message
 * (arguments included) is masked by the masker the {@link MaskerSelector} returns for this line,
 * and the backend receives only the masked text (no arguments) and a {@link MaskedThrowable} copy
 * of the throwable, its causes and suppressed throwables. The fluent API ({@code atInfo()...}) goes
 * the same way. Caller location is preserved for location-aware backends (Logback).
 *
 * <p>Not guaranteed: markers, MDC values and key-value pairs attached by other means are passed as
 * they are; do not put personal data in them. Only loggers obtained here mask; a plain {@code
 * LoggerFactory.getLogger} does not (use the Logback converters as a second line).
 */
public final class MaskingLoggerFactory {

  private MaskingLoggerFactory() {}

  /**
   * A masking logger for {@code type}, masker chosen by {@link MaskerSelector#scoped()}: the tenant
   * masker of the current {@code SensitiveValues} scope, else anonymise.
   */
  public static Logger getLogger(Class<?> type) {
    return wrap(LoggerFactory.getLogger(type), MaskerSelector.scoped());
  }

  /** As {@link #getLogger(Class)}, by logger name. */
  public static Logger getLogger(String name) {
    return wrap(LoggerFactory.getLogger(name), MaskerSelector.scoped());
  }

  /** A masking logger for {@code type} whose masker {@code selector} chooses per line. */
  public static Logger getLogger(Class<?> type, MaskerSelector selector) {
    return wrap(LoggerFactory.getLogger(type), selector);
  }

  /** Wraps an existing logger; wrapping a masking logger again returns it unchanged. */
  public static Logger wrap(Logger delegate, MaskerSelector selector) {
    Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(selector, "selector");
    if (delegate instanceof MaskingLogger) {
      return delegate;
    }
    return new MaskingLogger(delegate, selector);
  }
}
