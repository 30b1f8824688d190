package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.COLLEAGUE;
import static fi.suoja.jpa.EncryptedEntityTest.OTHER_TENANT;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static fi.suoja.jpa.PrivacyQueriesTest.fixture;
import static fi.suoja.jpa.PrivacyQueriesTest.h2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaException;
import fi.suoja.audit.AuditAction;
import fi.suoja.crypto.BlindIndex;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Contact;
import fi.suoja.jpa.model.Employee;
import fi.suoja.jpa.model.Relative;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.Actor;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.ParameterExpression;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.query.sqm.spi.SqmSelectionQueryImplementor;
import org.hibernate.sql.results.spi.SingleResultConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code where c.hetu = :h} on a blind-indexed attribute works unchanged (as a Spring Data {@code
 * findByHetu} issues it): rewritten to the index, every returned record holds the searched value,
 * and a collision fails loudly instead of returning another person's record.
 */
class TransparentEqualityTest {
  static final String HETU = "131052-308T";
  static final String OTHER_HETU = "010190-999K";

  static List<Database> databases() {
    return Database.all();
  }

  static UUID persist(JpaFixture f, Actor employee, String hetu) {
    return as(
        f,
        employee,
        s -> {
          Client c = new Client(employee.userId(), "Aino", "Virtanen", hetu);
          s.persist(c);
          return c.id;
        });
  }

