package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.COLLEAGUE;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static fi.suoja.jpa.EncryptedEntityTest.persistClient;
import static fi.suoja.jpa.EncryptedEntityTest.rawColumn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaException;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Outcome;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.DecryptionException;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.DynamicClient;
import fi.suoja.jpa.model.RightsClient;
import fi.suoja.jpa.model.RightsNote;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The owner and the data subject a policy decides on are bound into every envelope of the row
 * (review D5): changing them in the database without keys yields no plaintext, and a change made
 * through the session re-seals the row for the new owner.
 */
class OwnerBindingTest {

  static List<Database> databases() {
    return Database.all();
  }

  static Stream<Arguments> clientTypes() {
    return Database.all().stream()
        .flatMap(db -> Stream.of(Arguments.of(db, "Client"), Arguments.of(db, "DynamicClient")));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void ownerChangedInTheDatabase_newOwnerGetsNoPlaintext_andTheReadIsAuditedAsFailed(Database db)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      setColumn(f, "Client", id, "responsibleEmployee", "e-2");
      f.sink.clear();

      assertThatThrownBy(() -> as(f, COLLEAGUE, s -> s.find(Client.class, id).lastName))
          .isInstanceOf(DecryptionException.class)
          .hasMessageContaining("SUOJA-1001")
          .hasMessageNotContaining("Virtanen")
          .hasMessageNotContaining("Aino");
      // the policy allowed e-2 as the (forged) owner and said so; the failed open follows it
      List<AuditEvent> reads =
          f.sink.events().stream().filter(e -> e.action() == AuditAction.READ).toList();
      assertThat(reads).isNotEmpty();
      AuditEvent last = reads.get(reads.size() - 1);
      assertThat(last.outcome()).isEqualTo(Outcome.failure("UNREADABLE"));
      assertThat(last.actor().userId()).isEqualTo("e-2");

      // the real owner is now refused by the policy, and setting the column back restores it
      assertThatThrownBy(() -> as(f, OWNER, s -> s.find(Client.class, id)))
          .isInstanceOf(AccessDeniedException.class);
      setColumn(f, "Client", id, "responsibleEmployee", "e-1");
      assertThat(text(f, OWNER, s -> s.find(Client.class, id).lastName)).isEqualTo("Virtanen");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void ownerRemovedInTheDatabase_failsToOpen(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      setColumn(f, "Client", id, "responsibleEmployee", null);

      assertThatThrownBy(() -> as(f, EncryptedEntityTest.ADMIN, s -> s.find(Client.class, id)))
          .isInstanceOf(DecryptionException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void subjectChangedInTheDatabase_failsToOpen(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), RightsClient.class, RightsNote.class)) {
      UUID client = UUID.randomUUID();
      UUID note =
          as(
              f,
              OWNER,
              s -> {
                RightsNote n =
                    new RightsNote("e-1", client, "Kävi lääkärissä", LocalDate.of(2026, 3, 1));
                s.persist(n);
                return n.id;
              });
      assertThat(text(f, OWNER, s -> s.find(RightsNote.class, note).text))
          .isEqualTo("Kävi lääkärissä");
      setColumn(f, "RightsNote", note, "clientId", UUID.randomUUID());

      assertThatThrownBy(() -> as(f, OWNER, s -> s.find(RightsNote.class, note).text))
          .isInstanceOf(DecryptionException.class)
          .hasMessageNotContaining("lääkärissä");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clientTypes")
  void ownerTransferredThroughTheSession_resealsEveryValue_forTheNewOwnerOnly(
      Database db, String entity) throws Exception {
    db.assumeAvailable();
    boolean dynamic = entity.equals("DynamicClient");
    try (JpaFixture f =
        dynamic ? new JpaFixture(db, Map.of(), DynamicClient.class) : new JpaFixture(db)) {
      UUID id =
          as(
              f,
              OWNER,
              s -> {
                if (dynamic) {
                  DynamicClient c = new DynamicClient("e-1", "Virtanen", "131052-308T");
                  s.persist(c);
                  return c.id;
                }
                Client c = new Client("e-1", "Aino", "Virtanen", "131052-308T");
                s.persist(c);
                return c.id;
              });
      String lastName = rawColumn(f, entity, id, "lastName");
      String hetu = rawColumn(f, entity, id, "hetu");
      f.sink.clear();

      // an UPDATE is decided on the record as stored: the owner e-1 hands the client over
      as(
          f,
          OWNER,
          s -> {
            if (dynamic) {
              s.find(DynamicClient.class, id).responsibleEmployee = "e-2";
            } else {
              s.find(Client.class, id).responsibleEmployee = "e-2";
            }
            return null;
          });

      // every encrypted column was rewritten, also under @DynamicUpdate
      assertThat(rawColumn(f, entity, id, "lastName")).isNotEqualTo(lastName);
      assertThat(rawColumn(f, entity, id, "hetu")).isNotEqualTo(hetu);
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.UPDATE)
          .singleElement()
          .satisfies(e -> assertThat(e.fields()).containsExactly("responsibleEmployee"));
      Class<?> type = dynamic ? DynamicClient.class : Client.class;
      assertThat(text(f, COLLEAGUE, s -> lastName(s.find(type, id)))).isEqualTo("Virtanen");
      assertThatThrownBy(() -> as(f, OWNER, s -> s.find(type, id)))
          .isInstanceOf(AccessDeniedException.class);
      // the old envelopes are bound to e-1: putting one back does not give e-2 plaintext
      setColumn(f, entity, id, "lastName", lastName);
      assertThatThrownBy(() -> as(f, COLLEAGUE, s -> s.find(type, id)))
          .isInstanceOf(DecryptionException.class);
      // and the new ones are bound to e-2: handing the row back in the database fails too
      setColumn(f, entity, id, "responsibleEmployee", "e-1");
      assertThatThrownBy(() -> as(f, OWNER, s -> s.find(type, id)))
          .isInstanceOf(DecryptionException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void unboundEnvelope_writtenBeforeTheBinding_stillOpens_andIsBoundOnTheNextWrite(Database db)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      String old = unboundLastName(f, id, "Virtanen");
      setColumn(f, "Client", id, "lastName", old);
      assertThat(f.suoja.cipher().bindsPolicy(context(id), old)).isFalse();

      assertThat(text(f, OWNER, s -> s.find(Client.class, id).lastName)).isEqualTo("Virtanen");

      as(
          f,
          OWNER,
          s -> {
            s.find(Client.class, id).municipality = "Espoo";
            return null;
          });
      assertThat(f.suoja.cipher().bindsPolicy(context(id), rawColumn(f, "Client", id, "lastName")))
          .isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void unboundEnvelope_refused_whenPolicyBindingIsRequired(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f =
        new JpaFixture(db, Map.of(SuojaJpaSettings.REQUIRE_POLICY_BINDING, "true"), Client.class)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      assertThat(text(f, OWNER, s -> s.find(Client.class, id).lastName)).isEqualTo("Virtanen");
      setColumn(f, "Client", id, "lastName", unboundLastName(f, id, "Virtanen"));
      f.sink.clear();

      assertThatThrownBy(() -> as(f, OWNER, s -> s.find(Client.class, id)))
          .isInstanceOfSatisfying(
              SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5019"))
          .hasMessageContaining("Client")
          .hasMessageContaining("lastName")
          .hasMessageNotContaining("Virtanen");
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.READ)
          .last()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.failure("UNREADABLE")));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void requirePolicyBinding_badValue_failsTheBoot(Database db) {
    db.assumeAvailable();
    assertThatThrownBy(
            () ->
                new JpaFixture(
                        db,
                        Map.of(SuojaJpaSettings.REQUIRE_POLICY_BINDING, "sometimes"),
                        Client.class)
                    .close())
        .hasMessageContaining("SUOJA-5221")
        .hasMessageContaining(SuojaJpaSettings.REQUIRE_POLICY_BINDING);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void keyRotation_resealsOldAndUnboundValues_bound(Database db) throws Exception {
    db.assumeAvailable();
    try (OpsFixture f = PlaintextMigrationTest.fixture(db, "off")) {
      String table = f.table("Client");
      List<UUID> ids = List.copyOf(RotationRows.persist(f.sessions, 0, 3).keySet());
      UUID old = ids.get(0);
      setRaw(db, table, old, "lastName", f.suoja.cipher().seal(context(old), "Suku-ö0"));
      f.suoja.keyring().rotate("A");
      KeyRotation rotation = KeyRotation.builder(f.sessions).batchSize(2).build();
      rotation.run(Client.class);
      assertEveryValueBound(db, f, table, ids);

      // an unbound value already under the newest version is bound by the next run too
      UUID current = ids.get(1);
      setRaw(db, table, current, "lastName", f.suoja.cipher().seal(context(current), "Suku-ö1"));
      rotation.run(Client.class);
      assertEveryValueBound(db, f, table, ids);

      assertThat(RotationRows.load(f.sessions, old).lastName).isEqualTo("Suku-ö0");
      setRaw(db, table, old, "responsibleEmployee", "e-2");
      assertThatThrownBy(
              () ->
                  PrivacyContext.callAs(
                      COLLEAGUE,
                      Purpose.CARE,
                      () -> f.sessions.fromTransaction(s -> s.find(Client.class, old))))
          .isInstanceOf(DecryptionException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void plaintextMigration_sealsLegacyRowsBound(Database db) throws Exception {
    db.assumeAvailable();
    try (OpsFixture f = PlaintextMigrationTest.fixture(db, "read")) {
      String table = f.table("Client");
      UUID id = UUID.randomUUID();
      try (Connection c = db.connect()) {
        LegacyRows.insert(c, table, id, "Etu", "Suku", LegacyRows.hetu(1));
      }
      PlaintextMigration.builder(f.sessions).build().run(Client.class);
      assertEveryValueBound(db, f, table, List.of(id));

      assertThat(RotationRows.load(f.sessions, id).lastName).isEqualTo("Suku");
      setRaw(db, table, id, "responsibleEmployee", "e-2");
      assertThatThrownBy(
              () ->
                  PrivacyContext.callAs(
                      COLLEAGUE,
                      Purpose.CARE,
                      () -> f.sessions.fromTransaction(s -> s.find(Client.class, id))))
          .isInstanceOf(DecryptionException.class);
    }
  }

  private static void assertEveryValueBound(Database db, OpsFixture f, String table, List<UUID> ids)
      throws Exception {
    for (UUID id : ids) {
      for (String field : List.of("firstName", "lastName", "hetu")) {
        String stored = RotationRows.raw(db, table, field, id);
        assertThat(
                f.suoja
                    .cipher()
                    .bindsPolicy(new CipherContext("A", "Client", field, id.toString()), stored))
            .as("%s of %s", field, id)
            .isTrue();
      }
    }
  }

  private static void setRaw(Database db, String table, UUID id, String column, String value)
      throws Exception {
    try (Connection c = db.connect()) {
      LegacyRows.set(c, table, id, column, value);
    }
  }

  /** An envelope of {@code value} as Suoja wrote it before owners were bound. */
  private static String unboundLastName(JpaFixture f, UUID id, String value) {
    return f.suoja.cipher().seal(context(id), value);
  }

  private static CipherContext context(UUID id) {
    return new CipherContext("A", "Client", "lastName", id.toString());
  }

  private static String text(JpaFixture f, Actor actor, Function<Session, String> work) {
    return as(f, actor, work);
  }

  private static String lastName(Object client) {
    return client instanceof DynamicClient d ? d.lastName : ((Client) client).lastName;
  }

  static void setColumn(JpaFixture f, String entity, UUID id, String column, Object value)
      throws Exception {
    try (Connection c = f.database.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "update " + f.table(entity) + " set " + column + " = ? where id = ?")) {
      ps.setObject(1, value);
      ps.setObject(2, id);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }
}
