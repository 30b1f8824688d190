package fi.suoja.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.spring.boot.app.CareApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Misconfiguration stops the start with Boot's failure report: SUOJA code, cause and fix. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

  @Test
  void missingMasterKeyStore_reportsCodeCauseAndAction(CapturedOutput output) {
    Path missing = Path.of("target", "no-such-dir", "suoja.p12");

    assertThatThrownBy(() -> start("--suoja.master-key.location=" + missing)).isNotNull();

    assertThat(output.getOut() + output.getErr())
        .contains("APPLICATION FAILED TO START")
        .contains("SUOJA-8002")
        .contains("suoja.master-key.location")
        .contains("Action:")
        .contains("Point suoja.master-key.location at an existing, readable PKCS#12 file.");
  }

  @Test
  void wrongStorePassword_reportsTheWrappedCoreCode_andNoSecret(CapturedOutput output) {
    Path store = MasterKeys.pkcs12();

    assertThatThrownBy(
            () ->
                start(
                    "--suoja.master-key.location=" + store,
                    "--suoja.master-key.password=not-the-password"))
        .isNotNull();

    assertThat(output.getOut() + output.getErr())
        .contains("SUOJA-8002", "Caused by SUOJA-1031", "Action:")
        .doesNotContain("not-the-password", MasterKeys.PASSWORD);
  }

  @Test
  void badRoleMapping_reportsTheProperty(CapturedOutput output) {
    assertThatThrownBy(
            () ->
                start(
                    "--suoja.master-key.location=" + MasterKeys.pkcs12(),
                    "--suoja.actor.roles.ROLE_HOITAJA=nurse in charge"))
        .isNotNull();

    assertThat(output.getOut() + output.getErr())
        .contains("SUOJA-8009", "suoja.actor.roles.ROLE_HOITAJA", "Action:");
  }

  private static void start(String... args) {
    new SpringApplicationBuilder(CareApp.class).web(WebApplicationType.NONE).run(args).close();
  }
}
