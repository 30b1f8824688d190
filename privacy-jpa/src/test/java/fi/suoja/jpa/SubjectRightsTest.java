package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.suoja.SuojaException;
import fi.suoja.annotation.Erasure;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Outcome;
import fi.suoja.audit.report.SubjectAccessReport;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.jpa.model.RightsClient;
import fi.suoja.jpa.model.RightsNote;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Export and erasure with legal holds and crypto-shredding, on H2, PostgreSQL and MariaDB. */
class SubjectRightsTest {
  static final Actor OWNER = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);
  static final Actor ADMIN = Actor.tenantUser("adm-1", "A", Role.ORG_ADMIN);
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
  static final ObjectMapper JSON = new ObjectMapper();

  /** Quotes, backslash, every kind of control character, non-BMP, a line separator, HTML. */
  static final String AWKWARD =
      "A \"q\" \\ </script> \u0000\u0001\u001f\b\f\n\r\t \ud83d\ude00 \u2028 \u007f ä";

  static List<Database> databases() {
    return Database.all();
  }

  static <T> T as(Actor actor, Supplier<T> work) {
    return PrivacyContext.callAs(actor, Purpose.CARE, work);
  }

  record Subject(UUID id, List<UUID> notes) {}

  static Subject create(JpaFixture f, String name, String hetu, LocalDate... closed) {
    return as(
        OWNER,
        () ->
            f.sessions.fromTransaction(
                s -> {
                  RightsClient c = new RightsClient("e-1", name, hetu);
                  s.persist(c);
                  List<UUID> notes = new ArrayList<>();
                  int i = 0;
                  for (LocalDate d : closed) {
                    RightsNote n = new RightsNote("e-1", c.id, "note " + i++ + " of " + name, d);
                    s.persist(n);
                    notes.add(n.id);
                  }
                  return new Subject(c.id, notes);
                }));
  }

  static List<String> column(JpaFixture f, String entity, String column, String where)
      throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = f.database.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("select " + column + " from " + f.table(entity) + " where " + where)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Subject rights over the fixture, judged at {@link #NOW}. */
  static SubjectRights rights(JpaFixture f) {
    return SubjectRights.builder(f.sessions).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  /** The access report of {@code subjectId} from everything the fixture's trail holds. */
  static SubjectAccessReport accessReport(JpaFixture f, String subjectId) {
    return SubjectAccessReport.of(
        f.sink.events(), subjectId, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
  }

  static JpaFixture fixture(Database db) {
    return new JpaFixture(db, Map.of(), RightsClient.class, RightsNote.class);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void erase_noHold_deletesAnonymisesAndShredsEveryCopy(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      Subject gone = create(f, "Aino Virtanen", "010190-999K", TODAY.minusYears(13));
      Subject kept = create(f, "Eino Leino", "020290-998J", TODAY.minusYears(13));
      String where = "id = '" + gone.id() + "'";
      // the "backup": raw column values copied before erasure
      String backupName = column(f, "RightsClient", "name", where).get(0);
      String backupNote =
          column(f, "RightsNote", "text", "id = '" + gone.notes().get(0) + "'").get(0);
      SubjectRights rights = rights(f);

      ErasureResult result = as(ADMIN, () -> rights.erase(gone.id().toString()));

      assertThat(result.retained()).isEmpty();
      assertThat(result.erased())
          .extracting(ErasureResult.Erased::entity, ErasureResult.Erased::how)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("RightsClient", Erasure.Mode.DELETE_RECORD),
              org.assertj.core.groups.Tuple.tuple("RightsNote", Erasure.Mode.ANONYMISE_FIELDS));
      assertThat(result.subjectKeyDestroyed()).isTrue();
      assertThat(column(f, "RightsClient", "name", where)).isEmpty();
      assertThat(column(f, "RightsNote", "text", "id = '" + gone.notes().get(0) + "'"))
          .containsExactly((String) null);
      CipherContext nameCtx = new CipherContext("A", "RightsClient", "name", gone.id().toString());
      assertThatThrownBy(() -> f.suoja.cipher().open(nameCtx, backupName))
          .isInstanceOf(KeyUnavailableException.class)
          .hasMessageNotContaining("Aino");
      CipherContext noteCtx =
          new CipherContext("A", "RightsNote", "text", gone.notes().get(0).toString());
      assertThatThrownBy(() -> f.suoja.cipher().open(noteCtx, backupNote))
          .isInstanceOf(KeyUnavailableException.class);
      // the other subject is untouched
      SubjectExport other = as(ADMIN, () -> rights.export(kept.id().toString(), null));
      assertThat(other.toJson()).contains("Eino Leino", "020290-998J", "note 0 of Eino Leino");
      assertThat(as(ADMIN, () -> rights.export(gone.id().toString(), null)).recordCount())
          .isEqualTo(1); // the anonymised note remains, without personal values
      assertThat(as(ADMIN, () -> rights.export(gone.id().toString(), null)).toJson())
          .doesNotContain("Aino", "010190-999K");
      // audited as ERASE, one success per record
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.ERASE)
          .extracting(AuditEvent::outcome)
          .containsOnly(Outcome.success())
          .hasSize(2);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void erase_underHold_retainsWithBasisAndEndAndKeepsTheKey(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      LocalDate closed = TODAY.minusYears(2);
      Subject s =
          create(
              f, "Aino Virtanen", "010190-999K", closed, null, TODAY.minusYears(12).minusDays(1));
      SubjectRights rights = rights(f);

      ErasureResult result = as(ADMIN, () -> rights.erase(s.id().toString()));

      assertThat(result.erased())
          .extracting(ErasureResult.Erased::id)
          .containsExactlyInAnyOrder(s.id().toString(), s.notes().get(2).toString());
      assertThat(result.retained())
          .containsExactlyInAnyOrder(
              new ErasureResult.Retained(
                  "RightsNote",
                  s.notes().get(0).toString(),
                  "Potilasasiakirja-asetus 298/2009 12 §",
                  closed.plusYears(12).atStartOfDay().toInstant(ZoneOffset.UTC)),
              new ErasureResult.Retained(
                  "RightsNote",
                  s.notes().get(1).toString(),
                  "Potilasasiakirja-asetus 298/2009 12 §",
                  null));
      assertThat(result.subjectKeyDestroyed()).isFalse();
      assertThat(f.suoja.subjectKeys().find("A", s.id().toString())).isPresent();
      String export = as(ADMIN, () -> rights.export(s.id().toString(), null)).toJson();
      assertThat(export)
          .contains("note 0 of Aino Virtanen", "note 1 of Aino Virtanen")
          .doesNotContain("note 2 of", "010190-999K");
      assertThat(f.sink.events())
          .filteredOn(
              e ->
                  e.action() == AuditAction.ERASE
                      && e.outcome().equals(Outcome.failure("LEGAL_HOLD")))
          .hasSize(2);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void export_containsEveryAnnotatedAttributeAndTheAccessReportOnly(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      Subject a = create(f, "Aino \"Quote\" Virtanen", "010190-999K", (LocalDate) null);
      create(f, "Eino Leino", "020290-998J", (LocalDate) null);
      SubjectRights rights = rights(f);
      SubjectAccessReport report = accessReport(f, a.id().toString());

      SubjectExport export = as(ADMIN, () -> rights.export(a.id().toString(), report));

      String json = export.toJson();
      assertThat(export.recordCount()).isEqualTo(2);
      assertThat(json)
          .contains("\"schema\":\"" + SubjectRights.SCHEMA + "\"")
          .contains(
              "\"name\":\"Aino \\\"Quote\\\" Virtanen\"",
              "\"hetu\":\"010190-999K\"",
              "\"text\":\"note 0 of Aino \\\"Quote\\\" Virtanen\"",
              "\"clientId\":\"" + a.id() + "\"",
              "\"accessReport\":{")
          .doesNotContain("Eino", "020290-998J");
      assertThat(export.toString()).doesNotContain("Aino");
      assertThat(f.sink.events()).filteredOn(e -> e.action() == AuditAction.EXPORT).hasSize(2);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void export_withTheReportOfAnotherSubject_isRefusedWithItsCode_namingNeither(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      Subject a = create(f, "Aino Virtanen", "010190-999K", (LocalDate) null);
      SubjectRights rights = rights(f);
      // a HETU passed by mistake where the internal id belongs, with the right subject's report
      SubjectAccessReport report = accessReport(f, a.id().toString());
      int before = f.sink.events().size();

      assertThatThrownBy(() -> as(ADMIN, () -> rights.export("010190-999K", report)))
          .isInstanceOfSatisfying(
              SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-6023"))
          .hasMessageNotContaining("010190-999K")
          .hasMessageNotContaining(a.id().toString());
      assertThat(f.sink.events()).hasSize(before); // refused before anything was loaded
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void exportAndErase_byEmployee_areDeniedAndChangeNothing(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      Subject a = create(f, "Aino Virtanen", "010190-999K", TODAY.minusYears(20));
      SubjectRights rights = rights(f);
      assertThatThrownBy(() -> as(OWNER, () -> rights.export(a.id().toString(), null)))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageNotContaining("Aino");
      assertThatThrownBy(() -> as(OWNER, () -> rights.erase(a.id().toString())))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(column(f, "RightsClient", "name", "id = '" + a.id() + "'")).hasSize(1);
      assertThat(f.suoja.subjectKeys().find("A", a.id().toString())).isPresent();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void export_awkwardValues_isTheDocumentedTreeInOrder(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      LocalDate closed = TODAY.minusYears(2);
      Subject a = create(f, AWKWARD, "010190-999K", closed);
      Subject b = create(f, "Eino " + AWKWARD, AWKWARD, (LocalDate) null);
      SubjectRights rights = rights(f);
      SubjectAccessReport report = accessReport(f, a.id().toString());

      String withReport = as(ADMIN, () -> rights.export(a.id().toString(), report)).toJson();
      String held = as(ADMIN, () -> rights.export(b.id().toString(), null)).toJson();

      ObjectNode first = exportTree(a.id().toString(), JSON.readTree(report.toJson()));
      ((ArrayNode) first.get("records"))
          .add(record("RightsClient", a.id(), "name", AWKWARD, "hetu", "010190-999K"))
          .add(
              record(
                      "RightsNote",
                      a.notes().get(0),
                      "text",
                      "note 0 of " + AWKWARD,
                      "clientId",
                      a.id().toString())
                  .set(
                      "retention",
                      JSON.createObjectNode()
                          .put("basis", "Potilasasiakirja-asetus 298/2009 12 §")
                          .put(
                              "holdEnds",
                              closed
                                  .plusYears(12)
                                  .atStartOfDay()
                                  .toInstant(ZoneOffset.UTC)
                                  .toString())));
      ObjectNode second = exportTree(b.id().toString(), JSON.nullNode());
      ((ArrayNode) second.get("records"))
          .add(record("RightsClient", b.id(), "name", "Eino " + AWKWARD, "hetu", AWKWARD))
          .add(
              record(
                      "RightsNote",
                      b.notes().get(0),
                      "text",
                      "note 0 of Eino " + AWKWARD,
                      "clientId",
                      b.id().toString())
                  .set(
                      "retention",
                      JSON.createObjectNode()
                          .put("basis", "Potilasasiakirja-asetus 298/2009 12 §")
                          .putNull("holdEnds")));
      // equal trees with the same member order (a tree prints its members in parse order)
      assertThat(JSON.writeValueAsString(byEntity(withReport)))
          .isEqualTo(JSON.writeValueAsString(first));
      assertThat(JSON.writeValueAsString(byEntity(held)))
          .isEqualTo(JSON.writeValueAsString(second));
    }
  }

  /** The parsed export, its records sorted by entity: their order across entities is not fixed. */
  static JsonNode byEntity(String export) throws Exception {
    ObjectNode doc = (ObjectNode) JSON.readTree(export);
    List<JsonNode> records = new ArrayList<>();
    doc.get("records").forEach(records::add);
    records.sort(java.util.Comparator.comparing(r -> r.get("entity").asText()));
    ((ArrayNode) doc.get("records")).removeAll().addAll(records);
    return doc;
  }

  static ObjectNode exportTree(String subject, JsonNode accessReport) {
    ObjectNode doc =
        JSON.createObjectNode()
            .put("schema", SubjectRights.SCHEMA)
            .put("subject", subject)
            .put("exportedAt", NOW.toString());
    doc.putArray("records");
    doc.set("accessReport", accessReport);
    return doc;
  }

  static ObjectNode record(String entity, UUID id, String... attributes) {
    ObjectNode r =
        JSON.createObjectNode().put("entity", entity).put("id", id.toString()).put("tenant", "A");
    ObjectNode attrs = r.putObject("attributes");
    for (int i = 0; i < attributes.length; i += 2) {
      attrs.put(attributes[i], attributes[i + 1]);
    }
    r.putNull("retention");
    return r;
  }
}
