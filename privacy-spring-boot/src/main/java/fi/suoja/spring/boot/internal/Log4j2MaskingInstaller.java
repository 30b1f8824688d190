package fi.suoja.spring.boot.internal;

import fi.suoja.masking.log4j2.MaskingRewritePolicy;
import java.beans.PropertyChangeListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.rewrite.RewriteAppender;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Puts a {@code Rewrite} appender with Suoja's {@link MaskingRewritePolicy} in front of every
 * appender the loggers of the running Log4j 2 configuration write to (Boot's console and file
 * appenders included): the event's message, throwable and {@code ThreadContext} are masked before
 * any layout sees them, whatever the layout (pattern or structured). Installed again when the
 * configuration is replaced (reconfiguration) while the application context runs. Runs once the
 * logging system is initialised, when the context starts.
 */
public final class Log4j2MaskingInstaller implements SmartInitializingSingleton, DisposableBean {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(Log4j2MaskingInstaller.class);

  /** The name prefix of the appenders this class adds. */
  static final String PREFIX = "SuojaMasked-";

  private LoggerContext context;
  private PropertyChangeListener reinstall;

  /** For the auto-configuration. */
  public Log4j2MaskingInstaller() {}

  /** Installs masking when the singletons are ready (the logging system is initialised). */
  @Override
  public void afterSingletonsInstantiated() {
    List<String> masked = install();
    if (!masked.isEmpty()) {
      LOG.info("Suoja masks the log events of Log4j 2 appenders {}", masked);
    }
  }

  /**
   * Installs masking, again on every later configuration of the logger context until {@link
   * #destroy()}; returns the names of the appenders now masked, none when the Log4j 2 API is not
   * bound to log4j-core (a Logback host that merely has log4j-core on its class path).
   */
  public synchronized List<String> install() {
    if (!(LogManager.getContext(false) instanceof LoggerContext current)) {
      return List.of();
    }
    if (reinstall == null) {
      context = current;
      reinstall =
          event -> {
            // updateLoggers() announces the same configuration again: only a new one is wrapped
            if (LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName())
                && event.getNewValue() instanceof Configuration config
                && config != event.getOldValue()) {
              install(current, config);
            }
          };
      current.addPropertyChangeListener(reinstall);
    }
    return install(current, current.getConfiguration());
  }

  /** Stops installing masking on later configurations (the application context closes). */
  @Override
  public synchronized void destroy() {
    if (reinstall != null) {
      context.removePropertyChangeListener(reinstall);
      reinstall = null;
      context = null;
    }
  }

  private static synchronized List<String> install(LoggerContext context, Configuration config) {
    List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
    if (!loggers.contains(config.getRootLogger())) {
      loggers.add(config.getRootLogger());
    }
    Map<String, Appender> rewrites = new HashMap<>();
    Set<String> masked = new LinkedHashSet<>();
    boolean changed = false;
    for (LoggerConfig logger : loggers) {
      for (AppenderRef ref : new ArrayList<>(logger.getAppenderRefs())) {
        String name = ref.getRef();
        if (name.startsWith(PREFIX)) {
          masked.add(name.substring(PREFIX.length()));
          continue;
        }
        if (config.getAppender(name) == null) {
          continue; // a reference Log4j 2 could not resolve: the logger writes nowhere
        }
        Appender rewrite = rewrites.computeIfAbsent(name, n -> rewriteFor(config, n));
        logger.removeAppender(name);
        logger.addAppender(rewrite, ref.getLevel(), ref.getFilter());
        masked.add(name);
        changed = true;
      }
    }
    if (changed) {
      context.updateLoggers(config);
    }
    return List.copyOf(masked);
  }

  private static Appender rewriteFor(Configuration config, String name) {
    Appender existing = config.getAppender(PREFIX + name);
    if (existing != null) {
      return existing;
    }
    RewriteAppender rewrite =
        RewriteAppender.createAppender(
            PREFIX + name,
            "true",
            new AppenderRef[] {AppenderRef.createAppenderRef(name, null, null)},
            config,
            MaskingRewritePolicy.createPolicy(config),
            null);
    rewrite.start();
    config.addAppender(rewrite);
    return rewrite;
  }
}
