package fi.suoja.audit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.suoja.audit.AccessBasis;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.Outcome;
import fi.suoja.audit.TestDatabase;
import fi.suoja.audit.TestSupport;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JdbcAuditSink;
import fi.suoja.audit.sink.JsonLinesFileSink;
import fi.suoja.audit.spi.AuditSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubjectAccessReportTest {
  private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
  private final Path dir = TestSupport.tempDir("report");

  @AfterEach
  void cleanUp() {
    TestSupport.delete(dir);
  }

  private static AuditEvent ev(
      int minute, String subject, String user, AuditAction action, AccessBasis basis) {
    return AuditEvent.builder()
        .time(T0.plusSeconds(60L * minute))
        .actor(AuditActor.tenantUser(user, "t-1", Set.of("NURSE")))
        .action(action)
        .resource("Client", "c-" + subject, "t-1")
        .subject(subject)
        .fields("firstName", "diagnosis")
        .basis(basis)
        .purpose("CARE")
        .outcome(Outcome.success())
        .application("echat")
        .node("n1")
        .build();
  }

  private static void fill(AuditSink a, AuditSink b) {
    a.record(ev(1, "s-1", "nurse-1", AuditAction.READ, AccessBasis.owner()));
    b.record(ev(2, "s-2", "nurse-2", AuditAction.READ, AccessBasis.owner()));
    b.record(ev(3, "s-1", "admin-1", AuditAction.READ, AccessBasis.orgAdmin()));
    a.record(ev(4, "s-1", "nurse-1", AuditAction.UPDATE, AccessBasis.owner()));
    a.record(ev(90, "s-1", "nurse-1", AuditAction.READ, AccessBasis.owner())); // outside range
  }

  private static void assertReport(SubjectAccessReport r) throws Exception {
    assertThat(r.entries())
        .extracting(e -> e.event().actor().userId())
        .containsExactly("nurse-1", "admin-1", "nurse-1");
    assertThat(r.entries())
        .extracting(e -> e.event().action())
        .containsExactly(AuditAction.READ, AuditAction.READ, AuditAction.UPDATE);
    assertThat(r.unreadableRecords()).isZero();
    String text = r.toText();
    assertThat(text)
        .contains(
            "admin-1 (tenant, tenant t-1, NURSE)  READ Client c-s-1 [firstName, diagnosis]  basis ORG_ADMIN (ELEVATED)");
    assertThat(text).doesNotContain("nurse-2");
    JsonNode json = new ObjectMapper().readTree(r.toJson());
    assertThat(json.path("subjectId").asText()).isEqualTo("s-1");
    assertThat(json.path("entries")).hasSize(3);
    assertThat(json.path("entries").get(1).path("elevated").asBoolean()).isTrue();
    assertThat(json.path("entries").get(1).path("basis").asText()).isEqualTo("ORG_ADMIN");
  }

  private static ChainOptions unsigned(String chainId) {
    return ChainOptions.builder().chainId(chainId).withoutCheckpoints().build();
  }

  @Test
  void fromFiles_twoChains_subjectAndRangeFiltered() throws Exception {
    Path trail = dir.resolve("trail");
    try (JsonLinesFileSink a = JsonLinesFileSink.builder(trail).chain(unsigned("a")).build();
        JsonLinesFileSink b = JsonLinesFileSink.builder(trail).chain(unsigned("b")).build()) {
      fill(a, b);
    }
    assertReport(SubjectAccessReport.fromFiles(trail, "s-1", T0, T0.plusSeconds(3600)));
  }

  @Test
  void fromTable_twoChains_subjectAndRangeFiltered() throws Exception {
    DataSource ds = TestDatabase.H2.dataSource();
    String table = TestDatabase.uniqueTable();
    JdbcAuditSink.createTables(ds, table);
    try (JdbcAuditSink a = JdbcAuditSink.builder(ds).table(table).chain(unsigned("a")).build();
        JdbcAuditSink b = JdbcAuditSink.builder(ds).table(table).chain(unsigned("b")).build()) {
      fill(a, b);
    }
    assertReport(SubjectAccessReport.fromTable(ds, table, "s-1", T0, T0.plusSeconds(3600)));
    TestDatabase.drop(ds, table);
  }

  @Test
  void fromFiles_garbageLine_countedNotIgnored() throws Exception {
    Path trail = dir.resolve("trail");
    try (JsonLinesFileSink a = JsonLinesFileSink.builder(trail).chain(unsigned("a")).build()) {
      a.record(ev(1, "s-1", "nurse-1", AuditAction.READ, AccessBasis.owner()));
    }
    Path f = trail.resolve("audit-a-0000000000000000.jsonl");
    Files.writeString(f, Files.readString(f) + "{\"foreign\":true}\n");
    SubjectAccessReport r = SubjectAccessReport.fromFiles(trail, "s-1", T0, T0.plusSeconds(3600));
    assertThat(r.entries()).hasSize(1);
    assertThat(r.unreadableRecords()).isEqualTo(1);
    assertThat(r.toText()).contains("WARNING: 1 record(s) could not be read");
  }

  @Test
  void report_emptyRangeOrHetuSubject_refused() {
    assertThatThrownBy(() -> SubjectAccessReport.fromFiles(dir, "s-1", T0, T0))
        .isInstanceOf(AuditException.class)
        .hasMessageStartingWith("SUOJA-4030");
    assertThatThrownBy(
            () -> SubjectAccessReport.fromFiles(dir, "010190-999W", T0, T0.plusSeconds(1)))
        .hasMessageStartingWith("SUOJA-4002")
        .hasMessageNotContaining("010190");
    assertThat(SubjectAccessReport.fromFiles(dir, "s-1", T0, T0.plusSeconds(1)).toText())
        .contains("No recorded processing");
    assertThat(List.of()).isEmpty();
  }
}
