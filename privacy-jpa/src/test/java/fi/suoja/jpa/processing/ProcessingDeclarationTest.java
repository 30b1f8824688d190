package fi.suoja.jpa.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.jpa.processing.ProcessingDeclaration.Claim;
import java.io.StringReader;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProcessingDeclarationTest {

  private static Properties props(String text) throws Exception {
    Properties p = new Properties();
    p.load(new StringReader(text));
    return p;
  }

  @Test
  void fromProperties_everyKey_isRead() throws Exception {
    ProcessingDeclaration d =
        ProcessingDeclaration.fromProperties(
            props(
                """
        controller=Hoivapalvelu Aurinko Oy
        processor=eChat Oy
        dpo=tietosuoja@echat.example
        location=Finland
        legalBasis=GDPR 6(1)(c), 9(2)(h)
        auditRetention=12 years
        purpose.1=Client communication
        purpose.2=Care planning
        subProcessor.1=Hosting Oy, servers, Finland
        retention.Client=Act 254/2015: 12 years after the last entry
        claims=client_data_never_in_logs, TRANSPORT_ENCRYPTED
        """));

    assertThat(d.controller()).isEqualTo("Hoivapalvelu Aurinko Oy");
    assertThat(d.processor()).isEqualTo("eChat Oy");
    assertThat(d.dpoContact()).isEqualTo("tietosuoja@echat.example");
    assertThat(d.location()).isEqualTo("Finland");
    assertThat(d.legalBasis()).isEqualTo("GDPR 6(1)(c), 9(2)(h)");
    assertThat(d.auditRetention()).isEqualTo("12 years");
    assertThat(d.purposes()).containsExactly("Client communication", "Care planning");
    assertThat(d.subProcessors()).containsExactly("Hosting Oy, servers, Finland");
    assertThat(d.retentionHolds())
        .containsEntry("Client", "Act 254/2015: 12 years after the last entry");
    assertThat(d.claims())
        .containsExactlyInAnyOrder(Claim.CLIENT_DATA_NEVER_IN_LOGS, Claim.TRANSPORT_ENCRYPTED);
  }

  @Test
  void fromProperties_unknownKeyOrClaim_failsNamingIt() {
    assertThatThrownBy(() -> ProcessingDeclaration.fromProperties(props("controler=x")))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-7002")
        .hasMessageContaining("controler");
    assertThatThrownBy(() -> ProcessingDeclaration.fromProperties(props("claims=ALWAYS_SAFE")))
        .hasMessageContaining("SUOJA-7002")
        .hasMessageContaining("ALWAYS_SAFE");
  }
}
