package fi.suoja.masking.log4j2;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;
import org.apache.logging.log4j.core.pattern.ThrowablePatternConverter;

/**
 * {@code %maskedEx} (or {@code %maskedThrowable}): the stack trace as {@code %ex} prints it
 * (messages of causes and suppressed throwables included), masked. Options are those of {@code %ex}
 * ({@code %maskedEx{short}}, {@code %maskedEx{10}}, separators).
 *
 * <pre>{@code
 * <PatternLayout pattern="%d %-5level %logger - %maskedMsg%n%maskedEx"/>
 * }</pre>
 *
 * It handles the throwable, so {@code PatternLayout} appends no implicit, unmasked {@code %xEx}.
 */
@Plugin(name = "SuojaMaskedThrowable", category = PatternConverter.CATEGORY)
@ConverterKeys({"maskedEx", "maskedThrowable"})
public final class MaskedThrowableConverter extends LogEventPatternConverter {
  private final Configuration config;
  private final ThrowablePatternConverter trace;

  private MaskedThrowableConverter(Configuration config, String[] options) {
    super("SuojaMaskedThrowable", "throwable");
    this.config = config;
    this.trace = ThrowablePatternConverter.newInstance(config, options);
  }

  /**
   * Called by Log4j 2 for each {@code %maskedEx} of a pattern.
   *
   * @param config the configuration, whose logger context may hold a {@link Log4j2Masking} selector
   * @param options those of {@code %ex}
   */
  public static MaskedThrowableConverter newInstance(Configuration config, String[] options) {
    return new MaskedThrowableConverter(config, options);
  }

  @Override
  public void format(LogEvent event, StringBuilder toAppendTo) {
    StringBuilder plain = new StringBuilder();
    trace.format(event, plain);
    if (plain.length() > 0) {
      toAppendTo.append(Log4j2Masking.selectorOf(config).select().mask(plain.toString()));
    }
  }

  @Override
  public boolean handlesThrowable() {
    return true;
  }
}
