package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaException;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditUnavailableException;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.Outcome;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.audit.spi.AuditSink;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.DecryptionException;
import fi.suoja.jpa.model.NumberedNote;
import fi.suoja.jpa.model.NumberedParty;
import fi.suoja.jpa.model.NumberedPatient;
import fi.suoja.jpa.model.PetOwner;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.DenyReason;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
import org.hibernate.envers.AuditReaderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Entities whose id the database assigns on insert ({@code IDENTITY}), here inherited from a
 * {@code @MappedSuperclass} as in an ordinary Spring Data app: the INSERT carries envelopes bound
 * to a pending row that never opens, and the same flush re-seals them for the assigned id.
 */
class IdentityIdTest {
  static List<Database> databases() {
    return Database.all();
  }

  /** A fixture over a {@link RecordingDataSource}: the statements the database saw. */
  static JpaFixture fixture(Database db, RecordingDataSource ds, Map<String, Object> more) {
    Map<String, Object> settings = new HashMap<>(more);
    settings.put("hibernate.connection.datasource", ds);
    return new JpaFixture(db, settings, PetOwner.class, NumberedNote.class);
  }

  static Integer persistOwner(JpaFixture f, String lastName, String telephone) {
    return as(
        f,
        OWNER,
        s -> {
          PetOwner o = new PetOwner("e-1", lastName, telephone);
          s.persist(o);
          return o.id;
        });
  }

