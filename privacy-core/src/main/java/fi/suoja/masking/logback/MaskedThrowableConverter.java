package fi.suoja.masking.logback;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %maskedEx}: the stack trace as {@code %ex} prints it (messages of causes and suppressed
 * throwables included), masked. Options are those of {@code %ex} (depth, evaluators).
 *
 * <pre>{@code
 * <conversionRule conversionWord="maskedEx"
 *                 class="fi.suoja.masking.logback.MaskedThrowableConverter"/>
 * }</pre>
 *
 * A pattern that has a throwable converter gets no implicit {@code %ex} from Logback, so the
 * unmasked trace is not printed in addition.
 */
public class MaskedThrowableConverter extends ThrowableProxyConverter {

  /** Instantiated by Logback from its configuration. */
  public MaskedThrowableConverter() {}

  @Override
  protected String throwableProxyToString(IThrowableProxy throwable) {
    String trace = super.throwableProxyToString(throwable);
    return LogbackMasking.selectorOf(getContext()).select().mask(trace);
  }
}
