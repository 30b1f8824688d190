package fi.suoja.masking.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import fi.suoja.masking.MaskerSelector;
import fi.suoja.masking.Pseudonymiser;
import java.sql.SQLException;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The converters and the layout, configured from
 * src/test/resources/masking/logback-masking-test.xml.
 */
class LogbackMaskingTest {

  private final LoggerContext context = new LoggerContext();
  private Logger log;

  @BeforeEach
  void configure() throws JoranException {
    context.setMDCAdapter(MDC.getMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getResource("/masking/logback-masking-test.xml"));
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .noneMatch(s -> s.getLevel() >= Status.WARN);
    log = context.getLogger("clients");
  }

  @AfterEach
  void stop() {
    context.stop();
    MDC.clear();
  }

  private String output(String appender) {
    return ((CapturingAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(appender))
        .output();
  }

  @Test
  void maskedMsg_plainLoggerWithPersonalData_masked() {
    log.info("client {} mail {}", "131052-308T", "a.b@example.fi");
    assertThat(output("PATTERN")).isEqualTo("INFO client <hetu> mail <email>\n");
  }

  @Test
  void maskedEx_stackTraceMessagesAndCauses_masked() {
    SQLException cause = new SQLException("duplicate key 131052-308T");
    log.error("failed", new IllegalStateException("mail a.b@example.fi", cause));
    String out = output("PATTERN");
    assertThat(out)
        .contains("java.lang.IllegalStateException: mail <email>")
        .contains("Caused by: java.sql.SQLException: duplicate key <hetu>")
        .contains("at fi.suoja.masking.logback.LogbackMaskingTest")
        .doesNotContain("131052")
        .doesNotContain("a.b@example.fi");
  }

  @Test
  void maskingPatternLayout_msgExAndMdc_allMasked() {
    MDC.put("user", "a.b@example.fi");
    log.warn("client 131052-308T", new RuntimeException("phone 040 123 4567"));
    String out = output("LAYOUT");
    assertThat(out)
        .startsWith("WARN [<email>] client <hetu>\n")
        .contains("java.lang.RuntimeException: phone <phone>")
        .doesNotContain("131052")
        .doesNotContain("123 4567");
  }

  @Test
  void install_tenantSelector_usedByConverters() {
    Pseudonymiser tenant = Pseudonymiser.withKey(new SecretKeySpec(new byte[32], "HmacSHA256"));
    LogbackMasking.install(context, MaskerSelector.fixed(tenant));
    log.info("client {}", "131052-308T");
    assertThat(output("PATTERN")).matches("INFO client <hetu:[BCDFGHJKLMNPQRST]{12}>\n");
  }

  @Test
  void maskedMsg_cleanMessage_unchanged() {
    log.info("order 4711 shipped in 12 ms");
    assertThat(output("PATTERN")).isEqualTo("INFO order 4711 shipped in 12 ms\n");
  }
}
