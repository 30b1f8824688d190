package fi.suoja.masking.log4j2;

import fi.suoja.masking.MaskerSelector;
import java.util.Objects;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;

/**
 * Connects a {@link MaskerSelector} (the tenant's choice of masker) to a Log4j 2 {@link
 * LoggerContext}, so that the converters and the rewrite policy of this package use it; it survives
 * reconfiguration. Without it they use {@link MaskerSelector#scoped()}: the masker of the current
 * {@code SensitiveValues} scope, else the anonymiser (fail closed).
 *
 * <pre>{@code
 * Log4j2Masking.install((LoggerContext) LogManager.getContext(false), selector);
 * }</pre>
 *
 * <p>Warning: converters run on the thread that formats the event. Behind an async logger or
 * appender that is not the thread that logged, so the values registered in that thread's {@code
 * SensitiveValues} scope are not known there; pattern detectors still work.
 */
public final class Log4j2Masking {

  /** The key of the selector among the logger context's objects. */
  public static final String SELECTOR_KEY = "fi.suoja.masking.MaskerSelector";

  private Log4j2Masking() {}

  /** Makes {@code selector} the masker choice of every Suoja plugin in {@code context}. */
  public static void install(LoggerContext context, MaskerSelector selector) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(selector, "selector");
    context.putObject(SELECTOR_KEY, selector);
  }

  /**
   * The selector installed in the context of {@code config}, or {@link MaskerSelector#scoped()}.
   */
  static MaskerSelector selectorOf(Configuration config) {
    LoggerContext context = config == null ? null : config.getLoggerContext();
    Object installed = context == null ? null : context.getObject(SELECTOR_KEY);
    return installed instanceof MaskerSelector selector ? selector : MaskerSelector.scoped();
  }
}
