package fi.suoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

/** {@code suoja audit subject-report} and {@code audit fhir} over a table written by the sink. */
class SubjectReportCommandTest {
  /** Shaped like a Finnish personal identity code (valid checksum): must never be echoed. */
  static final String HETU = "131052-308T";

  @Test
  void subjectReport_textAndJson() throws Exception {
    try (Databases.Fresh fresh = Databases.H2.fresh()) {
      KeyPair keys = Trails.ed25519();
      Trails.writeTable(fresh.dataSource(), "suoja_audit", keys, 6);

      Cli.Result text = Cli.run("audit", "subject-report", fresh.url, "--subject", "s-1");
      assertThat(text.exit()).as(text.all()).isZero();
      assertThat(text.out()).contains("s-1");

      Cli.Result json =
          Cli.run(
              "audit",
              "subject-report",
              fresh.url,
              "--subject",
              "s-1",
              "--from",
              "2026-03-01T00:00:00Z",
              "--to",
              "2026-03-02T00:00:00Z",
              "--json");
      assertThat(json.exit()).isZero();
      JsonNode root = json.json();
      assertThat(root.path("subjectId").asText()).isEqualTo("s-1");
      assertThat(root.path("entries")).hasSize(3);
      assertThat(root.path("entries").findValuesAsText("eventId"))
          .containsExactly("ev-1", "ev-3", "ev-5");

      Cli.Result empty =
          Cli.run(
              "audit",
              "subject-report",
              fresh.url,
              "--subject",
              "s-1",
              "--to",
              "2026-03-01T00:00:00Z",
              "--json");
      assertThat(empty.exit()).isZero();
      assertThat(empty.json().path("entries")).isEmpty();
    }
  }

  @Test
  void fhir_bundleOfAuditEvents() throws Exception {
    try (Databases.Fresh fresh = Databases.H2.fresh()) {
      Trails.writeTable(fresh.dataSource(), "suoja_audit", Trails.ed25519(), 6);
      Cli.Result r = Cli.run("audit", "fhir", fresh.url, "--subject", "s-0");
      assertThat(r.exit()).as(r.all()).isZero();
      JsonNode bundle = r.json();
      assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
      assertThat(bundle.path("type").asText()).isEqualTo("collection");
      assertThat(bundle.path("entry")).hasSize(3);
      for (JsonNode e : bundle.path("entry")) {
        assertThat(e.path("resource").path("resourceType").asText()).isEqualTo("AuditEvent");
      }
    }
  }

  @Test
  void identityCodeAsSubject_refused_andNeverEchoed() {
    try (Databases.Fresh fresh = Databases.H2.fresh()) {
      Trails.writeTable(fresh.dataSource(), "suoja_audit", Trails.ed25519(), 2);
      for (String command : new String[] {"subject-report", "fhir"}) {
        Cli.Result r = Cli.run("audit", command, fresh.url, "--subject", HETU);
        assertThat(r.exit()).isEqualTo(SuojaCommand.USAGE);
        assertThat(r.err()).startsWith("SUOJA-4002");
        assertThat(r.all()).doesNotContain(HETU).doesNotContain("131052");
        Cli.Result j = Cli.run("audit", command, fresh.url, "--subject", HETU, "--json");
        assertThat(j.json().path("code").asText()).isEqualTo("SUOJA-4002");
        assertThat(j.all()).doesNotContain("131052");
      }
      // a bad time value is not echoed either (it could be anything typed in the wrong place)
      Cli.Result badTime =
          Cli.run("audit", "subject-report", fresh.url, "--subject", "s-1", "--from", HETU);
      assertThat(badTime.exit()).isEqualTo(SuojaCommand.USAGE);
      assertThat(badTime.err()).startsWith("SUOJA-9001");
      assertThat(badTime.all()).doesNotContain("131052");

      Cli.Result emptyRange =
          Cli.run(
              "audit",
              "subject-report",
              fresh.url,
              "--subject",
              "s-1",
              "--from",
              "2026-03-02T00:00:00Z",
              "--to",
              "2026-03-01T00:00:00Z");
      assertThat(emptyRange.exit()).isEqualTo(SuojaCommand.USAGE);
      assertThat(emptyRange.err()).startsWith("SUOJA-4030");
    }
  }
}
