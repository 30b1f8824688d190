package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.COLLEAGUE;
import static fi.suoja.jpa.EncryptedEntityTest.OTHER_TENANT;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static fi.suoja.jpa.EncryptedEntityTest.persistClient;
import static fi.suoja.jpa.EncryptedEntityTest.rawColumn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import fi.suoja.SuojaException;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Outcome;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Employee;
import fi.suoja.jpa.model.Ward;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Hibernate;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A persistence context belongs to the actor that opened protected entities in it: no other actor
 * or tenant is served from it without a decision, and a denied or failed load leaves nothing in it
 * (security review 2026-12, D1-D4).
 */
class SessionBindingTest {
  static List<Database> databases() {
    return Database.all();
  }

  static JpaFixture fixture(Database db) {
    return new JpaFixture(db, Map.of(), Client.class, Employee.class, Ward.class);
  }

  /** Runs {@code work} as {@code actor} on a session opened elsewhere (the host's session). */
  static <T> T on(Actor actor, Session s, Function<Session, T> work) {
    return PrivacyContext.callAs(actor, Purpose.CARE, () -> work.apply(s));
  }

  static List<AuditEvent> reads(JpaFixture f, String actor) {
    return f.sink.events().stream()
        .filter(e -> e.action() == AuditAction.READ && e.actor().userId().equals(actor))
        .toList();
  }

  // ---- D1: plaintext to another actor and another tenant ------------------------------------

  @ParameterizedTest
  @MethodSource("databases")
  void anotherActorOrTenant_isNotServedFromTheOwnersSession(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      f.sink.clear();
      PrivacyContext.runAs(
          OWNER,
          Purpose.CARE,
          () -> {
            try (Session s = f.sessions.openSession()) {
              assertThat(s.find(Client.class, id).hetu).isEqualTo("131052-308T");

              for (Actor other : List.of(COLLEAGUE, OTHER_TENANT)) {
                Throwable t = catchThrowable(() -> on(other, s, x -> x.find(Client.class, id)));
                assertThat(t).isInstanceOf(SuojaException.class);
                assertThat(((SuojaException) t).code()).isEqualTo("SUOJA-5020");
                assertThat(t.getMessage()).doesNotContain("Aino", "131052-308T", id.toString());
              }
              // the owner goes on as before
              assertThat(s.find(Client.class, id).lastName).isEqualTo("Virtanen");
            }
          });
      assertThat(reads(f, "e-2")).isEmpty();
      assertThat(reads(f, "e-9")).isEmpty();
      assertThat(reads(f, "e-1")).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anotherActorsQuery_getReference_andLazyCollection_areRefusedOnABoundSession(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      UUID wardId =
          as(
              f,
              OWNER,
              s -> {
                Ward w = new Ward("Ward 3");
                w.clients.add(s.find(Client.class, id));
                s.persist(w);
                return w.id;
              });
      UUID other = persistClient(f, "Eino", "Laine", "010101-123N");
      f.sink.clear();
      PrivacyContext.runAs(
          OWNER,
          Purpose.CARE,
          () -> {
            try (Session s = f.sessions.openSession()) {
              Ward ward = s.find(Ward.class, wardId); // no personal data: binds nothing yet
              Client proxy = s.getReference(Client.class, other);
              s.find(Client.class, id);

              // a query outside a transaction: its rows are already managed, opened for the owner
              assertRefused(
                  () ->
                      on(
                          COLLEAGUE,
                          s,
                          x ->
                              x.createSelectionQuery("from Client", Client.class).getResultList()));
              assertRefused(() -> on(COLLEAGUE, s, x -> x.getReference(Client.class, id).hetu));
              assertRefused(
                  () ->
                      on(
                          COLLEAGUE,
                          s,
                          x -> {
                            Hibernate.initialize(proxy);
                            return null;
                          }));
              assertRefused(
                  () ->
                      on(
                          COLLEAGUE,
                          s,
                          x -> {
                            Hibernate.initialize(ward.clients);
                            return null;
                          }));
              assertRefused(
                  () ->
                      on(
                          COLLEAGUE,
                          s,
                          x -> {
                            x.refresh(x.find(Client.class, id));
                            return null;
                          }));
              // no actor at all (a thread outside any scope) is no better than another actor
              Throwable[] none = new Throwable[1];
              Thread outside =
                  new Thread(() -> none[0] = catchThrowable(() -> s.find(Client.class, id)));
              outside.start();
              join(outside);
              assertThat(none[0]).isInstanceOf(SuojaException.class);
              assertThat(((SuojaException) none[0]).code()).isEqualTo("SUOJA-5020");
              // the owner's own work goes on
              assertThat(ward.clients).extracting(c -> c.hetu).containsExactly("131052-308T");
              // a query inside a transaction (last: the rollback may clear the session)
              assertRefused(
                  () ->
                      on(
                          COLLEAGUE,
                          s,
                          x ->
                              tx(
                                  x,
                                  y ->
                                      y.createSelectionQuery(
                                              "from Client where id = :id", Client.class)
                                          .setParameter("id", id)
                                          .getResultList())));
            }
          });
      assertThat(reads(f, "e-2")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void clear_releasesTheSession_forTheNextActor_whoIsDecidedAndAudited(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      f.sink.clear();
      try (Session s = f.sessions.withOptions().tenantIdentifier((Object) "A").openSession()) {
        on(OWNER, s, x -> x.find(Client.class, id));
        s.clear();
        assertThatThrownBy(() -> on(COLLEAGUE, s, x -> x.find(Client.class, id)))
            .isInstanceOf(AccessDeniedException.class);
        String hetu = on(EncryptedEntityTest.ADMIN, s, x -> x.find(Client.class, id).hetu);
        assertThat(hetu).isEqualTo("131052-308T");
      }
      assertThat(reads(f, "e-2"))
          .singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.denied("NOT_OWNER")));
      assertThat(reads(f, "adm-1")).hasSize(1);
    }
  }

