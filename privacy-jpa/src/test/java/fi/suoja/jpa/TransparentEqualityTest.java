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
    return as(f, employee, s -> {
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
        List<Client> found = as(f, OWNER, s -> s.createSelectionQuery(
                "from Client c where c.hetu = :hetu", Client.class)
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

      List<Client> byParameter = as(f, OWNER, s -> {
        CriteriaBuilder cb = s.getCriteriaBuilder();
        CriteriaQuery<Client> q = cb.createQuery(Client.class);
        Root<Client> c = q.from(Client.class);
        ParameterExpression<String> hetu = cb.parameter(String.class);
        q.select(c).where(cb.and(cb.equal(c.get("hetu"), hetu),
            cb.equal(c.get("responsibleEmployee"), "e-1")));
        return s.createQuery(q).setParameter(hetu, HETU).getResultList();
      });
      Client byValue = as(f, OWNER, s -> {
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

      List<UUID> found = as(f, OWNER, s -> ids(s.createSelectionQuery(
              "select c from Client c where (c.responsibleEmployee = :e and :h = c.hetu)"
                  + " and c.hetu is not null", Client.class)
          .setParameter("e", "e-1")
          .setParameter("h", " 131052-308t ")
          .getResultList()));
      List<Client> none = as(f, OWNER, s -> s.createSelectionQuery(
              "from Client c where c.hetu = :h", Client.class)
          .setParameter("h", null)
          .getResultList());

      Function<String, List<UUID>> both = second -> as(f, OWNER, s -> ids(s.createSelectionQuery(
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

      List<UUID> found = as(f, OWNER, s -> ids(s.createSelectionQuery(
              "from Client c where c.hetu = :h", Client.class)
          .setParameter("h", HETU).getResultList()));

      assertThat(found).containsExactlyInAnyOrder(before, after);
    }
  }

  @Test
  void equality_otherTenantsRecords_areNeverReturned() {
    try (JpaFixture f = fixture(h2())) {
      UUID inA = persist(f, OWNER, HETU);
      UUID inB = as(f, OTHER_TENANT, s -> {
        Client c = new Client("e-9", "Aino", "Virtanen", HETU);
        s.persist(c);
        return c.id;
      });
      Function<Session, List<UUID>> lookup = s -> ids(s.createSelectionQuery(
              "from Client c where c.hetu = :h", Client.class)
          .setParameter("h", HETU).getResultList());

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
        .setParameter("n", name).getResultList();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void collision_failsLoudlyInsteadOfReturningAnotherRecord(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      String other = colliding(f, "Mäkinen", 1).get(0);
      as(f, OWNER, s -> {
        s.persist(new Contact("e-1", "Mäkinen", "040 1"));
        s.persist(new Contact("e-1", other, "050 1"));
        return null;
      });

      assertThatThrownBy(() -> as(f, OWNER, s -> contactsNamed(s, "mäkinen")))
          .isInstanceOfSatisfying(SuojaException.class,
              e -> assertThat(e.code()).isEqualTo("SUOJA-5106"))
          .hasMessageContaining("Contact.lastName")
          .hasMessageContaining("PrivacyQueries.findBy")
          .hasMessageNotContaining("Mäkinen")
          .hasMessageNotContaining(other);
      // streamed (scrolled) results are checked the same way, row by row
      assertThatThrownBy(() -> as(f, OWNER, s -> s.createSelectionQuery(
              "from Contact c where c.lastName = :n", Contact.class)
          .setParameter("n", "mäkinen").getResultStream().map(c -> c.lastName).toList()))
          .isInstanceOfSatisfying(SuojaException.class,
              e -> assertThat(e.code()).isEqualTo("SUOJA-5106"));
      // the remedy named in the message finds it
      List<Contact> found =
          as(f, OWNER, s -> PrivacyQueries.findBy(s, Contact.class, "lastName", "mäkinen"));
      assertThat(found).extracting(c -> c.lastName).containsExactly("Mäkinen");
    }
  }

  @Test
  void collision_withARecordAlreadyInTheSession_failsToo() {
    try (JpaFixture f = fixture(h2())) {
      String other = colliding(f, "Mäkinen", 1).get(0);
      UUID otherId = as(f, OWNER, s -> {
        Contact c = new Contact("e-1", other, "050 1");
        s.persist(c);
        s.persist(new Contact("e-1", "Mäkinen", "040 1"));
        return c.id;
      });

      // the colliding record is loaded first: the query returns the managed instance unloaded
      assertThatThrownBy(() -> as(f, OWNER, s -> {
        s.find(Contact.class, otherId);
        return contactsNamed(s, "Mäkinen");
      })).isInstanceOfSatisfying(SuojaException.class,
          e -> assertThat(e.code()).isEqualTo("SUOJA-5106"));
    }
  }

  @Test
  void noCollision_inTheSameTableOfShortIndexes_findsTheRecord() {
    try (JpaFixture f = fixture(h2())) {
      as(f, OWNER, s -> {
        s.persist(new Contact("e-1", "Mäkinen", "040 1"));
        s.persist(new Contact("e-1", "Virtanen", "050 1"));
        return null;
      });
      BlindIndex a = f.suoja.blindIndexer().index("A", "Contact", "lastName", "Mäkinen");
      BlindIndex b = f.suoja.blindIndexer().index("A", "Contact", "lastName", "Virtanen");
      org.junit.jupiter.api.Assumptions.assumeFalse(a.equals(b), "the two names collide");

      List<Contact> found = as(f, OWNER, s -> contactsNamed(s, "MAKINEN"));
      assertThat(found).extracting(c -> c.lastName).containsExactly("Mäkinen");
    }
  }

  @Test
  void deniedRecord_failMode_isDenied_maskMode_cannotBeVerified() {
    try (JpaFixture f = fixture(h2())) {
      persist(f, OWNER, HETU);
      assertThatThrownBy(() -> as(f, COLLEAGUE, s -> s.createSelectionQuery(
              "from Client c where c.hetu = :h", Client.class)
          .setParameter("h", HETU).getResultList()))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageNotContaining(HETU);
    }
    try (JpaFixture f = new JpaFixture(h2(), Map.of(SuojaJpaSettings.ON_DENIED, "mask"),
        Client.class, Employee.class)) {
      persist(f, OWNER, HETU);
      assertThatThrownBy(() -> as(f, COLLEAGUE, s -> s.createSelectionQuery(
              "from Client c where c.hetu = :h", Client.class)
          .setParameter("h", HETU).getResultList()))
          .isInstanceOfSatisfying(SuojaException.class,
              e -> assertThat(e.code()).isEqualTo("SUOJA-5107"))
          .hasMessageContaining("PrivacyQueries.findBy")
          .hasMessageNotContaining(HETU);
    }
  }

  @Test
  void cacheableQuery_isRefused() {
    try (JpaFixture f = fixture(h2())) {
      persist(f, OWNER, HETU);
      assertThatThrownBy(() -> as(f, OWNER, s -> s.createSelectionQuery(
              "from Client c where c.hetu = :h", Client.class)
          .setParameter("h", HETU).setCacheable(true).getResultList()))
          .isInstanceOfSatisfying(SuojaException.class,
              e -> assertThat(e.code()).isEqualTo("SUOJA-5107"))
          .hasMessageContaining("cacheable");
    }
  }

  @Test
  void outsideAnyPrivacyContext_failsWithoutSearching() {
    try (JpaFixture f = fixture(h2())) {
      persist(f, OWNER, HETU);
      try (Session s = f.sessions.openSession()) {
        assertThatThrownBy(() -> s.createSelectionQuery(
                "from Client c where c.hetu = :h", Client.class)
            .setParameter("h", HETU).getResultList())
            .isInstanceOfSatisfying(SuojaException.class,
                e -> assertThat(e.code()).isEqualTo("SUOJA-5111"));
      }
    }
  }

  @Test
  void collision_loadedFirstThroughAnEagerAssociation_failsToo() {
    try (JpaFixture f = new JpaFixture(h2(), Map.of(), Relative.class, Employee.class)) {
      BlindIndex wanted = f.suoja.blindIndexer().index("A", "Relative", "name", "Mäkinen");
      String other = null;
      String unrelated = null;
      for (int i = 0; other == null || unrelated == null; i++) {
        boolean collides = f.suoja.blindIndexer()
            .index("A", "Relative", "name", "Sukunimi" + i).equals(wanted);
        if (collides && other == null) {
          other = "Sukunimi" + i;
        } else if (!collides && unrelated == null) {
          unrelated = "Sukunimi" + i;
        }
      }
      String colliding = other;
      String guardianName = unrelated;
      as(f, OWNER, s -> {
        Relative collider = new Relative("e-1", colliding, null);
        s.persist(collider);
        // whichever row comes first, the other one is already managed when its row is read
        s.persist(new Relative("e-1", "Mäkinen", collider));
        return null;
      });
      Function<Session, List<String>> named = s -> s.createSelectionQuery(
              "from Relative r where r.name = :n", Relative.class)
          .setParameter("n", "Mäkinen").getResultList().stream().map(r -> r.name).toList();

      assertThatThrownBy(() -> as(f, OWNER, named))
          .isInstanceOfSatisfying(SuojaException.class,
              e -> assertThat(e.code()).isEqualTo("SUOJA-5106"));

      // without the collision, the eagerly loaded guardian is neither checked nor returned
      as(f, OWNER, s -> {
        s.createSelectionQuery("from Relative r", Relative.class).getResultList()
            .forEach(r -> r.name = r.name.equals(colliding) ? guardianName : r.name);
        return null;
      });
      assertThat(as(f, OWNER, named)).containsExactly("Mäkinen");
    }
  }
}
