package fi.suoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schema check} on H2: passes on the fixture's schema, then reports a narrowed envelope
 * column, a dropped blind-index index and a missing Suoja table, each with exit 1, without any key.
 */
class SchemaCheckCommandTest {
  @TempDir Path dir;
  HostFixture fx;

  @BeforeEach
  void setUp() {
    fx = new HostFixture(dir, Databases.H2);
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  Cli.Result check(String... more) {
    // no master key and no key password: the check needs neither
    return Cli.run(
        java.util.Map.of(),
        concat(
            new String[] {"schema", "check", fx.db.url, "--classpath", fx.jar.toString()}, more));
  }

  static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void intactSchema_passes() {
    Cli.Result r = check();
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).startsWith("OK  2 entities");
    Cli.Result json = check("--json");
    assertThat(json.json().path("ok").asBoolean()).isTrue();
    assertThat(json.json().path("findings").size()).isZero();
  }

  @Test
  void narrowColumn_droppedIndex_missingTable_areFindings() {
    Databases.exec(fx.db.url, "ALTER TABLE Resident ALTER COLUMN fullName VARCHAR(20)");
    Databases.exec(fx.db.url, "DROP INDEX resident_hetu_ix");
    Databases.exec(fx.db.url, "DROP TABLE suoja_audit_checkpoint");
    Cli.Result r = check("--json");
    assertThat(r.exit()).as(r.all()).isEqualTo(SuojaCommand.VERIFICATION_FAILED);
    JsonNode findings = r.json().path("findings");
    assertThat(findings.findValuesAsText("check")).containsExactly("widths", "indexes", "tables");
    assertThat(findings.get(0).path("code").asText()).isEqualTo("SUOJA-5210");
    assertThat(findings.get(0).path("message").asText()).containsIgnoringCase("fullName");
    assertThat(findings.get(1).path("message").asText()).containsIgnoringCase("hetuIndex");
    assertThat(findings.get(2).path("message").asText()).contains("suoja_audit_checkpoint");

    Cli.Result text = check();
    assertThat(text.exit()).isEqualTo(SuojaCommand.VERIFICATION_FAILED);
    assertThat(text.out()).contains("FINDING widths").contains("FINDING indexes");
    assertThat(text.err()).startsWith("SUOJA-9074: schema check found 3 problem(s)");
  }

  @Test
  void missingColumnOfSuojasTable_isAFinding() {
    Databases.exec(fx.db.url, "DROP INDEX suoja_audit_subject");
    Databases.exec(fx.db.url, "ALTER TABLE suoja_audit DROP COLUMN subject_id");
    Cli.Result r = check("--json");
    assertThat(r.exit()).isEqualTo(SuojaCommand.VERIFICATION_FAILED);
    assertThat(r.json().path("findings").get(0).path("message").asText())
        .contains("suoja_audit lacks column(s) subject_id");
  }
}
