package fi.suoja.masking.log4j2;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;

/**
 * {@code %maskedMsg} (or {@code %maskedMessage}): the formatted message, masked. Use it instead of
 * {@code %msg}; the plugin is found without configuration ({@code Log4j2Plugins.dat} in the jar):
 *
 * <pre>{@code
 * <PatternLayout pattern="%d %-5level %logger - %maskedMsg%n%maskedEx"/>
 * }</pre>
 */
@Plugin(name = "SuojaMaskedMessage", category = PatternConverter.CATEGORY)
@ConverterKeys({"maskedMsg", "maskedMessage"})
public final class MaskedMessageConverter extends LogEventPatternConverter {
  private final Configuration config;

  private MaskedMessageConverter(Configuration config) {
    super("SuojaMaskedMessage", "message");
    this.config = config;
  }

  /**
   * Called by Log4j 2 for each {@code %maskedMsg} of a pattern.
   *
   * @param config the configuration, whose logger context may hold a {@link Log4j2Masking} selector
   * @param options ignored
   */
  public static MaskedMessageConverter newInstance(Configuration config, String[] options) {
    return new MaskedMessageConverter(config);
  }

  @Override
  public void format(LogEvent event, StringBuilder toAppendTo) {
    String message = event.getMessage() == null ? null : event.getMessage().getFormattedMessage();
    if (message != null) {
      toAppendTo.append(Log4j2Masking.selectorOf(config).select().mask(message));
    }
  }
}
