package fi.suoja.masking.logback;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %maskedMsg}: the formatted message, masked. Use it instead of {@code %msg}:
 *
 * <pre>{@code
 * <conversionRule conversionWord="maskedMsg"
 *                 class="fi.suoja.masking.logback.MaskedMessageConverter"/>
 * <pattern>%d %-5level %logger - %maskedMsg%n%maskedEx</pattern>
 * }</pre>
 */
public class MaskedMessageConverter extends ClassicConverter {

  /** Instantiated by Logback from its configuration. */
  public MaskedMessageConverter() {}

  @Override
  public String convert(ILoggingEvent event) {
    return LogbackMasking.selectorOf(getContext()).select().mask(event.getFormattedMessage());
  }
}