  // ---- D2, D3: a denied load leaves nothing in the session -----------------------------------

  @ParameterizedTest
  @MethodSource("databases")
  void aDeniedLoad_leavesNothing_theOwnerThenLoadsAndWritesWithoutDoubleSealing(Database db)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      String before = rawColumn(f, "Client", id, "lastName");
      try (Session s = f.sessions.withOptions().tenantIdentifier((Object) "A").openSession()) {
        assertThatThrownBy(() -> on(COLLEAGUE, s, x -> x.find(Client.class, id)))
            .isInstanceOf(AccessDeniedException.class);
        assertThat(s.getStatistics().getEntityCount()).isZero();
        on(
            OWNER,
            s,
            x ->
                tx(
                    x,
                    y -> {
                      Client c = y.find(Client.class, id);
                      assertThat(c.lastName).isEqualTo("Virtanen");
                      c.municipality = "Espoo";
                      return null;
                    }));
      }
      assertThat(rawColumn(f, "Client", id, "lastName")).hasSize(before.length());
      Client again = as(f, OWNER, s -> s.find(Client.class, id));
      assertThat(again.firstName).isEqualTo("Aino");
      assertThat(again.lastName).isEqualTo("Virtanen");
      assertThat(again.hetu).isEqualTo("131052-308T");
      assertThat(again.municipality).isEqualTo("Espoo");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aDeniedLoad_isDeniedAgainOnRetry_andAuditedEachTime(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      f.sink.clear();
      try (Session s = f.sessions.withOptions().tenantIdentifier((Object) "A").openSession()) {
        for (int i = 0; i < 2; i++) {
          assertThatThrownBy(() -> on(COLLEAGUE, s, x -> x.find(Client.class, id)))
              .isInstanceOf(AccessDeniedException.class);
        }
        assertThat(s.getStatistics().getEntityCount()).isZero();
        assertThatThrownBy(
                () ->
                    on(
                        COLLEAGUE,
                        s,
                        x -> x.createSelectionQuery("from Client", Client.class).getResultList()))
            .isInstanceOf(AccessDeniedException.class);
        assertThat(s.getStatistics().getEntityCount()).isZero();
      }
      assertThat(reads(f, "e-2"))
          .hasSize(3)
          .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(Outcome.denied("NOT_OWNER")));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aDeniedRowOfAQuery_evictsTheRowsLoadedWithIt(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID mine =
          as(
              f,
              COLLEAGUE,
              s -> {
                Client c = new Client("e-2", "Eino", "Laine", "010101-123N");
                s.persist(c);
                return c.id;
              });
      UUID notMine = persistClient(f, "Aino", "Virtanen", "131052-308T");
      UUID alsoMine =
          as(
              f,
              COLLEAGUE,
              s -> {
                Client c = new Client("e-2", "Lea", "Koski", "020202A123C");
                s.persist(c);
                return c.id;
              });
      try (Session s = f.sessions.withOptions().tenantIdentifier((Object) "A").openSession()) {
        assertThatThrownBy(
                () ->
                    on(
                        COLLEAGUE,
                        s,
                        x -> x.createSelectionQuery("from Client", Client.class).getResultList()))
            .isInstanceOf(AccessDeniedException.class);
        // whatever the query hydrated is either opened for e-2 or gone: nothing sealed remains
        for (UUID id : List.of(mine, notMine, alsoMine)) {
          Client held = held(s, id);
          if (held != null) {
            assertThat(held.responsibleEmployee).isEqualTo("e-2");
            assertThat(held.lastName).isIn("Laine", "Koski");
          }
        }
        String koski = on(COLLEAGUE, s, x -> x.find(Client.class, alsoMine).lastName);
        String laine = on(COLLEAGUE, s, x -> x.find(Client.class, mine).lastName);
        assertThat(koski).isEqualTo("Koski");
        assertThat(laine).isEqualTo("Laine");
      }
    }
  }

  // ---- D4: an edit after a transient audit failure is not lost silently ---------------------

  @ParameterizedTest
  @MethodSource("databases")
  void anAuditFailure_onLoad_refusesTheDoomedTransaction_aNewOneWritesAndAuditsTheEdit(Database db)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      f.sink.clear();
      f.sessions.getStatistics().clear();
      try (Session s = f.sessions.withOptions().tenantIdentifier((Object) "A").openSession()) {
        on(
            OWNER,
            s,
            x -> {
              x.beginTransaction();
              f.sink.failing(true);
              assertThatThrownBy(() -> x.find(Client.class, id))
                  .isInstanceOf(AccessDeniedException.class);
              f.sink.failing(false);
              // Hibernate marked the transaction for rollback on the way out: a retried edit in it
              // would be rolled back silently by the commit, so the retry itself is refused
              assertThat(x.getTransaction().getRollbackOnly()).isTrue();
              assertThat(x.getStatistics().getEntityCount()).isZero();
              Throwable retry = catchThrowable(() -> x.find(Client.class, id));
              assertThat(retry).isInstanceOf(SuojaException.class);
              assertThat(((SuojaException) retry).code()).isEqualTo("SUOJA-5022");
              x.getTransaction().rollback();
              return null;
            });
        on(
            OWNER,
            s,
            x ->
                tx(
                    x,
                    y -> {
                      Client c = y.find(Client.class, id);
                      assertThat(y.isReadOnly(c)).isFalse();
                      assertThat(c.lastName).isEqualTo("Virtanen");
                      c.lastName = "Korhonen";
                      return null;
                    }));
      }
      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isEqualTo(1);
      String lastName = as(f, OWNER, s -> s.find(Client.class, id).lastName);
      assertThat(lastName).isEqualTo("Korhonen");
      assertThat(f.sink.events())
          .anySatisfy(
              e -> {
                assertThat(e.action()).isEqualTo(AuditAction.UPDATE);
                assertThat(e.outcome()).isEqualTo(Outcome.success());
              });
    }
  }

  // ---- belt and braces: no write seals an envelope again -------------------------------------

  @ParameterizedTest
  @MethodSource("databases")
  void aWriteOfAnEnvelope_isRefused_andNothingIsWritten(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      String sealed = rawColumn(f, "Client", id, "lastName");
      f.sink.clear();

      Throwable insert =
          catchThrowable(
              () ->
                  as(
                      f,
                      OWNER,
                      s -> {
                        s.persist(new Client("e-1", "Eino", sealed, "010101-123N"));
                        return null;
                      }));
      Throwable update =
          catchThrowable(
              () ->
                  as(
                      f,
                      OWNER,
                      s -> {
                        s.find(Client.class, id).firstName = sealed;
                        return null;
                      }));

      for (Throwable t : List.of(insert, update)) {
        assertThat(t).isInstanceOf(SuojaException.class);
        assertThat(((SuojaException) t).code()).isEqualTo("SUOJA-5021");
        assertThat(t.getMessage()).doesNotContain(sealed);
      }
      assertThat(rawColumn(f, "Client", id, "lastName")).isEqualTo(sealed);
      String firstName = as(f, OWNER, s -> s.find(Client.class, id).firstName);
      assertThat(firstName).isEqualTo("Aino");
      assertThat(f.sink.events())
          .noneMatch(e -> e.action() == AuditAction.CREATE || e.action() == AuditAction.UPDATE);
    }
  }

  static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code work} in a transaction of {@code s}, committed when it returns. */
  static <T> T tx(Session s, Function<Session, T> work) {
    org.hibernate.Transaction t = s.beginTransaction();
    try {
      T result = work.apply(s);
      t.commit();
      return result;
    } catch (RuntimeException e) {
      if (t.isActive()) {
        t.rollback();
      }
      throw e;
    }
  }

  /** The client the session manages under {@code id}, without any load. */
  static Client held(Session s, UUID id) {
    SessionImplementor si = s.unwrap(SessionImplementor.class);
    EntityPersister p = si.getEntityPersister(null, new Client("e-1", "x", "x", null));
    return (Client) si.getPersistenceContextInternal().getEntity(si.generateEntityKey(id, p));
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).isInstanceOf(SuojaException.class);
    assertThat(((SuojaException) t).code()).isEqualTo("SUOJA-5020");
  }
}
