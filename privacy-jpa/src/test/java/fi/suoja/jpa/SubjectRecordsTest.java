package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.ADMIN;
import static fi.suoja.jpa.EncryptedEntityTest.COLLEAGUE;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static fi.suoja.jpa.EncryptedEntityTest.rawRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.annotation.Erasure;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.EmbeddedVisit;
import fi.suoja.jpa.model.HeldVisit;
import fi.suoja.jpa.model.PlanEntry;
import fi.suoja.jpa.model.PropertyClient;
import fi.suoja.jpa.model.UnnamedKeyEntry;
import fi.suoja.jpa.model.VisitKey;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.security.KeyPair;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The subject-record path on mappings beyond a public field {@code @Id}: property access, an
 * {@code @EmbeddedId} and an {@code @IdClass}. Persist, load, the policy's decision, subject export
 * and erasure, hand-over and off-boarding export; and one coded error for a subject id that is not
 * one, from every entry point.
 */
class SubjectRecordsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Class<?>[] ENTITIES = {
    PropertyClient.class, EmbeddedVisit.class, PlanEntry.class, Client.class
  };

  static List<Database> databases() {
    return Database.all();
  }

  static JpaFixture fixture(Database db) {
    return new JpaFixture(db, Map.of(), ENTITIES);
  }

  static <T> T admin(Supplier<T> work) {
    return PrivacyContext.callAs(ADMIN, Purpose.CARE, work);
  }

  /** One client and their records in every mapping: a visit and a plan entry. */
  record Subject(UUID id, VisitKey visit, PlanEntry.Key plan) {}

  static Subject create(JpaFixture f, String name, String hetu) {
    return as(
        f,
        OWNER,
        s -> {
          PropertyClient c = new PropertyClient("e-1", name, hetu, "040 123 " + name.length());
          s.persist(c);
          VisitKey visit = new VisitKey(UUID.randomUUID(), 1);
          s.persist(new EmbeddedVisit(visit, "e-1", c.getId(), "visit of " + name));
          UUID plan = UUID.randomUUID();
          s.persist(
              new PlanEntry(
                  plan, 7, "e-1", c.getId(), "goal of " + name, "relative #" + name.length()));
          return new Subject(c.getId(), visit, new PlanEntry.Key(plan, 7));
        });
  }

  @ParameterizedTest
  @MethodSource("databases")
  void everyMapping_isSealedOpenedForTheOwnerAndRefusedToAColleague(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      Subject a = create(f, "Aino Virtanen", "010190-999K");

      for (String table : List.of("PropertyClient", "EmbeddedVisit", "PlanEntry")) {
        assertThat(String.join("|", rawRow(f, table, a.id())))
            .doesNotContain("Aino", "010190-999K");
      }
      List<String> opened =
          as(
              f,
              OWNER,
              s ->
                  List.of(
                      s.find(PropertyClient.class, a.id()).getHetu(),
                      s.find(EmbeddedVisit.class, a.visit()).observation,
                      s.find(PlanEntry.class, a.plan()).goal));
      assertThat(opened)
          .containsExactly("010190-999K", "visit of Aino Virtanen", "goal of Aino Virtanen");
      // the policy decided on each record's own id, owner and subject
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.READ)
          .extracting(e -> e.resource().type(), e -> e.resource().id(), AuditEvent::subjectId)
          .contains(
              Tuple.tuple("PropertyClient", a.id().toString(), a.id().toString()),
              Tuple.tuple("EmbeddedVisit", a.visit().toString(), a.id().toString()),
              Tuple.tuple("PlanEntry", a.plan().toString(), a.id().toString()));
      assertThatThrownBy(() -> as(f, COLLEAGUE, s -> s.find(EmbeddedVisit.class, a.visit())))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> as(f, COLLEAGUE, s -> s.find(PlanEntry.class, a.plan())))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> as(f, COLLEAGUE, s -> s.find(PropertyClient.class, a.id())))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void subjectExport_findsAndOpensTheRecordsOfEveryMapping(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      Subject a = create(f, "Aino Virtanen", "010190-999K");
      create(f, "Eino Leino", "020290-998J");
      SubjectRights rights = SubjectRights.builder(f.sessions).build();

      SubjectExport export = admin(() -> rights.export(a.id().toString(), null));

      assertThat(export.recordCount()).isEqualTo(3);
      List<String> seen = new ArrayList<>();
      for (JsonNode r : JSON.readTree(export.toJson()).get("records")) {
        seen.add(r.get("entity").asText() + "#" + r.get("id").asText() + " " + r.get("attributes"));
      }
      assertThat(seen)
          .containsExactlyInAnyOrder(
              "PropertyClient#"
                  + a.id()
                  + " {\"name\":\"Aino Virtanen\",\"hetu\":\"010190-999K\","
                  + "\"phone\":\"040 123 13\"}",
              "EmbeddedVisit#"
                  + a.visit()
                  + " {\"observation\":\"visit of Aino Virtanen\","
                  + "\"clientId\":\""
                  + a.id()
                  + "\"}",
              "PlanEntry#"
                  + a.plan()
                  + " {\"goal\":\"goal of Aino Virtanen\","
                  + "\"contactPerson\":\"relative #13\",\"clientId\":\""
                  + a.id()
                  + "\"}");
      assertThat(export.toJson()).doesNotContain("Eino");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void subjectErasure_deletesAndAnonymisesThroughThePersister(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      Subject a = create(f, "Aino Virtanen", "010190-999K");
      Subject b = create(f, "Eino Leino", "020290-998J");
      SubjectRights rights = SubjectRights.builder(f.sessions).build();

      ErasureResult result = admin(() -> rights.erase(a.id().toString()));

      assertThat(result.retained()).isEmpty();
      assertThat(result.erased())
          .extracting(
              ErasureResult.Erased::entity, ErasureResult.Erased::id, ErasureResult.Erased::how)
          .containsExactlyInAnyOrder(
              Tuple.tuple("PropertyClient", a.id().toString(), Erasure.Mode.ANONYMISE_FIELDS),
              Tuple.tuple("EmbeddedVisit", a.visit().toString(), Erasure.Mode.DELETE_RECORD),
              Tuple.tuple("PlanEntry", a.plan().toString(), Erasure.Mode.ANONYMISE_FIELDS));
      PropertyClient client = as(f, OWNER, s -> s.find(PropertyClient.class, a.id()));
      assertThat(new Object[] {client.getName(), client.getHetu(), client.getPhone()})
          .containsOnlyNulls();
      EmbeddedVisit visit = as(f, OWNER, s -> s.find(EmbeddedVisit.class, a.visit()));
      assertThat(visit).isNull();
      PlanEntry plan = as(f, OWNER, s -> s.find(PlanEntry.class, a.plan()));
      assertThat(new Object[] {plan.goal, plan.contactPerson}).containsOnlyNulls();
      assertThat(plan.clientId).isEqualTo(a.id());
      // the other subject keeps everything
      assertThat(admin(() -> rights.export(b.id().toString(), null)).toJson())
          .contains("020290-998J", "visit of Eino Leino", "relative #10");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void handOverAndOffboardingExport_coverEveryMapping(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      Subject a = create(f, "Aino Virtanen", "010190-999K");
      create(f, "Eino Leino", "020290-998J");
      KeyPair key = TenantOffboardingTest.rsa();

      SubjectHandover handover = SubjectHandover.builder(f.sessions).build();
      SealedExport handed =
          admin(
              () ->
                  handover.handOver(
                      a.id().toString(),
                      "org-municipality-1",
                      key.getPublic(),
                      PropertyClient.class,
                      EmbeddedVisit.class,
                      PlanEntry.class));

      JsonNode doc = TenantOffboardingTest.open(handed.document("subject"), key.getPrivate());
      JsonNode entities = doc.get("entities");
      assertThat(entities.get("PropertyClient"))
          .singleElement()
          .satisfies(r -> assertThat(r.get("hetu").asText()).isEqualTo("010190-999K"));
      assertThat(entities.get("EmbeddedVisit"))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.get("observation").asText()).isEqualTo("visit of Aino Virtanen");
                assertThat(r.get("id").toString())
                    .isEqualTo("{\"round\":\"" + a.visit().round + "\",\"seq\":1}");
              });
      assertThat(entities.get("PlanEntry"))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.get("goal").asText()).isEqualTo("goal of Aino Virtanen");
                // a composite id is exported as its parts
                assertThat(r.get("id").toString())
                    .isEqualTo("{\"plan\":\"" + a.plan().plan() + "\",\"line\":7}");
                assertThat(r.has("_identifierMapper")).isFalse();
              });
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.DISCLOSURE)
          .extracting(e -> e.resource().id())
          .containsExactlyInAnyOrder(a.id().toString(), a.visit().toString(), a.plan().toString());

      TenantOffboarding offboarding =
          TenantOffboarding.builder(f.sessions).keyStore(WrappedKeyStore.inMemory()).build();
      SealedExport all =
          admin(
              () ->
                  offboarding.export(
                      "A",
                      key.getPublic(),
                      PropertyClient.class,
                      EmbeddedVisit.class,
                      PlanEntry.class));

      assertThat(all.records())
          .containsExactly(
              Map.entry("PropertyClient", 2),
              Map.entry("EmbeddedVisit", 2),
              Map.entry("PlanEntry", 2));
      JsonNode visits = TenantOffboardingTest.open(all.document("EmbeddedVisit"), key.getPrivate());
      List<String> observations = new ArrayList<>();
      visits.get("records").forEach(r -> observations.add(r.get("observation").asText()));
      assertThat(observations)
          .containsExactlyInAnyOrder("visit of Aino Virtanen", "visit of Eino Leino");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void malformedSubjectId_isOneCodedErrorFromEveryEntryPoint_withoutTheId(Database db)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      create(f, "Aino Virtanen", "010190-999K");
      SubjectRights rights = SubjectRights.builder(f.sessions).build();
      SubjectHandover handover = SubjectHandover.builder(f.sessions).build();
      KeyPair key = TenantOffboardingTest.rsa();
      // a HETU passed where the internal id belongs: it must not reach the message
      for (String bad : List.of("not-a-uuid", "010190-999K")) {
        List<ThrowingCallable> calls =
            List.of(
                () -> admin(() -> rights.export(bad, null)),
                () -> admin(() -> rights.erase(bad)),
                // Client: the id is the subject; EmbeddedVisit: a UUID @DataSubjectId
                () -> admin(() -> handover.handOver(bad, "org-1", key.getPublic(), Client.class)),
                () ->
                    admin(
                        () ->
                            handover.handOver(bad, "org-1", key.getPublic(), EmbeddedVisit.class)),
                () -> admin(() -> handover.complete(bad)));
        for (ThrowingCallable call : calls) {
          assertThatThrownBy(call)
              .isInstanceOfSatisfying(
                  SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-6021"))
              .hasMessageContaining("is not a valid UUID")
              .hasMessageNotContaining(bad);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void compositeIdWithoutSubjectAttribute_isRefusedWithACodeNotSkipped(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), HeldVisit.class, PropertyClient.class)) {
      as(
          f,
          OWNER,
          s -> {
            s.persist(
                new HeldVisit(
                    new VisitKey(UUID.randomUUID(), 1),
                    "e-1",
                    "old visit",
                    LocalDate.now(java.time.ZoneOffset.UTC).minusYears(5)));
            return null;
          });
      SubjectRights rights = SubjectRights.builder(f.sessions).build();
      String subject = UUID.randomUUID().toString();
      // its records would silently be missing from the export: refused instead
      assertThatThrownBy(() -> admin(() -> rights.export(subject, null)))
          .isInstanceOfSatisfying(
              SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-6040"))
          .hasMessageContaining("HeldVisit has a composite id and no @DataSubjectId");
      assertThatThrownBy(() -> admin(() -> rights.erase(subject)))
          .isInstanceOfSatisfying(
              SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-6040"));
      // the retention job pages by a single id
      RetentionJob job = RetentionJob.builder(f.sessions).build();
      assertThatThrownBy(() -> admin(job::run))
          .isInstanceOfSatisfying(
              SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-6041"))
          .hasMessageContaining("HeldVisit has a composite id");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void compositeIdWithoutItsOwnToString_isRefusedAtBoot(Database db) {
    db.assumeAvailable();
    assertThatThrownBy(() -> new JpaFixture(db, Map.of(), UnnamedKeyEntry.class).close())
        .isInstanceOfSatisfying(
            SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-6042"))
        .hasMessageContaining(
            "UnnamedKeyEntry has a composite id of class "
                + UnnamedKeyEntry.Key.class.getName()
                + " without its own toString()");
  }
}
