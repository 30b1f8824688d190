package fi.suoja.spring.boot.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import fi.suoja.masking.logback.MaskingPatternLayout;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Makes every pattern-based Logback appender (Boot's console and file appenders included) write
 * through {@link MaskingPatternLayout}: the same pattern, the whole line masked. Appenders with
 * another encoder (structured JSON logging, a host's own) are left as they are and named in a
 * warning. Runs once the logging system is initialised, when the context starts.
 */
public final class LogbackMaskingInstaller {
  private static final org.slf4j.Logger LOG =
      LoggerFactory.getLogger(LogbackMaskingInstaller.class);

  private LogbackMaskingInstaller() {}

  /** Installs masking; returns the names of the appenders now masked. */
  public static List<String> install() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      LOG.warn("SUOJA-8020: SLF4J is not bound to Logback; log lines are not masked by Suoja");
      return List.of();
    }
    List<String> masked = new ArrayList<>();
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        Appender<ILoggingEvent> appender = it.next();
        if (appender instanceof OutputStreamAppender<ILoggingEvent> out) {
          if (mask(context, out)) {
            masked.add(appender.getName());
          }
        }
      }
    }
    return masked;
  }

  private static boolean mask(LoggerContext context, OutputStreamAppender<ILoggingEvent> out) {
    Encoder<ILoggingEvent> encoder = out.getEncoder();
    if (encoder instanceof LayoutWrappingEncoder<ILoggingEvent> wrapping
        && wrapping.getLayout() instanceof MaskingPatternLayout) {
      return true; // configured by hand, or installed before
    }
    if (!(encoder instanceof PatternLayoutEncoder patterned)) {
      LOG.warn(
          "SUOJA-8020: appender '{}' has a {}, not a pattern: its lines are not masked by"
              + " Suoja",
          out.getName(),
          encoder == null ? "no encoder" : encoder.getClass().getName());
      return false;
    }
    MaskingPatternLayout layout = new MaskingPatternLayout();
    layout.setContext(context);
    layout.setPattern(patterned.getPattern());
    layout.setOutputPatternAsHeader(false);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> masking = new LayoutWrappingEncoder<>();
    masking.setContext(context);
    masking.setCharset(patterned.getCharset());
    masking.setLayout(layout);
    masking.start();
    out.setEncoder(masking);
    return true;
  }
}
