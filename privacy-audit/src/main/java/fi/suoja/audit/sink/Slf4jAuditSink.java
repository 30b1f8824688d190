package fi.suoja.audit.sink;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditUnavailableException;
import fi.suoja.audit.spi.AuditSink;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each event as one JSON object (the documented form, {@link AuditEvent#toJson()}) at INFO
 * on a dedicated logger, {@code suoja.audit} by default, for hosts that ship logs to a SIEM.
 *
 * <p><b>Warning.</b> Not tamper-evident, and SLF4J cannot report whether the backend stored the
 * line (appenders swallow their own errors). Fail closed only goes as far as SLF4J lets it: {@link
 * #record} throws when the logger is disabled for INFO (including when no SLF4J provider is
 * present), so events are never dropped by configuration. Combine it with a chained sink through
 * {@link CompositeAuditSink#all} where the trail must be evidence.
 */
public final class Slf4jAuditSink implements AuditSink {
  /** Name of the default audit logger. */
  public static final String LOGGER_NAME = "suoja.audit";

  private final Logger logger;

  /** A sink on the {@code suoja.audit} logger. */
  public Slf4jAuditSink() {
    this(LoggerFactory.getLogger(LOGGER_NAME));
  }

  /** A sink on a logger of the host's choosing. */
  public Slf4jAuditSink(Logger logger) {
    this.logger = Objects.requireNonNull(logger, "logger");
  }

  @Override
  public void record(AuditEvent event) {
    if (!logger.isInfoEnabled()) {
      throw new AuditUnavailableException(
          "audit logger "
              + logger.getName()
              + " is not enabled for INFO (or SLF4J has no"
              + " provider): the event would be lost");
    }
    logger.info(event.toJson());
  }
}
