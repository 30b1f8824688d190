package fi.suoja.masking.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import fi.suoja.masking.Anonymiser;
import fi.suoja.masking.MaskerSelector;
import fi.suoja.masking.Pseudonymiser;
import fi.suoja.masking.SensitiveValues;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;

class MaskingLoggerTest {

  private final LoggerContext context = new LoggerContext();
  private final ListAppender<ILoggingEvent> appender =
      new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
          event.getCallerData(); // computed lazily from the current stack: take it while logging
          super.append(event);
        }
      };
  private Logger log;

  @BeforeEach
  void setUp() {
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    appender.setContext(context);
    appender.start();
    ch.qos.logback.classic.Logger backend = context.getLogger("clients");
    backend.addAppender(appender);
    log = MaskingLoggerFactory.wrap(backend, MaskerSelector.scoped());
  }

  private ILoggingEvent only() {
    assertThat(appender.list).hasSize(1);
    return appender.list.get(0);
  }

  @Test
  void info_argumentsWithPersonalData_backendGetsMaskedTextWithoutArguments() {
    log.info("client {} mail {} phone {}", "131052-308T", "a.b@example.fi", "040 123 4567");
    ILoggingEvent event = only();
    assertThat(event.getFormattedMessage()).isEqualTo("client <hetu> mail <email> phone <phone>");
    assertThat(event.getArgumentArray()).isNull();
  }

  @Test
  void info_personalDataInThePatternItself_masked() {
    log.warn("client 131052-308T not found");
    assertThat(only().getFormattedMessage()).isEqualTo("client <hetu> not found");
  }

  @Test
  void error_throwableWithCausesAndSuppressed_maskedCopyKeepsClassNamesAndStack() {
    SQLException cause = new SQLException("duplicate key (hetu)=(131052-308T)");
    IllegalStateException top = new IllegalStateException("saving a.b@example.fi failed", cause);
    top.addSuppressed(new RuntimeException("close failed for FI2112345600000785"));
    log.error("save failed for {}", "131052-308T", top);

    ILoggingEvent event = only();
    assertThat(event.getFormattedMessage()).isEqualTo("save failed for <hetu>");
    IThrowableProxy proxy = event.getThrowableProxy();
    assertThat(proxy.getMessage())
        .isEqualTo("java.lang.IllegalStateException: saving <email> failed");
    assertThat(proxy.getStackTraceElementProxyArray()).hasSize(top.getStackTrace().length);
    assertThat(proxy.getStackTraceElementProxyArray()[0].getStackTraceElement())
        .isEqualTo(top.getStackTrace()[0]);
    assertThat(proxy.getCause().getMessage())
        .isEqualTo("java.sql.SQLException: duplicate key (hetu)=(<hetu>)");
    assertThat(proxy.getSuppressed()[0].getMessage())
        .isEqualTo("java.lang.RuntimeException: close failed for <iban>");
  }

  @Test
  void maskedThrowable_toString_readsLikeTheOriginal() {
    MaskedThrowable copy =
        MaskedThrowable.of(new SQLException("key 131052-308T"), Anonymiser.instance());
    assertThat(copy).hasToString("java.sql.SQLException: key <hetu>");
    assertThat(copy.originalClassName()).isEqualTo("java.sql.SQLException");
  }

  @Test
  void maskedThrowable_causeCycle_terminates() {
    RuntimeException a = new RuntimeException("a 131052-308T");
    RuntimeException b = new RuntimeException("b", a);
    a.addSuppressed(b);
    MaskedThrowable copy = MaskedThrowable.of(b, Anonymiser.instance());
    assertThat(copy.getCause().getMessage()).isEqualTo("java.lang.RuntimeException: a <hetu>");
    assertThat(copy.getCause().getSuppressed()[0]).isSameAs(copy);
  }

  @Test
  void fluentApi_keyValuesAndArguments_masked() {
    log.atInfo().addArgument("131052-308T").addKeyValue("mail", "a.b@example.fi").log("client {}");
    String message = only().getFormattedMessage();
    assertThat(message).contains("client <hetu>").contains("<email>").doesNotContain("131052");
  }

  @Test
  void info_registeredValueOfTheUnitOfWork_masked() {
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      scope.register("Maija Virtanen");
      log.info("loaded {}", "Maija Virtanen");
    }
    assertThat(only().getFormattedMessage()).isEqualTo("loaded <personal>");
  }

  @Test
  void info_tenantSelectsPseudonymiser_keyedTokens() {
    Pseudonymiser tenant = Pseudonymiser.withKey(new SecretKeySpec(new byte[32], "HmacSHA256"));
    try (SensitiveValues.Scope scope = SensitiveValues.open(tenant)) {
      assertThat(scope.masker()).containsSame(tenant);
      log.info("client {}", "131052-308T");
    }
    assertThat(only().getFormattedMessage()).matches("client <hetu:[BCDFGHJKLMNPQRST]{12}>");
  }

  @Test
  void info_callerLocation_isTheCallerNotTheWrapper() {
    log.info("where");
    assertThat(only().getCallerData()[0].getClassName()).isEqualTo(getClass().getName());
  }

  @Test
  void debug_levelDisabled_nothingLogged() {
    context.getLogger("clients").setLevel(ch.qos.logback.classic.Level.INFO);
    log.debug("client {}", "131052-308T");
    assertThat(log.isDebugEnabled()).isFalse();
    assertThat(appender.list).isEmpty();
  }

  @Test
  void wrap_plainSlf4jBackend_masksThroughThePublicApi() {
    CapturingLogger backend = new CapturingLogger();
    Logger masked = MaskingLoggerFactory.wrap(backend, MaskerSelector.fixed(Anonymiser.instance()));
    Marker marker = MarkerFactory.getMarker("AUDIT");
    masked.warn(marker, "client {}", "131052-308T", new IllegalStateException("x 040 123 4567"));
    assertThat(backend.lines)
        .containsExactly("WARN AUDIT client <hetu> | java.lang.IllegalStateException: x <phone>");
    assertThat(MaskingLoggerFactory.wrap(masked, MaskerSelector.scoped())).isSameAs(masked);
  }

  @Test
  void getLogger_byClass_isMaskingAndNamed() {
    Logger logger = MaskingLoggerFactory.getLogger(MaskingLoggerTest.class);
    assertThat(logger.getName()).isEqualTo(MaskingLoggerTest.class.getName());
    assertThat(logger.toString()).startsWith("MaskingLogger[");
  }

  /** A backend that is not location-aware, recording what it is given. */
  static final class CapturingLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;
    final transient List<String> lines = new ArrayList<>();

    CapturingLogger() {
      this.name = "capturing";
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] args, Throwable t) {
      assertThat(args).isNullOrEmpty();
      lines.add(
          level
              + (marker == null ? "" : " " + marker.getName())
              + " "
              + pattern
              + (t == null ? "" : " | " + t));
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return true;
    }
  }
}
