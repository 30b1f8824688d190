package fi.suoja.masking.log4j2;

import fi.suoja.masking.Masker;
import fi.suoja.masking.slf4j.MaskedThrowable;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.rewrite.RewritePolicy;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginConfiguration;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.spi.MutableThreadContextStack;
import org.apache.logging.log4j.util.StringMap;

/**
 * A {@code Rewrite} appender policy that masks the event itself before any layout sees it, so that
 * every layout behind it (pattern, JSON template, GELF...) writes masked data: the formatted
 * message, the throwable (replaced by a {@link MaskedThrowable} copy: messages of causes and
 * suppressed throwables masked, stack frames kept), every {@code ThreadContext} map value and every
 * {@code ThreadContext} stack entry.
 *
 * <pre>{@code
 * <Rewrite name="Masked">
 *   <SuojaMaskingPolicy/>
 *   <AppenderRef ref="File"/>
 * </Rewrite>
 * }</pre>
 *
 * <p>The message becomes a plain text message: structured messages ({@code MapMessage}, {@code
 * ObjectMessage}) lose their structure. Thread and logger names are not masked; use {@code
 * %masked{...}} ({@link MaskedPatternConverter}) where they may carry personal data. The throwable
 * printed by a layout is then named {@code fi.suoja.masking.slf4j.MaskedThrowable: <original
 * class>: <masked message>}.
 */
@Plugin(
    name = "SuojaMaskingPolicy",
    category = Core.CATEGORY_NAME,
    elementType = "rewritePolicy",
    printObject = true)
public final class MaskingRewritePolicy implements RewritePolicy {
  private final Configuration config;

  private MaskingRewritePolicy(Configuration config) {
    this.config = config;
  }

  /**
   * Called by Log4j 2 for each {@code <SuojaMaskingPolicy/>} element.
   *
   * @param config the configuration, whose logger context may hold a {@link Log4j2Masking} selector
   */
  @PluginFactory
  public static MaskingRewritePolicy createPolicy(@PluginConfiguration Configuration config) {
    return new MaskingRewritePolicy(config);
  }

  @Override
  public LogEvent rewrite(LogEvent source) {
    Masker masker = Log4j2Masking.selectorOf(config).select();
    Log4jLogEvent.Builder masked = new Log4jLogEvent.Builder(source);
    if (source.getMessage() != null) {
      String message = source.getMessage().getFormattedMessage();
      masked.setMessage(new SimpleMessage(message == null ? null : masker.mask(message)));
    }
    if (source.getThrown() != null) {
      masked.setThrown(MaskedThrowable.of(source.getThrown(), masker));
    }
    StringMap context = ContextDataFactory.createContextData();
    source
        .getContextData()
        .forEach(
            (key, value) ->
                context.putValue(key, value == null ? null : masker.mask(String.valueOf(value))));
    masked.setContextData(context);
    ThreadContext.ContextStack stack = source.getContextStack();
    if (stack != null && stack.getDepth() > 0) {
      List<String> entries = new ArrayList<>();
      for (String entry : stack.asList()) {
        entries.add(entry == null ? null : masker.mask(entry));
      }
      masked.setContextStack(new MutableThreadContextStack(entries));
    }
    return masked.build();
  }

  @Override
  public String toString() {
    return "SuojaMaskingPolicy";
  }
}
