package fi.suoja.masking.logback;

import ch.qos.logback.core.Context;
import fi.suoja.masking.MaskerSelector;
import java.util.Objects;

/**
 * Connects a {@link MaskerSelector} (the tenant's choice of masker) to a Logback context, so that
 * the converters and the layout of this package use it. Without it they use {@link
 * MaskerSelector#scoped()}: the masker of the current {@code SensitiveValues} scope, else the
 * anonymiser (fail closed).
 *
 * <pre>{@code
 * LogbackMasking.install((LoggerContext) LoggerFactory.getILoggerFactory(), selector);
 * }</pre>
 *
 * <p>Warning: converters run on the thread that formats the event. Behind an {@code AsyncAppender}
 * that is not the thread that logged, so the values registered in that thread's {@code
 * SensitiveValues} scope are not known there; pattern detectors still work. Use the SLF4J wrapper
 * ({@code fi.suoja.masking.slf4j}) where registered values matter.
 */
public final class LogbackMasking {

  /** The key of the selector among the context's objects. */
  public static final String SELECTOR_KEY = "fi.suoja.masking.MaskerSelector";

  private LogbackMasking() {}

  /** Makes {@code selector} the masker choice of every Suoja converter in {@code context}. */
  public static void install(Context context, MaskerSelector selector) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(selector, "selector");
    context.putObject(SELECTOR_KEY, selector);
  }

  /** The selector installed in {@code context}, or {@link MaskerSelector#scoped()}. */
  static MaskerSelector selectorOf(Context context) {
    Object installed = context == null ? null : context.getObject(SELECTOR_KEY);
    return installed instanceof MaskerSelector selector ? selector : MaskerSelector.scoped();
  }
}
