package fi.suoja.masking.log4j2;

import java.util.List;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;
import org.apache.logging.log4j.core.pattern.PatternFormatter;

/**
 * {@code %masked{pattern}}: the nested pattern formatted, then masked as a whole - message, stack
 * trace, {@code ThreadContext} ({@code %X}, {@code %x}), thread and logger names alike. The
 * counterpart of Logback's {@code MaskingPatternLayout}; the most robust choice when a pattern may
 * still use {@code %msg}:
 *
 * <pre>{@code
 * <PatternLayout pattern="%masked{%d %-5level [%t] [%X{user}] %logger - %msg%n%ex}"/>
 * }</pre>
 *
 * When the nested pattern prints the throwable, {@code PatternLayout} appends no implicit, unmasked
 * {@code %xEx}; when it does not, no trace is printed (put {@code %ex} inside the braces).
 */
@Plugin(name = "SuojaMaskedPattern", category = PatternConverter.CATEGORY)
@ConverterKeys({"masked"})
public final class MaskedPatternConverter extends LogEventPatternConverter {
  private final Configuration config;
  private final List<PatternFormatter> formatters;

  private MaskedPatternConverter(Configuration config, List<PatternFormatter> formatters) {
    super("SuojaMaskedPattern", "masked");
    this.config = config;
    this.formatters = formatters;
  }

  /**
   * Called by Log4j 2 for each {@code %masked{...}} of a pattern.
   *
   * @param config the configuration, whose logger context may hold a {@link Log4j2Masking} selector
   * @param options the nested pattern; null (Log4j 2 reports the error) when it is missing
   */
  public static MaskedPatternConverter newInstance(Configuration config, String[] options) {
    if (options == null || options.length != 1 || options[0] == null) {
      LOGGER.error("%masked takes one pattern: %masked{...}");
      return null;
    }
    List<PatternFormatter> formatters =
        PatternLayout.createPatternParser(config).parse(options[0], false, false, false);
    return new MaskedPatternConverter(config, List.copyOf(formatters));
  }

  @Override
  public void format(LogEvent event, StringBuilder toAppendTo) {
    StringBuilder plain = new StringBuilder();
    for (PatternFormatter formatter : formatters) {
      formatter.format(event, plain);
    }
    toAppendTo.append(Log4j2Masking.selectorOf(config).select().mask(plain.toString()));
  }

  /** True: the throwable is printed inside the braces, masked, or not at all. */
  @Override
  public boolean handlesThrowable() {
    return true;
  }
}
