package fi.suoja.masking.logback;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * A {@link PatternLayout} that masks the whole formatted line: message, stack trace, MDC, thread
 * and logger names alike, whatever the pattern. The most robust choice when a configuration may
 * still use {@code %msg}:
 *
 * <pre>{@code
 * <encoder class="ch.qos.logback.core.encoder.LayoutWrappingEncoder">
 *   <layout class="fi.suoja.masking.logback.MaskingPatternLayout">
 *     <pattern>%d %-5level [%thread] %logger - %msg%n</pattern>
 *   </layout>
 * </encoder>
 * }</pre>
 */
public class MaskingPatternLayout extends PatternLayout {

  /** Instantiated by Logback from its configuration. */
  public MaskingPatternLayout() {}

  @Override
  public String doLayout(ILoggingEvent event) {
    return LogbackMasking.selectorOf(getContext()).select().mask(super.doLayout(event));
  }
}
