package fi.suoja.masking.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.masking.MaskerSelector;
import fi.suoja.masking.Pseudonymiser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.spec.SecretKeySpec;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Log4j 2 converters and rewrite policy, configured from
 * src/test/resources/masking/log4j2-masking-test.xml (plugins found through the generated
 * Log4j2Plugins.dat) and writing real files: the cases of LogbackMaskingTest, same inputs, same
 * expected output, plus the rewrite policy. Log4j 2 runs through its own API in its own logger
 * context; SLF4J stays bound to Logback in this module's tests.
 */
class Log4j2MaskingTest {

  @TempDir Path dir;
  private final List<StatusData> problems = new CopyOnWriteArrayList<>();
  private final StatusListener listener = new Problems(problems);
  private LoggerContext context;
  private Logger log;

  /** Collects Log4j's own warnings and errors (an unknown converter, a plugin not found). */
  private record Problems(List<StatusData> problems) implements StatusListener {
    @Override
    public void log(StatusData data) {
      if (data.getLevel().isMoreSpecificThan(Level.WARN)) {
        problems.add(data);
      }
    }

    @Override
    public Level getStatusLevel() {
      return Level.WARN;
    }

    @Override
    public void close() {}
  }

  @BeforeEach
  void configure() throws IOException {
    StatusLogger.getLogger().registerListener(listener);
    System.setProperty("suoja.test.log4j2.dir", dir.toString());
    context = new LoggerContext("suoja-log4j2-masking-test");
    try (var in = getClass().getResourceAsStream("/masking/log4j2-masking-test.xml")) {
      context.start(new XmlConfiguration(context, new ConfigurationSource(in)));
    }
    assertThat(problems).extracting(StatusData::getFormattedStatus).isEmpty();
    log = context.getLogger("clients");
  }

  @AfterEach
  void stop() {
    context.stop();
    ThreadContext.clearAll();
    System.clearProperty("suoja.test.log4j2.dir");
    StatusLogger.getLogger().removeListener(listener);
  }

  private String output(String file) throws IOException {
    return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
  }

  @Test
  void maskedMsg_plainLoggerWithPersonalData_masked() throws IOException {
    log.info("client {} mail {}", "131052-308T", "a.b@example.fi");
    assertThat(output("pattern.log")).isEqualTo("INFO client <hetu> mail <email>\n");
    // the control: the same event through a plain %msg is not masked
    assertThat(output("plain.log")).isEqualTo("INFO client 131052-308T mail a.b@example.fi\n");
  }

  @Test
  void maskedEx_stackTraceMessagesAndCauses_masked() throws IOException {
    SQLException cause = new SQLException("duplicate key 131052-308T");
    log.error("failed", new IllegalStateException("mail a.b@example.fi", cause));
    String out = output("pattern.log");
    assertThat(out)
        .startsWith("ERROR failed\n")
        .contains("java.lang.IllegalStateException: mail <email>")
        .contains("Caused by: java.sql.SQLException: duplicate key <hetu>")
        .contains("at fi.suoja.masking.log4j2.Log4j2MaskingTest")
        .doesNotContain("131052")
        .doesNotContain("a.b@example.fi");
  }

  @Test
  void maskedPattern_msgExAndMdc_allMasked() throws IOException {
    ThreadContext.put("user", "a.b@example.fi");
    log.warn("client 131052-308T", new RuntimeException("phone 040 123 4567"));
    String out = output("layout.log");
    assertThat(out)
        .startsWith("WARN [<email>] client <hetu>\n")
        .contains("java.lang.RuntimeException: phone <phone>")
        .doesNotContain("131052")
        .doesNotContain("123 4567");
  }

  @Test
  void install_tenantSelector_usedByConverters() throws IOException {
    Pseudonymiser tenant = Pseudonymiser.withKey(new SecretKeySpec(new byte[32], "HmacSHA256"));
    Log4j2Masking.install(context, MaskerSelector.fixed(tenant));
    log.info("client {}", "131052-308T");
    assertThat(output("pattern.log")).matches("INFO client <hetu:[BCDFGHJKLMNPQRST]{12}>\n");
    assertThat(output("rewritten.log"))
        .matches("INFO \\[] \\[] client <hetu:[BCDFGHJKLMNPQRST]{12}>\n");
  }

  @Test
  void maskedMsg_cleanMessage_unchanged() throws IOException {
    log.info("order 4711 shipped in 12 ms");
    assertThat(output("pattern.log")).isEqualTo("INFO order 4711 shipped in 12 ms\n");
    assertThat(output("layout.log")).isEqualTo("INFO [] order 4711 shipped in 12 ms\n");
  }

  @Test
  void rewritePolicy_messageThreadContextAndThrowable_maskedBeforeThePlainLayout()
      throws IOException {
    ThreadContext.put("user", "a.b@example.fi");
    ThreadContext.push("visit 131052-308T");
    SQLException cause = new SQLException("duplicate key 131052-308T");
    cause.addSuppressed(new IllegalArgumentException("iban FI21 1234 5600 0007 85"));
    log.warn("client {}", "040 123 4567", new IllegalStateException("mail a.b@example.fi", cause));
    String out = output("rewritten.log");
    assertThat(out)
        .startsWith("WARN [<email>] [visit <hetu>] client <phone>\n")
        .contains("java.lang.IllegalStateException: mail <email>")
        .contains("java.sql.SQLException: duplicate key <hetu>")
        .contains("java.lang.IllegalArgumentException: iban <iban>")
        .contains("at fi.suoja.masking.log4j2.Log4j2MaskingTest")
        .doesNotContain("131052")
        .doesNotContain("a.b@example.fi")
        .doesNotContain("123 4567")
        .doesNotContain("5600");
  }
}
