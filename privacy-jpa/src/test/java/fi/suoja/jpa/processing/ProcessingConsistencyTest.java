package fi.suoja.jpa.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.jpa.processing.Patients.Nurse;
import fi.suoja.jpa.processing.Patients.Patient;
import fi.suoja.jpa.processing.Patients.Relative;
import fi.suoja.jpa.processing.ProcessingConsistency.Finding;
import fi.suoja.jpa.processing.ProcessingConsistency.Kind;
import fi.suoja.jpa.processing.ProcessingDeclaration.Claim;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.TenantPrivacySettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessingConsistencyTest {

  private static ProcessingRecord record(
      boolean hoivaPseudonymises, String url, ProcessingDeclaration d, Class<?>... entities) {
    return ProcessingRecord.builder()
        .entities(entities)
        .jdbcUrl(url)
        .policy(
            CareAccessPolicy.builder()
                .tenantSettings(
                    List.of(new TenantPrivacySettings("hoiva", hoivaPseudonymises, false)))
                .build())
        .tenants("hoiva", "kuu")
        .declared(d)
        .build();
  }

  private static ProcessingDeclaration claims(Claim... claims) {
    ProcessingDeclaration.Builder b = ProcessingDeclaration.builder();
    for (Claim c : claims) {
      b.claim(c);
    }
    return b.build();
  }

  @Test
  void check_consistentModel_findsNothing() {
    ProcessingRecord r =
        record(false, "jdbc:h2:mem:x", claims(Claim.values()), Patient.class, Nurse.class);

    assertThat(ProcessingConsistency.check(r)).isEmpty();
    ProcessingConsistency.assertConsistent(r);
  }

  @Test
  void check_unannotatedEmail_isFlaggedButABooleanFlagIsNot() {
    List<Finding> findings =
        ProcessingConsistency.check(
            record(
                false,
                "jdbc:h2:mem:x",
                ProcessingDeclaration.none(),
                Patient.class,
                Relative.class));

    assertThat(findings)
        .filteredOn(f -> f.kind() == Kind.UNANNOTATED_PERSONAL_FIELD)
        .extracting(Finding::where)
        .containsExactly("Relative.email");
  }

  @Test
  void check_neverInLogsClaimedWhileATenantPseudonymises_isAContradiction() {
    List<Finding> findings =
        ProcessingConsistency.check(
            record(true, "jdbc:h2:mem:x", claims(Claim.CLIENT_DATA_NEVER_IN_LOGS), Patient.class));

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.CONTRADICTION);
              assertThat(f.where()).isEqualTo("hoiva");
              assertThat(f.message()).contains("pseudonymise");
            });
  }

  @Test
  void check_allClientDataEncryptedClaimedWithAnUnencryptedClientField_isAContradiction() {
    List<Finding> findings =
        ProcessingConsistency.check(
            record(
                false,
                "jdbc:h2:mem:x",
                claims(Claim.ALL_CLIENT_DATA_ENCRYPTED),
                Patient.class,
                Relative.class,
                Nurse.class));

    assertThat(findings)
        .filteredOn(f -> f.kind() == Kind.CONTRADICTION)
        .extracting(Finding::where)
        .containsExactly("Relative.lastName");
  }

  @Test
  void check_transportClaimedOverPlainConnection_isAContradiction() {
    List<Finding> findings =
        ProcessingConsistency.check(
            record(
                false,
                "jdbc:mariadb://db.example.fi/care",
                claims(Claim.TRANSPORT_ENCRYPTED),
                Patient.class));

    assertThat(findings)
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("sslMode=disable"));
  }

  @Test
  void check_retentionHoldForUnknownEntity_isFlagged() {
    ProcessingDeclaration d =
        ProcessingDeclaration.builder().retentionHold("Pateint", "12 years").build();

    assertThat(ProcessingConsistency.check(record(false, "jdbc:h2:mem:x", d, Patient.class)))
        .extracting(Finding::where)
        .containsExactly("Pateint");
  }

  @Test
  void assertConsistent_findings_failsWithCodeAndEveryFinding() {
    ProcessingRecord r =
        record(
            true,
            "jdbc:h2:mem:x",
            claims(Claim.CLIENT_DATA_NEVER_IN_LOGS),
            Patient.class,
            Relative.class);

    assertThatThrownBy(() -> ProcessingConsistency.assertConsistent(r))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-7001")
        .hasMessageContaining("Relative.email")
        .hasMessageContaining("CONTRADICTION hoiva");
  }
}
