package fi.suoja.samples.echat;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.crypto.internal.Pkcs11KeyProvider;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.testing.SoftHsmToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The walk-through runs in the suite and each step's outcome is asserted, not only printed. */
class EChatWalkthroughTest {
  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql", "mariadb"})
  void walkthrough_everyStepHasTheOutcomeTheModelPrescribes(String database) {
    String url = url(database);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    List<Outcome> outcomes =
        new EChatWalkthrough(url, work, new PrintStream(printed, true, StandardCharsets.UTF_8))
            .run();

    assertEveryStep(outcomes, printed.toString(StandardCharsets.UTF_8));
  }

  /**
   * Issue 17: the whole walk-through with the master keys non-extractable in a SoftHSM2 token
   * (privacy-core's {@link SoftHsmToken}, made per run), through {@code KeyProvider.pkcs11}'s
   * implementation; skipped with the reason where SoftHSM2 is not installed.
   */
  @Test
  void walkthrough_masterKeyInSoftHsm_everyStepHasTheSameOutcome() throws Exception {
    SoftHsmToken token = SoftHsmToken.get();
    KeyProvider hsm =
        Pkcs11KeyProvider.loadWithPinFrom(
            token.config,
            SoftHsmToken.PIN_VARIABLE,
            Map.of(SoftHsmToken.PIN_VARIABLE, SoftHsmToken.PIN));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    List<Outcome> outcomes =
        new EChatWalkthrough(
                url("h2"), work, new PrintStream(printed, true, StandardCharsets.UTF_8), hsm)
            .run();

    assertEveryStep(outcomes, printed.toString(StandardCharsets.UTF_8));
    assertThat(hsm.masterKey(hsm.currentVersion()).provider()).isPresent();
  }

  private static void assertEveryStep(List<Outcome> outcomes, String text) {
    Map<String, String> byCheck =
        outcomes.stream().collect(Collectors.toMap(Outcome::check, Outcome::result));
    assertThat(byCheck)
        .containsEntry("database holds plaintext of Helmi Mäkelä", "NO")
        .containsEntry("responsible employee sees the name", "Mäkelä")
        .containsEntry("found by HETU with plain JPQL", "Mäkelä")
        .containsEntry("Aino reads her own client", "ALLOWED:OWNER")
        .containsEntry("Eero reads Aino's client", "DENIED:NOT_OWNER")
        .containsEntry("the organisation admin reads Aino's client", "ELEVATED:ORG_ADMIN")
        .containsEntry("admin access audited as elevated", "true:ORG_ADMIN")
        .containsEntry("support updates an employee account", "ALLOWED:ACCOUNT_MANAGEMENT")
        .containsEntry("support reads a client without a grant", "DENIED:NO_INCIDENT_GRANT")
        .containsEntry("support reads the client under the grant", "ELEVATED:INCIDENT:INC-2026-118")
        .containsEntry("support reads the client after the grant expired", "DENIED:GRANT_EXPIRED")
        .containsEntry(
            "support reads a client of an organisation without consent", "DENIED:NO_TENANT_CONSENT")
        .containsEntry("hoiva log line", "ANONYMISED")
        .containsEntry("kotihoito log line", "PSEUDONYMISED")
        .containsEntry("untouched trail", "INTACT")
        .containsEntry("tampered copy", "BROKEN@6") // 0-based position of record 7
        .containsEntry("byte flipped in record", "7");
    // Helmi's report: her client record and chat message created, read by owner (x3), denied to
    // a colleague, elevated for the admin, denied/elevated/denied for support
    assertThat(Integer.parseInt(byCheck.get("access report entries"))).isGreaterThanOrEqualTo(10);
    assertThat(byCheck.get("access report shows elevated accesses")).isEqualTo("2");
    // every annotated field in its category, nothing unannotated (jobTitle, roles, Organisation)
    assertThat(byCheck)
        .containsEntry(
            "personal data of client",
            "ChatMessage.text:FREE_TEXT,Client.firstName:NAME,Client.lastName:NAME,"
                + "Client.hetu:IDENTIFIER")
        .containsEntry(
            "personal data of employee",
            "Employee.firstName:NAME,Employee.lastName:NAME,Employee.email:CONTACT,"
                + "Employee.phone:CONTACT,Employee.hetu:IDENTIFIER")
        .containsEntry("record of processing is consistent", "[]");
    // step 7: export, erasure that yields to the 12-year hold on chat messages, shredding
    assertThat(byCheck)
        .containsEntry("export records", "2")
        .containsEntry("export holds her name", "true")
        .containsEntry("erased", "Client")
        .containsEntry("retained", "ChatMessage")
        .containsEntry("client record after erasure", "GONE")
        .containsEntry("backup after crypto-shredding", "UNREADABLE:SUOJA-6001");
    assertThat(text)
        .contains(
            "== 1.",
            "== 2.",
            "== 3.",
            "== 4.",
            "== 5.",
            "== 6.",
            "== 7.",
            "## Personal data / Henkilötiedot",
            "- Tenant " + EChatWalkthrough.KOTIHOITO + ": pseudonymise");
    assertThat(text).contains("- Legal retention hold of ChatMessage: Act on Client Documents");
    assertThat(text).doesNotContain("(010594Y9021)"); // the log line's HETU never printed
  }

  static String url(String database) {
    if (database.equals("h2")) {
      return "jdbc:h2:mem:echat-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
    String key = "SUOJA_TEST_" + database.toUpperCase(Locale.ROOT) + "_URL";
    String url = System.getProperty("suoja.test." + database + ".url");
    if (url == null || url.isBlank()) {
      url = System.getenv(key);
    }
    Assumptions.assumeTrue(
        url != null && !url.isBlank(),
        database + " not configured: set " + key + " (.ci/run does)");
    return url;
  }
}