  static CipherContext context(Integer id, String field) {
    return new CipherContext("A", "PetOwner", field, id.toString()).withPolicy("e-1", null);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void persist_sealsForTheAssignedId_inheritedFromAMappedSuperclass(Database db) throws Exception {
    db.assumeAvailable();
    RecordingDataSource ds = new RecordingDataSource(db.url());
    try (JpaFixture f = fixture(db, ds, Map.of())) {
      Integer id = persistOwner(f, "Virtanen", "040 123 4567");

      assertThat(id).isNotNull();
      String sealed = raw(f, "PetOwner", id, "lastName");
      assertThat(sealed).doesNotContain("Virtanen");
      assertThat(f.suoja.cipher().open(context(id, "lastName"), sealed)).isEqualTo("Virtanen");
      assertThat(
              f.suoja.cipher().open(context(id, "telephone"), raw(f, "PetOwner", id, "telephone")))
          .isEqualTo("040 123 4567");
      PetOwner loaded = as(f, OWNER, s -> s.find(PetOwner.class, id));
      assertThat(loaded.lastName).isEqualTo("Virtanen");
      assertThat(loaded.telephone).isEqualTo("040 123 4567");
      // what the database was sent: one INSERT, then one UPDATE of the encrypted columns; no
      // statement carried the plaintext
      List<RecordingDataSource.Executed> writes = new ArrayList<>(ds.statements("insert"));
      writes.addAll(ds.statements("update"));
      List<String> sql =
          writes.stream()
              .map(RecordingDataSource.Executed::sql)
              .filter(q -> q.contains("PetOwner") && !q.contains("_AUD"))
              .toList();
      assertThat(sql).as(sql.toString()).hasSize(2);
      assertThat(writes.toString()).doesNotContain("Virtanen", "040 123 4567");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void persist_thenChange_inTheSameTransaction_writesTheChangeOnce(Database db) {
    db.assumeAvailable();
    RecordingDataSource ds = new RecordingDataSource(db.url());
    try (JpaFixture f = fixture(db, ds, Map.of())) {
      f.sessions.getStatistics().clear();
      Integer id =
          as(
              f,
              OWNER,
              s -> {
                PetOwner o = new PetOwner("e-1", "Virtanen", null);
                s.persist(o);
                s.flush();
                s.flush();
                return o.id;
              });
      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isZero();

      as(
          f,
          OWNER,
          s -> {
            PetOwner o = new PetOwner("e-1", "Lahtinen", null);
            s.persist(o);
            o.lastName = "Korhonen";
            return null;
          });
      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isEqualTo(1);
      List<String> names =
          as(
              f,
              OWNER,
              s ->
                  s
                      .createSelectionQuery("from PetOwner order by id", PetOwner.class)
                      .getResultList()
                      .stream()
                      .map(o -> o.lastName)
                      .toList());
      assertThat(names).containsExactly("Virtanen", "Korhonen");
      String telephone = as(f, OWNER, s -> s.find(PetOwner.class, id).telephone);
      assertThat(telephone).isNull();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void envelopeMovedToAnotherRow_failsToOpen(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db, new RecordingDataSource(db.url()), Map.of())) {
      Integer a = persistOwner(f, "Virtanen", "040 1");
      Integer b = persistOwner(f, "Mäkinen", "040 2");
      write(f, "PetOwner", b, "lastName", raw(f, "PetOwner", a, "lastName"));

      assertThatThrownBy(() -> as(f, OWNER, s -> s.find(PetOwner.class, b)))
          .isInstanceOf(DecryptionException.class)
          .hasMessageNotContaining("Virtanen");
      String kept = as(f, OWNER, s -> s.find(PetOwner.class, a).lastName);
      assertThat(kept).isEqualTo("Virtanen");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void pendingEnvelopeOfTheInsert_neverOpensAsTheRow(Database db) throws Exception {
    db.assumeAvailable();
    RecordingDataSource ds = new RecordingDataSource(db.url());
    try (JpaFixture f = fixture(db, ds, Map.of())) {
      Integer id = persistOwner(f, "Virtanen", null);
      RecordingDataSource.Executed insert =
          ds.statements("insert").stream()
              .filter(e -> e.sql().contains("PetOwner"))
              .findFirst()
              .orElseThrow();
      List<String> pending =
          insert.values().values().stream()
              .filter(v -> v instanceof String s && s.startsWith("AQ"))
              .map(String.class::cast)
              .toList();
      assertThat(pending).hasSize(1);

      // the row as it would stand had the second statement never run
      write(f, "PetOwner", id, "lastName", pending.get(0));

      assertThatThrownBy(() -> f.suoja.cipher().open(context(id, "lastName"), pending.get(0)))
          .isInstanceOf(DecryptionException.class);
      assertThatThrownBy(() -> as(f, OWNER, s -> s.find(PetOwner.class, id)))
          .isInstanceOf(DecryptionException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void resealFails_theTransactionRollsBack_noRowStays(Database db) throws Exception {
    db.assumeAvailable();
    RecordingDataSource ds = new RecordingDataSource(db.url());
    try (JpaFixture f = fixture(db, ds, Map.of())) {
      persistOwner(f, "Lahtinen", null);
      ds.fail(sql -> sql.stripLeading().toLowerCase(java.util.Locale.ROOT).startsWith("update"));

      assertThatThrownBy(() -> persistOwner(f, "Virtanen", null))
          .isInstanceOfSatisfying(
              SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5240"))
          .hasMessageNotContaining("Virtanen");
      assertThat(count(f, "PetOwner")).isEqualTo(1);
    }
  }

  /** The CREATE events of PetOwner rows, as the audit trail holds them. */
  static List<AuditEvent> creates(JpaFixture f) {
    return f.sink.events().stream()
        .filter(e -> e.action() == AuditAction.CREATE && e.resource().type().equals("PetOwner"))
        .toList();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void createEvent_namesTheAssignedId_alsoItsRollbackFollowUp(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db, new RecordingDataSource(db.url()), Map.of())) {
      Integer id = persistOwner(f, "Virtanen", "040 123 4567");

      assertThat(creates(f)).hasSize(1);
      AuditEvent created = creates(f).get(0);
      assertThat(created.resource().id()).isEqualTo(id.toString());
      assertThat(created.resource().tenantId()).isEqualTo("A");
      assertThat(created.outcome().status()).isEqualTo(Outcome.Status.SUCCESS);
      assertThat(created.fields()).containsExactlyInAnyOrder("lastName", "telephone");

      // inserted, then the transaction rolls back: both events name the id the row had
      Integer[] rolledBack = new Integer[1];
      assertThatThrownBy(
              () ->
                  as(
                      f,
                      OWNER,
                      s -> {
                        PetOwner o = new PetOwner("e-1", "Lahtinen", null);
                        s.persist(o);
                        rolledBack[0] = o.id;
                        throw new IllegalStateException("the host's own failure");
                      }))
          .hasMessage("the host's own failure");
      assertThat(rolledBack[0]).isNotNull();
      assertThat(creates(f).subList(1, creates(f).size()))
          .extracting(e -> e.resource().id(), e -> e.outcome())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(rolledBack[0].toString(), Outcome.success()),
              org.assertj.core.groups.Tuple.tuple(
                  rolledBack[0].toString(), Outcome.failure("ROLLED_BACK")));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void createEventCannotBeRecorded_theInsertRollsBack_noRowStays(Database db) throws Exception {
    db.assumeAvailable();
    InMemoryAuditSink kept = new InMemoryAuditSink();
    AuditSink refusingCreates =
        event -> {
          if (event.action() == AuditAction.CREATE) {
            throw new AuditUnavailableException("the audit store is down");
          }
          kept.record(event);
        };
    Class<?>[] entities = {PetOwner.class, NumberedNote.class};
    try (JpaFixture f =
        new JpaFixture(
            db,
            b ->
                b.auditor(
                    Auditor.builder(refusingCreates).application("jpa-test").node("n1").build()),
            Map.of(),
            entities,
            entities)) {
      assertThatThrownBy(() -> persistOwner(f, "Virtanen", null))
          .isInstanceOfSatisfying(
              AccessDeniedException.class,
              e -> assertThat(e.decision().reason()).isEqualTo(DenyReason.AUDIT_UNAVAILABLE))
          .hasMessageNotContaining("Virtanen");
      assertThat(count(f, "PetOwner")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void merge_batchInserts_andAnIdOfItsOwn(Database db) {
    db.assumeAvailable();
    try (JpaFixture f =
        fixture(
            db,
            new RecordingDataSource(db.url()),
            Map.of("hibernate.jdbc.batch_size", "10", "hibernate.order_inserts", "true"))) {
      Integer merged = as(f, OWNER, s -> s.merge(new PetOwner("e-1", "Virtanen", "040 1")).id);
      List<Integer> many =
          as(
              f,
              OWNER,
              s -> {
                List<PetOwner> owners = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                  PetOwner o = new PetOwner("e-1", "Owner " + i, null);
                  s.persist(o);
                  owners.add(o);
                }
                return owners.stream().map(o -> o.id).toList();
              });
      Long note =
          as(
              f,
              OWNER,
              s -> {
                NumberedNote n = new NumberedNote("bit the postman");
                s.persist(n);
                return n.id;
              });

      String mergedName = as(f, OWNER, s -> s.find(PetOwner.class, merged).lastName);
      assertThat(mergedName).isEqualTo("Virtanen");
      assertThat(many).doesNotHaveDuplicates().hasSize(25);
      List<String> names =
          as(f, OWNER, s -> many.stream().map(i -> s.find(PetOwner.class, i).lastName).toList());
      assertThat(names)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.range(0, 25).mapToObj(i -> "Owner " + i).toList());
      String text = as(f, OWNER, s -> s.find(NumberedNote.class, note).text);
      assertThat(text).isEqualTo("bit the postman");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void envers_revisionHoldsTheEnvelopeOfTheAssignedId(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db, new RecordingDataSource(db.url()), Map.of())) {
      Integer id = persistOwner(f, "Virtanen", null);

      String first =
          as(f, OWNER, s -> AuditReaderFactory.get(s).find(PetOwner.class, id, 1).lastName);
      assertThat(first).isNotEqualTo("Virtanen");
      assertThat(f.suoja.cipher().open(context(id, "lastName"), first)).isEqualTo("Virtanen");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void persistOutsideATransaction_insertWaitsForTheFlush_sealedTheSameWay(Database db)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db, new RecordingDataSource(db.url()), Map.of())) {
      f.sessions.getStatistics().clear();
      Integer id =
          PrivacyContext.callAs(
              OWNER,
              Purpose.CARE,
              () -> {
                try (Session s = f.sessions.openSession()) {
                  PetOwner o = new PetOwner("e-1", "Virtanen", "040 1");
                  s.persist(
                      o); // no transaction yet: Hibernate delays the IDENTITY insert to the flush
                  s.getTransaction().begin();
                  s.flush();
                  s.flush();
                  s.getTransaction().commit();
                  return o.id;
                }
              });

      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isZero();
      assertThat(f.suoja.cipher().open(context(id, "lastName"), raw(f, "PetOwner", id, "lastName")))
          .isEqualTo("Virtanen");
      String back = as(f, OWNER, s -> s.find(PetOwner.class, id).lastName);
      assertThat(back).isEqualTo("Virtanen");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void statelessInsert_isRefused(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db, new RecordingDataSource(db.url()), Map.of())) {
      assertThatThrownBy(
              () ->
                  PrivacyContext.runAs(
                      OWNER,
                      Purpose.CARE,
                      () -> {
                        try (StatelessSession s = f.sessions.openStatelessSession()) {
                          s.getTransaction().begin();
                          try {
                            s.insert(new PetOwner("e-1", "Virtanen", null));
                          } finally {
                            s.getTransaction().rollback();
                          }
                        }
                      }))
          .isInstanceOfSatisfying(
              SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5011"));
      assertThat(count(f, "PetOwner")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void joinedHierarchy_eachTableHoldsEnvelopesOfTheAssignedId(Database db) throws Exception {
    // the scope bound into the envelopes is the hierarchy's root entity (docs/JPA.md)
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), NumberedParty.class, NumberedPatient.class)) {
      Integer id =
          as(
              f,
              OWNER,
              s -> {
                NumberedPatient p = new NumberedPatient();
                p.name = "Virtanen";
                p.diagnosis = "J45";
                s.persist(p);
                return p.id;
              });

      assertThat(
              f.suoja
                  .cipher()
                  .open(
                      new CipherContext("A", "NumberedParty", "name", id.toString())
                          .withPolicy("e-1", null),
                      raw(f, "NumberedParty", id, "name")))
          .isEqualTo("Virtanen");
      assertThat(
              f.suoja
                  .cipher()
                  .open(
                      new CipherContext("A", "NumberedParty", "diagnosis", id.toString())
                          .withPolicy("e-1", null),
                      raw(f, "NumberedPatient", id, "diagnosis")))
          .isEqualTo("J45");
      NumberedParty back = as(f, OWNER, s -> s.find(NumberedParty.class, id));
      assertThat(back.name).isEqualTo("Virtanen");
      assertThat(((NumberedPatient) back).diagnosis).isEqualTo("J45");
    }
  }

  static String raw(JpaFixture f, String entity, Object id, String column) throws Exception {
    try (Connection c = f.database.connect();
        PreparedStatement ps =
            c.prepareStatement("select " + column + " from " + f.table(entity) + " where id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }

  static void write(JpaFixture f, String entity, Object id, String column, String value)
      throws Exception {
    try (Connection c = f.database.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "update " + f.table(entity) + " set " + column + " = ? where id = ?")) {
      ps.setString(1, value);
      ps.setObject(2, id);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  static int count(JpaFixture f, String entity) throws Exception {
    try (Connection c = f.database.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from " + f.table(entity))) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
