package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.Outcome;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.audit.sink.JsonLinesFileSink;
import fi.suoja.audit.verify.AuditVerifier;
import fi.suoja.audit.verify.Verification;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.model.Client;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.Actor;
import fi.suoja.policy.DenyReason;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tenant off-boarding: encrypted export, key destruction, verified destruction record. */
class TenantOffboardingTest {
  static final Actor ADMIN_A = Actor.tenantUser("admin-a", "A", Role.ORG_ADMIN);
  static final Instant HANDED_OVER = Instant.parse("2026-03-01T10:15:30Z");

  /** The jobs act as the current actor (docs/OPERATIONS.md, "Jobs"). */
  static <T> T act(Actor actor, java.util.function.Supplier<T> work) {
    return PrivacyContext.callAs(actor, Purpose.ADMINISTRATION, work);
  }

  static final Actor OWNER_B = Actor.tenantUser("e-9", "B", Role.EMPLOYEE);
  static final Actor ADMIN_B = Actor.tenantUser("admin-b", "B", Role.ORG_ADMIN);

  @TempDir Path dir;

  static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  /** Decrypts a CMS AuthEnvelopedData document the way a recipient would. */
  static JsonNode open(byte[] cms, PrivateKey key) throws Exception {
    CMSAuthEnvelopedData data = new CMSAuthEnvelopedData(cms);
    RecipientInformation recipient = data.getRecipientInfos().getRecipients().iterator().next();
    byte[] json =
        recipient.getContent(
            new JceKeyTransEnvelopedRecipient(key).setProvider(new BouncyCastleProvider()));
    return new ObjectMapper().readTree(json);
  }

