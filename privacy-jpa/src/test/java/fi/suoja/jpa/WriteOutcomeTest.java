package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.ADMIN;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static fi.suoja.jpa.EncryptedEntityTest.persistClient;
import static fi.suoja.jpa.EncryptedEntityTest.rawRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Outcome;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Employee;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes are audited with their real outcome: SUCCESS when decided at flush, plus a follow-up
 * FAILURE(ROLLED_BACK) when the transaction rolls back. Reads stay recorded either way.
 */
class WriteOutcomeTest {
  static final Outcome ROLLED_BACK = Outcome.failure("ROLLED_BACK");

  static List<Database> databases() {
    return Database.all();
  }

  /** Runs {@code work} as {@code actor}, flushes, then rolls the transaction back. */
  static void rolledBack(JpaFixture f, Actor actor, Consumer<Session> work) {
    PrivacyContext.runAs(
        actor,
        Purpose.CARE,
        () -> {
          try (Session s = f.sessions.openSession()) {
            Transaction tx = s.beginTransaction();
            work.accept(s);
            s.flush();
            tx.rollback();
          }
        });
  }

  static List<AuditEvent> of(JpaFixture f, AuditAction action) {
    return f.sink.events().stream().filter(e -> e.action() == action).toList();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void committedWrites_areRecordedOnceAsSuccess(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      as(
          f,
          OWNER,
          s -> {
            s.find(Client.class, id).lastName = "Korhonen";
            return null;
          });

      assertThat(of(f, AuditAction.CREATE))
          .singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.success()));
      assertThat(of(f, AuditAction.UPDATE))
          .singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.success()));
      assertThat(f.sink.events()).noneMatch(e -> e.outcome().equals(ROLLED_BACK));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void rolledBackCreate_isFollowedByFailure_forTheSameActorRecordAndFields(Database db)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID[] id = new UUID[1];
      rolledBack(
          f,
          OWNER,
          s -> {
            Client c = new Client("e-1", "Aino", "Virtanen", "131052-308T");
            s.persist(c);
            id[0] = c.id;
          });

      List<AuditEvent> creates = of(f, AuditAction.CREATE);
      assertThat(creates)
          .extracting(AuditEvent::outcome)
          .containsExactly(Outcome.success(), ROLLED_BACK);
      AuditEvent done = creates.get(0);
      AuditEvent undone = creates.get(1);
      assertThat(undone.resource()).isEqualTo(done.resource());
      assertThat(undone.resource().id()).isEqualTo(id[0].toString());
      assertThat(undone.actor()).isEqualTo(done.actor());
      assertThat(undone.fields()).isEqualTo(done.fields());
      assertThat(undone.basis()).isEqualTo(done.basis());
      assertThat(rawRow(f, "Client", id[0])).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void rolledBackUpdate_keepsTheRead_andFollowsTheUpdateWithFailure(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      f.sink.clear();

      rolledBack(f, OWNER, s -> s.find(Client.class, id).lastName = "Korhonen");

      assertThat(of(f, AuditAction.READ))
          .singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.success()));
      assertThat(of(f, AuditAction.UPDATE))
          .extracting(AuditEvent::outcome)
          .containsExactly(Outcome.success(), ROLLED_BACK);
      assertThat(of(f, AuditAction.UPDATE).get(1).fields()).containsExactly("lastName");
      String lastName = as(f, OWNER, s -> s.find(Client.class, id).lastName);
      assertThat(lastName).isEqualTo("Virtanen");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void rolledBackDelete_isFollowedByFailure(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      as(
          f,
          ADMIN,
          s -> {
            s.persist(new Employee("e-5", "e5@example.fi", "nurse"));
            return null;
          });
      f.sink.clear();

      rolledBack(f, ADMIN, s -> s.remove(s.find(Employee.class, "e-5")));

      assertThat(of(f, AuditAction.DELETE))
          .extracting(AuditEvent::outcome)
          .containsExactly(Outcome.success(), ROLLED_BACK);
      Employee kept = as(f, ADMIN, s -> s.find(Employee.class, "e-5"));
      assertThat(kept).isNotNull();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void insertFailingInTheDatabase_isRecordedAsRolledBack(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      f.sink.clear();

      assertThatThrownBy(
              () ->
                  as(
                      f,
                      OWNER,
                      s -> {
                        Client twin = new Client("e-1", "Eero", "Mäkinen", "010594Y9021");
                        twin.id = id; // primary key violation at flush
                        s.persist(twin);
                        return null;
                      }))
          .isInstanceOf(RuntimeException.class);

      assertThat(of(f, AuditAction.CREATE))
          .extracting(AuditEvent::outcome)
          .containsExactly(Outcome.success(), ROLLED_BACK);
    }
  }

  /** Whether the client's row is in the table (read over plain JDBC). */
  private static boolean stored(JpaFixture f, UUID id) throws Exception {
    try (java.sql.Connection c = f.database.connect();
        java.sql.PreparedStatement ps =
            c.prepareStatement("select count(*) from " + f.table("Client") + " where id = ?")) {
      ps.setObject(1, id);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) == 1;
      }
    }
  }

  /** Three new clients of employee e-1 (owner: OWNER), with valid, distinct HETUs. */
  private static List<Client> threeClients() {
    return List.of(
        new Client("e-1", "Aino", "Virtanen", "131052-308T"),
        new Client("e-1", "Eero", "Mäkinen", "010594Y9021"),
        new Client("e-1", "Helmi", "Laine", "020202A0202"));
  }

  /** CREATE outcomes per client id, in order. */
  private static java.util.Map<String, List<Outcome>> createOutcomes(JpaFixture f) {
    java.util.Map<String, List<Outcome>> byId = new java.util.LinkedHashMap<>();
    for (AuditEvent e : of(f, AuditAction.CREATE)) {
      byId.computeIfAbsent(e.resource().id(), k -> new java.util.ArrayList<>()).add(e.outcome());
    }
    return byId;
  }

  @ParameterizedTest
  @MethodSource("databases")
  void interleavedSessionsOnOneThread_eachWriteFollowedUpByItsOwnTransactionOnly(Database db)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      List<Client> clients = threeClients();
      Client first = clients.get(0);
      Client other = clients.get(1);
      Client third = clients.get(2);
      PrivacyContext.runAs(
          OWNER,
          Purpose.CARE,
          () -> {
            try (Session a = f.sessions.openSession();
                Session b = f.sessions.openSession()) {
              Transaction ta = a.beginTransaction();
              Transaction tb = b.beginTransaction();
              a.persist(first);
              a.flush();
              b.persist(other);
              b.flush();
              a.persist(third); // back in session a after a write in b
              a.flush();
              tb.commit();
              ta.rollback();
            }
          });

      assertThat(createOutcomes(f))
          .containsExactly(
              java.util.Map.entry(first.id.toString(), List.of(Outcome.success(), ROLLED_BACK)),
              java.util.Map.entry(other.id.toString(), List.of(Outcome.success())),
              java.util.Map.entry(third.id.toString(), List.of(Outcome.success(), ROLLED_BACK)));
      assertThat(stored(f, other.id)).isTrue();
      assertThat(stored(f, first.id)).isFalse();
      assertThat(stored(f, third.id)).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void oneSession_committedThenRolledBack_onlyTheSecondTransactionsWritesFollowedUp(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      List<Client> clients = threeClients();
      Client kept = clients.get(0);
      Client undone = clients.get(1);
      Client undoneToo = clients.get(2);
      PrivacyContext.runAs(
          OWNER,
          Purpose.CARE,
          () -> {
            try (Session s = f.sessions.openSession()) {
              Transaction tx = s.beginTransaction();
              s.persist(kept);
              tx.commit();
              tx = s.beginTransaction();
              s.persist(undone);
              s.persist(undoneToo);
              s.flush();
              tx.rollback();
            }
          });

      assertThat(createOutcomes(f))
          .containsExactly(
              java.util.Map.entry(kept.id.toString(), List.of(Outcome.success())),
              java.util.Map.entry(undone.id.toString(), List.of(Outcome.success(), ROLLED_BACK)),
              java.util.Map.entry(
                  undoneToo.id.toString(), List.of(Outcome.success(), ROLLED_BACK)));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void followUpsThatCannotBeRecorded_areEachLogged_noneSkipped(Database db) throws Exception {
    db.assumeAvailable();
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger("fi.suoja.jpa.internal.WriteOutcomes");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new ch.qos.logback.core.read.ListAppender<>();
    appender.start();
    log.addAppender(appender);
    try (JpaFixture f = new JpaFixture(db)) {
      List<Client> clients = threeClients();
      PrivacyContext.runAs(
          OWNER,
          Purpose.CARE,
          () -> {
            try (Session s = f.sessions.openSession()) {
              Transaction tx = s.beginTransaction();
              clients.forEach(s::persist);
              s.flush();
              f.sink.failing(true);
              try {
                tx.rollback();
              } catch (RuntimeException expected) {
                // Hibernate passes the first failure on; what matters is that nothing was skipped
              }
            }
          });

      List<String> logged =
          appender.list.stream()
              .filter(e -> e.getFormattedMessage().startsWith("SUOJA-5120"))
              .map(e -> e.getFormattedMessage())
              .toList();
      assertThat(logged).hasSize(3);
      for (Client c : clients) {
        assertThat(logged).anyMatch(m -> m.contains(c.id.toString()));
        assertThat(stored(f, c.id)).isFalse();
      }
      assertThat(String.join("\n", logged)).doesNotContain("Virtanen", "131052-308T");
    } finally {
      log.detachAppender(appender);
    }
  }
}
