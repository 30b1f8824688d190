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
    PrivacyContext.runAs(actor, Purpose.CARE, () -> {
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
      as(f, OWNER, s -> {
        s.find(Client.class, id).lastName = "Korhonen";
        return null;
      });

      assertThat(of(f, AuditAction.CREATE)).singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.success()));
      assertThat(of(f, AuditAction.UPDATE)).singleElement()
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
      rolledBack(f, OWNER, s -> {
        Client c = new Client("e-1", "Aino", "Virtanen", "131052-308T");
        s.persist(c);
        id[0] = c.id;
      });

      List<AuditEvent> creates = of(f, AuditAction.CREATE);
      assertThat(creates).extracting(AuditEvent::outcome)
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

      assertThat(of(f, AuditAction.READ)).singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.success()));
      assertThat(of(f, AuditAction.UPDATE)).extracting(AuditEvent::outcome)
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
      as(f, ADMIN, s -> {
        s.persist(new Employee("e-5", "e5@example.fi", "nurse"));
        return null;
      });
      f.sink.clear();

      rolledBack(f, ADMIN, s -> s.remove(s.find(Employee.class, "e-5")));

      assertThat(of(f, AuditAction.DELETE)).extracting(AuditEvent::outcome)
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

      assertThatThrownBy(() -> as(f, OWNER, s -> {
        Client twin = new Client("e-1", "Eero", "Mäkinen", "010594Y9021");
        twin.id = id; // primary key violation at flush
        s.persist(twin);
        return null;
      })).isInstanceOf(RuntimeException.class);

      assertThat(of(f, AuditAction.CREATE)).extracting(AuditEvent::outcome)
          .containsExactly(Outcome.success(), ROLLED_BACK);
    }
  }
}
