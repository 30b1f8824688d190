package fi.suoja.masking.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.sql.SQLException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * java.util.logging through the SLF4J bridge (jul-to-slf4j), installed as docs/MASKING.md says,
 * into this JVM's real SLF4J binding (Logback) configured with Suoja's converters: the JUL record
 * is written masked, stack trace included.
 */
class JulThroughSlf4jTest {

  private final java.util.logging.Logger julRoot = LogManager.getLogManager().getLogger("");
  private final java.util.logging.Logger jul = java.util.logging.Logger.getLogger("jul.clients");
  private Handler[] rootHandlers;
  private LoggerContext context;

  @BeforeEach
  void bridge() throws JoranException {
    rootHandlers = julRoot.getHandlers();
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    context = (LoggerContext) LoggerFactory.getILoggerFactory();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getResource("/masking/logback-jul-test.xml"));
  }

  @AfterEach
  void unbridge() {
    SLF4JBridgeHandler.uninstall();
    for (Handler handler : rootHandlers) {
      julRoot.addHandler(handler);
    }
    Logger logger = context.getLogger("jul.clients");
    logger.detachAndStopAllAppenders();
    logger.setLevel(null);
    logger.setAdditive(true);
  }

  private String output() {
    return ((CapturingAppender) context.getLogger("jul.clients").getAppender("JUL")).output();
  }

  @Test
  void julRecord_withParameters_writtenMasked() {
    jul.log(Level.INFO, "client {0} mail {1}", new Object[] {"131052-308T", "a.b@example.fi"});
    assertThat(output()).isEqualTo("INFO jul.clients client <hetu> mail <email>\n");
  }

  @Test
  void julRecord_withThrowable_stackTraceMasked() {
    SQLException cause = new SQLException("duplicate key 131052-308T");
    jul.log(Level.SEVERE, "failed", new IllegalStateException("mail a.b@example.fi", cause));
    assertThat(output())
        .startsWith("ERROR jul.clients failed\n")
        .contains("java.lang.IllegalStateException: mail <email>")
        .contains("Caused by: java.sql.SQLException: duplicate key <hetu>")
        .doesNotContain("131052")
        .doesNotContain("a.b@example.fi");
  }
}