  @Test
  void offboard_exportsEveryRecordToTheTenantKey_destroysKeys_recordIsVerified() throws Exception {
    Database db = Database.all().get(0);
    String prefix = KeyRotationTest.prefix();
    JdbcWrappedKeyStore keys = KeyRotationTest.keyStore(db, prefix);
    ChainKey chainKey = ChainKey.generate();
    Path trail = dir.resolve("trail");
    KeyPair tenantKey = rsa();
    try (JsonLinesFileSink sink =
            JsonLinesFileSink.builder(trail)
                .chain(
                    ChainOptions.builder()
                        .chainId("n1")
                        .chainKey(chainKey)
                        .withoutCheckpoints()
                        .build())
                .build();
        OpsFixture f =
            new OpsFixture(
                db,
                prefix,
                Map.of(1, KeyRotationTest.randomKey()),
                keys,
                "create-drop",
                Map.of(),
                sink,
                Client.class)) {
      Map<UUID, String[]> rowsA = RotationRows.persist(f.sessions, 0, 25);
      f.suoja.keyring().rotate("A");
      rowsA.putAll(RotationRows.persist(f.sessions, 25, 5)); // two key versions in use
      UUID clientB =
          PrivacyContext.callAs(
              OWNER_B,
              Purpose.CARE,
              () ->
                  f.sessions.fromTransaction(
                      s -> {
                        Client c = new Client("e-9", "Bertta", "Muu", "010190-999K");
                        s.persist(c);
                        return c.id;
                      }));
      UUID someA = rowsA.keySet().iterator().next();
      String sealedA = RotationRows.raw(db, f.table("Client"), "hetu", someA);

      SealedExport export =
          act(
              ADMIN_A,
              () ->
                  TenantOffboarding.builder(f.sessions)
                      .keyStore(keys)
                      .build()
                      .offboard("A", tenantKey.getPublic(), Client.class));

      // the export opens with the tenant's private key and holds every record of A, none of B
      assertThat(export.records()).containsExactly(Map.entry("Client", 30));
      assertThat(export.toString()).doesNotContain(rowsA.get(someA)[2]);
      JsonNode doc = open(export.document("Client"), tenantKey.getPrivate());
      assertThat(doc.get("tenant").asText()).isEqualTo("A");
      Set<String> seen = new HashSet<>();
      for (JsonNode r : doc.get("records")) {
        String[] expected = rowsA.get(UUID.fromString(r.get("id").asText()));
        assertThat(expected).isNotNull();
        assertThat(
                new String[] {
                  r.get("firstName").asText(), r.get("lastName").asText(), r.get("hetu").asText()
                })
            .containsExactly(expected);
        seen.add(r.get("id").asText());
      }
      assertThat(seen).hasSize(30);
      assertThatThrownBy(() -> export.document("NoSuchEntity"))
          .isInstanceOfSatisfying(
              SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-6314"))
          .hasMessageNotContaining("NoSuchEntity");
      // the export is not readable with another private key
      assertThatThrownBy(() -> open(export.document("Client"), rsa().getPrivate()))
          .isInstanceOf(Exception.class);

      // no data of A opens any more, by any path; B is untouched
      assertThat(keys.load("A")).isEmpty();
      CipherContext ctx = new CipherContext("A", "Client", "hetu", someA.toString());
      assertThatThrownBy(() -> f.suoja.cipher().open(ctx, sealedA))
          .isInstanceOf(KeyUnavailableException.class)
          .hasMessageContaining("SUOJA-1002");
      assertThatThrownBy(() -> RotationRows.load(f.sessions, someA))
          .isInstanceOf(KeyUnavailableException.class);
      Client b =
          PrivacyContext.callAs(
              OWNER_B,
              Purpose.CARE,
              () -> f.sessions.fromTransaction(s -> s.find(Client.class, clientB)));
      assertThat(b.hetu).isEqualTo("010190-999K");
      assertThat(keys.load("B")).hasSize(1);
    }

    // the destruction record is in the chain, names both keys, and the chain verifies
    List<Verification> results =
        AuditVerifier.builder().chainKey(chainKey).build().verifyFiles(trail, null);
    assertThat(results).singleElement().isInstanceOf(Verification.Intact.class);
    List<AuditEvent> events;
    try (Stream<Path> files = Files.list(trail)) {
      events =
          files
              .flatMap(
                  p -> {
                    try {
                      return Files.readAllLines(p).stream();
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .map(TenantOffboardingTest::event)
              .toList();
    }
    assertThat(events)
        .filteredOn(e -> e.action() == AuditAction.KEY_DESTROYED)
        .extracting(e -> e.resource().id())
        .containsExactly("tenant:A:v1", "tenant:A:v2");
    assertThat(events)
        .filteredOn(e -> e.action() == AuditAction.KEY_DESTROYED)
        .allSatisfy(e -> assertThat(e.actor().userId()).isEqualTo("admin-a"));
    assertThat(events)
        .filteredOn(e -> e.action() == AuditAction.TENANT_OFFBOARDED)
        .singleElement()
        .satisfies(e -> assertThat(e.resource().id()).isEqualTo("A"));
    assertThat(events).filteredOn(e -> e.action() == AuditAction.EXPORT).hasSize(30);
  }

  static AuditEvent event(String line) {
    try {
      JsonNode node = new ObjectMapper().readTree(line);
      JsonNode ev = node.has("event") ? node.get("event") : node;
      return AuditEvent.fromJson(ev.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void offboard_byNonAdmin_refused_nothingDestroyed() throws Exception {
    Database db = Database.all().get(0);
    String prefix = KeyRotationTest.prefix();
    JdbcWrappedKeyStore keys = KeyRotationTest.keyStore(db, prefix);
    try (OpsFixture f =
        new OpsFixture(
            db, prefix, KeyRotationTest.randomKey(), keys, "create-drop", Map.of(), Client.class)) {
      RotationRows.persist(f.sessions, 0, 3);
      TenantOffboarding off = TenantOffboarding.builder(f.sessions).keyStore(keys).build();
      KeyPair k = rsa();
      int mark = f.sink.events().size();
      // the policy refuses (and the guard audits) before anything is exported or destroyed
      assertThatThrownBy(
              () -> act(RotationRows.OWNER, () -> off.offboard("A", k.getPublic(), Client.class)))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("SUOJA-3100");
      assertThatThrownBy(
              () ->
                  act(
                      Actor.providerUser("p-1", Role.PROVIDER_ADMIN),
                      () -> off.offboard("A", k.getPublic(), Client.class)))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> act(ADMIN_B, () -> off.destroyKeys("A")))
          .isInstanceOfSatisfying(
              AccessDeniedException.class,
              e -> assertThat(e.decision().reason()).isEqualTo(DenyReason.CROSS_TENANT));
      assertThat(f.sink.events().subList(mark, f.sink.events().size()))
          .extracting(
              e ->
                  e.action()
                      + " "
                      + e.actor().userId()
                      + " "
                      + e.actor().side()
                      + " "
                      + e.actor().tenantId()
                      + " "
                      + e.outcome())
          .containsExactly(
              "TENANT_OFFBOARDED "
                  + RotationRows.OWNER.userId()
                  + " TENANT A "
                  + Outcome.denied("ROLE_NOT_PERMITTED"),
              "TENANT_OFFBOARDED p-1 PROVIDER provider " + Outcome.denied("ROLE_NOT_PERMITTED"),
              "TENANT_OFFBOARDED admin-b TENANT B " + Outcome.denied("CROSS_TENANT"));
      KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
      assertThatThrownBy(
              () ->
                  act(
                      ADMIN_A,
                      () -> off.offboard("A", ec.generateKeyPair().getPublic(), Client.class)))
          .hasMessageContaining("SUOJA-6310");
      // the allowed off-boarding whose export failed is followed by its failure
      assertThat(f.sink.events())
          .last()
          .satisfies(
              e -> {
                assertThat(e.action()).isEqualTo(AuditAction.TENANT_OFFBOARDED);
                assertThat(e.outcome()).isEqualTo(Outcome.failure("EXPORT_FAILED"));
              });
      assertThat(keys.load("A")).hasSize(1);
      assertThat(f.sink.events()).noneMatch(e -> e.action() == AuditAction.KEY_DESTROYED);
    }
  }

  @Test
  void handOver_exportsOneSubjectToTheRecipient_auditsDisclosurePerRecord() throws Exception {
    Database db = Database.all().get(0);
    String prefix = KeyRotationTest.prefix();
    try (OpsFixture f =
        new OpsFixture(
            db,
            prefix,
            KeyRotationTest.randomKey(),
            KeyRotationTest.keyStore(db, prefix),
            "create-drop",
            Map.of(),
            Client.class)) {
      Map<UUID, String[]> rows = RotationRows.persist(f.sessions, 0, 4);
      UUID subject = rows.keySet().iterator().next();
      KeyPair recipient = rsa();
      InMemoryAuditSink sink = f.sink;
      int before = sink.events().size();
      SubjectHandover handover =
          SubjectHandover.builder(f.sessions)
              .clock(Clock.fixed(HANDED_OVER, ZoneOffset.UTC))
              .build();
      SealedExport out =
          act(
              ADMIN_A,
              () ->
                  handover.handOver(
                      subject.toString(),
                      "org-municipality-1",
                      recipient.getPublic(),
                      Client.class));

      JsonNode doc = open(out.document("subject"), recipient.getPrivate());
      assertThat(doc.get("recipient").asText()).isEqualTo("org-municipality-1");
      assertThat(doc.get("exportedAt").asText()).isEqualTo(HANDED_OVER.toString());
      JsonNode clients = doc.get("entities").get("Client");
      assertThat(clients).hasSize(1);
      assertThat(clients.get(0).get("hetu").asText()).isEqualTo(rows.get(subject)[2]);
      List<AuditEvent> events = sink.events().subList(before, sink.events().size());
      assertThat(events)
          .filteredOn(e -> e.action() == AuditAction.DISCLOSURE)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.resource().id()).isEqualTo(subject.toString());
                assertThat(e.subjectId()).isEqualTo(subject.toString());
                assertThat(e.correlationId()).isEqualTo("org-municipality-1");
                assertThat(e.toJson()).doesNotContain(rows.get(subject)[2]);
              });
      assertThat(events).filteredOn(e -> e.action() == AuditAction.EXPORT).hasSize(1);
      // the care policy lets only the ORG_ADMIN export: the owner is refused, nothing disclosed
      Actor other = RotationRows.OWNER;
      int mark = sink.events().size();
      assertThatThrownBy(
              () ->
                  act(
                      other,
                      () ->
                          handover.handOver(
                              subject.toString(),
                              "org-municipality-1",
                              recipient.getPublic(),
                              Client.class)))
          .isInstanceOf(fi.suoja.SuojaException.class);
      assertThat(sink.events().subList(mark, sink.events().size()))
          .noneMatch(e -> e.action() == AuditAction.DISCLOSURE);

      // once the recipient confirmed: the local copy is erased, the other subjects stay
      ErasureResult erased = act(ADMIN_A, () -> handover.complete(subject.toString()));
      assertThat(erased.erased())
          .extracting(ErasureResult.Erased::id)
          .containsExactly(subject.toString());
      assertThat(erased.retained()).isEmpty();
      assertThat(rowCount(db, f.table("Client"), subject)).isZero();
      UUID another =
          rows.keySet().stream().filter(k -> !k.equals(subject)).findFirst().orElseThrow();
      assertThat(rowCount(db, f.table("Client"), another)).isOne();
    }
  }

  @Test
  void offboard_alsoShredsTheKeysOfDataSubjectsWithKeysOfTheirOwn() throws Exception {
    Database db = Database.all().get(0);
    String prefix = KeyRotationTest.prefix();
    JdbcWrappedKeyStore keys = KeyRotationTest.keyStore(db, prefix);
    Path trail = dir.resolve("trail-subjects");
    try (JsonLinesFileSink sink =
            JsonLinesFileSink.builder(trail)
                .chain(
                    ChainOptions.builder()
                        .chainId("n1")
                        .chainKey(ChainKey.generate())
                        .withoutCheckpoints()
                        .build())
                .build();
        OpsFixture f =
            new OpsFixture(
                db,
                prefix,
                Map.of(1, KeyRotationTest.randomKey()),
                keys,
                "create-drop",
                Map.of(),
                sink,
                Client.class,
                fi.suoja.jpa.model.RightsClient.class)) {
      Actor owner = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);
      UUID id =
          PrivacyContext.callAs(
              owner,
              Purpose.CARE,
              () ->
                  f.sessions.fromTransaction(
                      s -> {
                        fi.suoja.jpa.model.RightsClient c =
                            new fi.suoja.jpa.model.RightsClient("e-1", "Helmi", "010594Y9021");
                        s.persist(c);
                        return c.id;
                      }));
      String sealed = RotationRows.raw(db, f.table("RightsClient"), "hetu", id); // a "backup"
      assertThat(f.suoja.subjectKeys().find("A", id.toString())).isPresent();

      List<String> destroyed =
          act(
              ADMIN_A,
              () -> TenantOffboarding.builder(f.sessions).keyStore(keys).build().destroyKeys("A"));

      assertThat(destroyed).contains("subject:A:" + id, "subject-reference:A");
      assertThat(f.suoja.subjectKeys().find("A", id.toString())).isEmpty();
      CipherContext ctx = new CipherContext("A", "RightsClient", "hetu", id.toString());
      assertThatThrownBy(() -> f.suoja.cipher().open(ctx, sealed))
          .isInstanceOf(KeyUnavailableException.class)
          .hasMessageNotContaining("010594Y9021");
    }
  }

  @Test
  void destroyKeys_takesAnyStore_oneThatCannotDestroy_failsClosedBeforeDestroyingAnything() {
    Database db = Database.all().get(0);
    String prefix = KeyRotationTest.prefix();
    WrappedKeyStore memory = WrappedKeyStore.inMemory();
    try (OpsFixture f =
        new OpsFixture(
            db,
            prefix,
            KeyRotationTest.randomKey(),
            memory,
            "create-drop",
            Map.of(),
            Client.class,
            fi.suoja.jpa.model.RightsClient.class)) {
      RotationRows.persist(f.sessions, 0, 2);
      UUID id =
          PrivacyContext.callAs(
              RotationRows.OWNER,
              Purpose.CARE,
              () ->
                  f.sessions.fromTransaction(
                      s -> {
                        fi.suoja.jpa.model.RightsClient c =
                            new fi.suoja.jpa.model.RightsClient("e-1", "Helmi", "010594Y9021");
                        s.persist(c);
                        return c.id;
                      }));
      int events = f.sink.events().size();
      // a store written before destroy joined the SPI: it deletes (subject keys) but cannot destroy
      WrappedKeyStore deleteOnly = LimitedKeyStore.of(memory, "delete");

      assertThatThrownBy(
              () ->
                  act(
                      ADMIN_A,
                      () ->
                          TenantOffboarding.builder(f.sessions)
                              .keyStore(deleteOnly)
                              .build()
                              .destroyKeys("A")))
          .isInstanceOfSatisfying(
              SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1009"));
      assertThat(memory.load("A")).hasSize(1);
      assertThat(memory.load(fi.suoja.crypto.SubjectKeys.REFERENCE_OWNER_PREFIX + "A")).hasSize(1);
      assertThat(f.suoja.subjectKeys().find("A", id.toString())).isPresent();
      // the OFFBOARD decision was recorded first, then its failure; no key is recorded destroyed
      assertThat(f.sink.events().subList(events, f.sink.events().size()))
          .extracting(e -> e.action() + " " + e.outcome())
          .containsExactly(
              "TENANT_OFFBOARDED " + Outcome.success(),
              "TENANT_OFFBOARDED " + Outcome.failure("KEYS_NOT_DESTROYED"));

      List<String> destroyed =
          act(
              ADMIN_A,
              () ->
                  TenantOffboarding.builder(f.sessions).keyStore(memory).build().destroyKeys("A"));
      assertThat(destroyed).contains("tenant:A:v1", "subject:A:" + id, "subject-reference:A");
      assertThat(memory.load("A")).isEmpty();
      assertThat(f.suoja.subjectKeys().find("A", id.toString())).isEmpty();
    }
  }

  static int rowCount(Database db, String table, UUID id) throws Exception {
    try (java.sql.Connection c = db.connect();
        java.sql.PreparedStatement ps =
            c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE id = ?")) {
      ps.setObject(1, id);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Test
  void jobs_withoutACurrentActor_failNoActor_andAFactoryWithoutSuoja_failsCoded() {
    Database db = Database.all().get(0);
    String prefix = KeyRotationTest.prefix();
    JdbcWrappedKeyStore keys = KeyRotationTest.keyStore(db, prefix);
    try (OpsFixture f =
        new OpsFixture(
            db, prefix, KeyRotationTest.randomKey(), keys, "create-drop", Map.of(), Client.class)) {
      RotationRows.persist(f.sessions, 0, 1);
      TenantOffboarding off = TenantOffboarding.builder(f.sessions).keyStore(keys).build();
      assertThatThrownBy(() -> off.destroyKeys("A")).hasMessageStartingWith("SUOJA-3002");
      assertThatThrownBy(() -> SubjectHandover.builder(f.sessions).build().complete("x"))
          .hasMessageStartingWith("SUOJA-3002");
      assertThat(keys.load("A")).hasSize(1);
      assertThatThrownBy(() -> TenantOffboarding.builder(f.sessions).build())
          .hasMessageStartingWith("SUOJA-1509");
    }
    try (JpaFixture off =
        new JpaFixture(db, Map.of(SuojaJpaSettings.ENABLED, "false"), Client.class)) {
      assertThatThrownBy(() -> KeyRotation.builder(off.sessions))
          .hasMessageStartingWith("SUOJA-1508");
      assertThatThrownBy(() -> PlaintextMigration.builder(off.sessions))
          .hasMessageStartingWith("SUOJA-1508");
      assertThatThrownBy(() -> RetentionJob.builder(off.sessions))
          .hasMessageStartingWith("SUOJA-1508");
      assertThatThrownBy(() -> SubjectRights.builder(off.sessions))
          .hasMessageStartingWith("SUOJA-1508");
      assertThatThrownBy(() -> SubjectHandover.builder(off.sessions))
          .hasMessageStartingWith("SUOJA-1508");
      assertThatThrownBy(() -> TenantOffboarding.builder(off.sessions))
          .hasMessageStartingWith("SUOJA-1508");
    }
  }
}
