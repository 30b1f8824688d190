package fi.suoja.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fi.suoja.spring.boot.app.CareApp;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A host on Log4j 2 (spring-boot-starter-log4j2, no Logback): Boot's console appender writes the
 * HETU and e-mail logged through SLF4J masked. Runs in the module's own surefire execution {@code
 * log4j2}, whose class path is that host's.
 */
@ExtendWith(OutputCaptureExtension.class)
class Log4j2AutoMaskingTest {
  private static final Logger LOG = LoggerFactory.getLogger(Log4j2AutoMaskingTest.class);

  @BeforeEach
  void onLog4j2ClassPath() {
    assumeTrue(
        Boolean.getBoolean("suoja.test.log4j2"),
        "runs in the log4j2 surefire execution only (Log4j 2 host class path, no Logback)");
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
        .startsWith("org.apache.logging.slf4j.");
  }

  @Test
  void consoleLinesAreMasked_andStayMaskedAfterReconfiguration(CapturedOutput output) {
    try (ConfigurableApplicationContext context = start()) {
      assertThat(context.containsBean("suojaLog4j2Masking")).isTrue();
      LOG.info("client {} mail {}", "131052-308T", "a.b@example.fi");
      LOG.warn("failed", new IllegalStateException("duplicate key 131052-308T"));

      assertThat(output.getOut())
          .contains("client <hetu> mail <email>")
          .contains("java.lang.IllegalStateException: duplicate key <hetu>")
          .contains("Suoja masks the log events of Log4j 2 appenders [Console]")
          .doesNotContain("131052-308T")
          .doesNotContain("a.b@example.fi");

      ((LoggerContext) LogManager.getContext(false)).reconfigure();
      LOG.info("after reconfiguration {}", "b.c@example.fi");

      assertThat(output.getOut())
          .contains("after reconfiguration <email>")
          .doesNotContain("b.c@example.fi");
    }
  }

  @Test
  void optOut_leavesLinesAsLogged(CapturedOutput output) {
    try (ConfigurableApplicationContext context = start("--suoja.masking.log4j2=false")) {
      assertThat(context.containsBean("suojaLog4j2Masking")).isFalse();
      LOG.info("opted out {}", "c.d@example.fi");

      assertThat(output.getOut()).contains("opted out c.d@example.fi");
    }
  }

  private static ConfigurableApplicationContext start(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "--suoja.master-key.location=" + MasterKeys.pkcs12();
    System.arraycopy(args, 0, all, 1, args.length);
    return new SpringApplicationBuilder(CareApp.class).web(WebApplicationType.NONE).run(all);
  }
}