  static List<UUID> ids(List<Client> clients) {
    return clients.stream().map(c -> c.id).toList();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void hqlEquality_findsExactlyTheRecordsHoldingTheValue_andAuditsTheirReads(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID first = persist(f, OWNER, HETU);
      UUID second = persist(f, OWNER, HETU);
      persist(f, OWNER, OTHER_HETU);
      f.sink.clear();

      for (int run = 0; run < 2; run++) { // the second run uses the cached translation
        List<Client> found =
            as(
                f,
                OWNER,
                s ->
                    s.createSelectionQuery("from Client c where c.hetu = :hetu", Client.class)
                        .setParameter("hetu", HETU)
                        .getResultList());
        assertThat(ids(found)).containsExactlyInAnyOrder(first, second);
        assertThat(found).allSatisfy(c -> assertThat(c.hetu).isEqualTo(HETU));
      }
      assertThat(f.sink.events()).filteredOn(e -> e.action() == AuditAction.READ).hasSize(4);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void criteriaEqual_asSpringDataDerivesIt_findsTheRecord(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID id = persist(f, OWNER, HETU);
      persist(f, OWNER, OTHER_HETU);

      List<Client> byParameter =
          as(
              f,
              OWNER,
              s -> {
                CriteriaBuilder cb = s.getCriteriaBuilder();
                CriteriaQuery<Client> q = cb.createQuery(Client.class);
                Root<Client> c = q.from(Client.class);
                ParameterExpression<String> hetu = cb.parameter(String.class);
                q.select(c)
                    .where(
                        cb.and(
                            cb.equal(c.get("hetu"), hetu),
                            cb.equal(c.get("responsibleEmployee"), "e-1")));
                return s.createQuery(q).setParameter(hetu, HETU).getResultList();
              });
      Client byValue =
          as(
              f,
              OWNER,
              s -> {
                CriteriaBuilder cb = s.getCriteriaBuilder();
                CriteriaQuery<Client> q = cb.createQuery(Client.class);
                Root<Client> c = q.from(Client.class);
                q.where(cb.equal(c.get("hetu"), OTHER_HETU));
                return s.createQuery(q).getSingleResult();
              });

      assertThat(ids(byParameter)).containsExactly(id);
      assertThat(byValue.hetu).isEqualTo(OTHER_HETU);
    }
  }

  @Test
  void equality_amongOtherConjuncts_parameterOnEitherSide_normalisedAsTheIndexDeclares() {
    try (JpaFixture f = fixture(h2())) {
      UUID mine = persist(f, OWNER, HETU);
      persist(f, COLLEAGUE, HETU);

      List<UUID> found =
          as(
              f,
              OWNER,
              s ->
                  ids(
                      s.createSelectionQuery(
                              "select c from Client c where (c.responsibleEmployee = :e and :h = c.hetu)"
                                  + " and c.hetu is not null",
                              Client.class)
                          .setParameter("e", "e-1")
                          .setParameter("h", " 131052-308t ")
                          .getResultList()));
      List<Client> none =
          as(
              f,
              OWNER,
              s ->
                  s.createSelectionQuery("from Client c where c.hetu = :h", Client.class)
                      .setParameter("h", null)
                      .getResultList());

      Function<String, List<UUID>> both =
          second ->
              as(
                  f,
                  OWNER,
                  s ->
                      ids(
                          s.createSelectionQuery(
                                  "from Client c where c.hetu = :a and c.hetu = :b and c.responsibleEmployee = 'e-1'",
                                  Client.class)
                              .setParameter("a", HETU)
                              .setParameter("b", second)
                              .getResultList()));

      assertThat(found).containsExactly(mine);
      assertThat(none).isEmpty();
      assertThat(both.apply(" 131052-308t")).containsExactly(mine);
      assertThat(both.apply(OTHER_HETU)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void equality_afterKeyRotation_findsRowsIndexedUnderEveryKeyVersion(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID before = persist(f, OWNER, HETU);
      f.suoja.keyring().rotate("A");
      UUID after = persist(f, OWNER, HETU);

      List<UUID> found =
          as(
              f,
              OWNER,
              s ->
                  ids(
                      s.createSelectionQuery("from Client c where c.hetu = :h", Client.class)
                          .setParameter("h", HETU)
                          .getResultList()));

      assertThat(found).containsExactlyInAnyOrder(before, after);
    }
  }

  @Test
  void equality_otherTenantsRecords_areNeverReturned() {
    try (JpaFixture f = fixture(h2())) {
      UUID inA = persist(f, OWNER, HETU);
      UUID inB =
          as(
              f,
              OTHER_TENANT,
              s -> {
                Client c = new Client("e-9", "Aino", "Virtanen", HETU);
                s.persist(c);
                return c.id;
              });
      Function<Session, List<UUID>> lookup =
          s ->
              ids(
                  s.createSelectionQuery("from Client c where c.hetu = :h", Client.class)
                      .setParameter("h", HETU)
                      .getResultList());

      assertThat(as(f, OWNER, lookup)).containsExactly(inA);
      assertThat(as(f, OTHER_TENANT, lookup)).containsExactly(inB);
    }
  }

  /** Contact's 8-bit name index: names whose index collides with the target's. */
  static List<String> colliding(JpaFixture f, String target, int count) {
    BlindIndex wanted = f.suoja.blindIndexer().index("A", "Contact", "lastName", target);
    List<String> out = new ArrayList<>();
    for (int i = 0; out.size() < count; i++) {
      String name = "Sukunimi" + i;
      if (f.suoja.blindIndexer().index("A", "Contact", "lastName", name).equals(wanted)) {
        out.add(name);
      }
    }
    return out;
  }

  static List<Contact> contactsNamed(Session s, String name) {
    return s.createSelectionQuery("from Contact c where c.lastName = :n", Contact.class)
        .setParameter("n", name)
        .getResultList();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void collision_isDroppedFromAList_asPrivacyQueriesDropsIt_andAudited(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      List<String> others = colliding(f, "Mäkinen", 2);
      as(
          f,
          OWNER,
          s -> {
            s.persist(new Contact("e-1", "Mäkinen", "040 1"));
            s.persist(new Contact("e-1", "  makinen ", "040 2"));
            others.forEach(n -> s.persist(new Contact("e-1", n, "050")));
            return null;
          });
      f.sink.clear();

      List<String> found =
          as(f, OWNER, s -> contactsNamed(s, "mäkinen").stream().map(c -> c.lastName).toList());
      Contact single =
          as(
              f,
              OWNER,
              s ->
                  s.createSelectionQuery("from Contact c where c.lastName = :n", Contact.class)
                      .setParameter("n", others.get(0))
                      .getSingleResult());
      List<String> viaFindBy =
          as(
              f,
              OWNER,
              s ->
                  PrivacyQueries.findBy(s, Contact.class, "lastName", "mäkinen").stream()
                      .map(c -> c.lastName)
                      .toList());

      assertThat(found).containsExactlyInAnyOrder("Mäkinen", "  makinen ");
      assertThat(single.lastName).isEqualTo(others.get(0));
      assertThat(viaFindBy).containsExactlyInAnyOrderElementsOf(found);
      // every row the index matched was loaded, decided and audited, the dropped ones included
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.READ)
          .hasSize(3 * (2 + others.size()));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void collision_whereNoPostFilterCanRun_failsLoudly(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      String other = colliding(f, "Mäkinen", 1).get(0);
      UUID otherId =
          as(
              f,
              OWNER,
              s -> {
                s.persist(new Contact("e-1", "Mäkinen", "040 1"));
                Contact c = new Contact("e-1", other, "050 1");
                s.persist(c);
                return c.id;
              });
      List<Function<Session, ?>> unfiltered =
          List.of(
              // streamed (scrolled): rows are handed out one by one
              s ->
                  s.createSelectionQuery("from Contact c where c.lastName = :n", Contact.class)
                      .setParameter("n", "mäkinen")
                      .getResultStream()
                      .map(c -> c.lastName)
                      .toList(),
              // Hibernate's SPI with another results consumer: no result-list transformer runs
              s ->
                  ((SqmSelectionQueryImplementor<Contact>)
                          s.createSelectionQuery(
                                  "from Contact c where c.lastName = :n and c.id = :id",
                                  Contact.class)
                              .setParameter("n", "mäkinen")
                              .setParameter("id", otherId))
                      .executeQuery(SingleResultConsumer.instance()));

      // a streamed form is refused by its shape, before any row is read (also without a
      // collision: a refusal only when something matched would be an oracle)
      for (int k = 0; k < unfiltered.size(); k++) {
        Function<Session, ?> query = unfiltered.get(k);
        String code = k < 1 ? "SUOJA-5107" : "SUOJA-5106";
        assertThatThrownBy(() -> as(f, OWNER, query))
            .isInstanceOfSatisfying(SuojaException.class, e -> assertThat(e.code()).isEqualTo(code))
            .hasMessageContaining("Contact.lastName")
            .hasMessageContaining("PrivacyQueries.findBy")
            .hasMessageNotContaining("Mäkinen")
            .hasMessageNotContaining(other);
      }
      assertThatThrownBy(
              () ->
                  as(
                      f,
                      OWNER,
                      s ->
                          s.createSelectionQuery(
                                  "from Contact c where c.lastName = :n", Contact.class)
                              .setParameter("n", "nobody")
                              .getResultStream()
                              .toList()))
          .isInstanceOfSatisfying(
              SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5107"));
      // a page is cut in memory from the exact result: the collision is dropped first, and a
      // count or id query counts and lists the same exact records
      List<String> page =
          as(
              f,
              OWNER,
              s ->
                  s
                      .createSelectionQuery(
                          "from Contact c where c.lastName = :n order by c.id", Contact.class)
                      .setParameter("n", "mäkinen")
                      .setFirstResult(0)
                      .setMaxResults(1)
                      .getResultList()
                      .stream()
                      .map(c -> c.lastName)
                      .toList());
      long count =
          as(
              f,
              OWNER,
              s ->
                  s.createSelectionQuery(
                          "select count(c) from Contact c where c.lastName = :n", Long.class)
                      .setParameter("n", "mäkinen")
                      .getSingleResult());
      List<UUID> ids =
          as(
              f,
              OWNER,
              s ->
                  s.createSelectionQuery(
                          "select c.id from Contact c where c.lastName = :n", UUID.class)
                      .setParameter("n", other)
                      .getResultList());
      assertThat(page).containsExactly("Mäkinen");
      assertThat(count).isEqualTo(1);
      assertThat(ids).containsExactly(otherId);
    }
  }

  @Test
  void collision_withARecordAlreadyInTheSession_isDroppedToo_andTheHostsTransformerStillRuns() {
    try (JpaFixture f = fixture(h2())) {
      String other = colliding(f, "Mäkinen", 1).get(0);
      UUID otherId =
          as(
              f,
              OWNER,
              s -> {
                Contact c = new Contact("e-1", other, "050 1");
                s.persist(c);
                s.persist(new Contact("e-1", "Mäkinen", "040 1"));
                return c.id;
              });

      // the colliding record is loaded first: the query returns the managed instance unloaded
      List<String> found =
          as(
              f,
              OWNER,
              s -> {
                s.find(Contact.class, otherId);
                var query =
                    s.createQuery("from Contact c where c.lastName = :n", Contact.class)
                        .setParameter("n", "Mäkinen");
                query.setResultListTransformer(
                    list -> {
                      List<Contact> marked = new ArrayList<>(list);
                      marked.forEach(c -> c.phone = "host saw " + list.size());
                      return marked;
                    });
                List<String> first =
                    query.getResultList().stream().map(c -> c.lastName + "/" + c.phone).toList();
                List<String> again =
                    query.getResultList().stream().map(c -> c.lastName + "/" + c.phone).toList();
                assertThat(again).isEqualTo(first);
                return first;
              });

      assertThat(found).containsExactly("Mäkinen/host saw 1");
    }
  }

  @Test
  void noCollision_inTheSameTableOfShortIndexes_findsTheRecord() {
    try (JpaFixture f = fixture(h2())) {
      BlindIndex wanted = f.suoja.blindIndexer().index("A", "Contact", "lastName", "Mäkinen");
      int i = 0;
      while (f.suoja
          .blindIndexer()
          .index("A", "Contact", "lastName", "Sukunimi" + i)
          .equals(wanted)) {
        i++;
      }
      String other = "Sukunimi" + i;
      as(
          f,
          OWNER,
          s -> {
            s.persist(new Contact("e-1", "Mäkinen", "040 1"));
            s.persist(new Contact("e-1", other, "050 1"));
            return null;
          });

      List<Contact> found = as(f, OWNER, s -> contactsNamed(s, "MAKINEN"));
      assertThat(found).extracting(c -> c.lastName).containsExactly("Mäkinen");
    }
  }

  @Test
  void deniedRecord_isLeftOutOfAPlainListAndAPage_inBothModes() {
    try (JpaFixture f = fixture(h2())) {
      persist(f, OWNER, HETU);
      // fail mode too: an AccessDeniedException would tell the colleague that the HETU is a
      // client of the organisation (ExistenceOracleTest); the denial is audited
      f.sink.clear();
      List<Client> found =
          as(
              f,
              COLLEAGUE,
              s ->
                  s.createSelectionQuery("from Client c where c.hetu = :h", Client.class)
                      .setParameter("h", HETU)
                      .getResultList());
      assertThat(found).isEmpty();
      assertThat(f.sink.events())
          .singleElement()
          .satisfies(e -> assertThat(e.outcome().status().name()).isEqualTo("DENIED"));
      // but a find names the record it was asked for, and fails as before
      UUID id =
          as(
              f,
              OWNER,
              s ->
                  s.createSelectionQuery("from Client c where c.hetu = :h", Client.class)
                      .setParameter("h", HETU)
                      .getSingleResult()
                      .id);
      assertThatThrownBy(() -> as(f, COLLEAGUE, s -> s.find(Client.class, id)))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageNotContaining(HETU);
    }
    try (JpaFixture f =
        new JpaFixture(
            h2(), Map.of(SuojaJpaSettings.ON_DENIED, "mask"), Client.class, Employee.class)) {
      persist(f, OWNER, HETU);
      List<Client> page =
          as(
              f,
              COLLEAGUE,
              s ->
                  s.createSelectionQuery("from Client c where c.hetu = :h", Client.class)
                      .setParameter("h", HETU)
                      .setMaxResults(10)
                      .getResultList());
      assertThat(page).isEmpty();
      // a plain list leaves the record out, as PrivacyQueries.findBy does; its denial is audited
      f.sink.clear();
      List<Client> found =
          as(
              f,
              COLLEAGUE,
              s ->
                  s.createSelectionQuery("from Client c where c.hetu = :h", Client.class)
                      .setParameter("h", HETU)
                      .getResultList());
      assertThat(found).isEmpty();
      assertThat(f.sink.events())
          .singleElement()
          .satisfies(e -> assertThat(e.outcome().status().name()).isEqualTo("DENIED"));
    }
  }

  @Test
  void cacheableQuery_isRefused() {
    try (JpaFixture f = fixture(h2())) {
      persist(f, OWNER, HETU);
      assertThatThrownBy(
              () ->
                  as(
                      f,
                      OWNER,
                      s ->
                          s.createSelectionQuery("from Client c where c.hetu = :h", Client.class)
                              .setParameter("h", HETU)
                              .setCacheable(true)
                              .getResultList()))
          .isInstanceOfSatisfying(
              SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5107"))
          .hasMessageContaining("cacheable");
    }
  }

  @Test
  void outsideAnyPrivacyContext_failsWithoutSearching() {
    try (JpaFixture f = fixture(h2())) {
      persist(f, OWNER, HETU);
      try (Session s = f.sessions.openSession()) {
        assertThatThrownBy(
                () ->
                    s.createSelectionQuery("from Client c where c.hetu = :h", Client.class)
                        .setParameter("h", HETU)
                        .getResultList())
            .isInstanceOfSatisfying(
                SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5111"));
      }
    }
  }

  @Test
  void collision_loadedFirstThroughAnEagerAssociation_isStillChecked() {
    try (JpaFixture f = new JpaFixture(h2(), Map.of(), Relative.class, Employee.class)) {
      BlindIndex wanted = f.suoja.blindIndexer().index("A", "Relative", "name", "Mäkinen");
      int i = 0;
      while (!f.suoja
          .blindIndexer()
          .index("A", "Relative", "name", "Sukunimi" + i)
          .equals(wanted)) {
        i++;
      }
      String colliding = "Sukunimi" + i;
      as(
          f,
          OWNER,
          s -> {
            Relative collider = new Relative("e-1", colliding, null);
            s.persist(collider);
            // whichever row comes first, the other one is already managed when its row is read
            s.persist(new Relative("e-1", "Mäkinen", collider));
            return null;
          });
      Function<Session, List<String>> named =
          s ->
              s
                  .createSelectionQuery("from Relative r where r.name = :n", Relative.class)
                  .setParameter("n", "Mäkinen")
                  .getResultList()
                  .stream()
                  .map(r -> r.name)
                  .toList();
      Function<Session, List<String>> streamed =
          s ->
              s.createSelectionQuery("from Relative r where r.name = :n", Relative.class)
                  .setParameter("n", "Mäkinen")
                  .getResultStream()
                  .map(r -> r.name)
                  .toList();

      assertThat(as(f, OWNER, named)).containsExactly("Mäkinen");
      assertThatThrownBy(() -> as(f, OWNER, streamed))
          .isInstanceOfSatisfying(
              SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5107"));
    }
  }
}
