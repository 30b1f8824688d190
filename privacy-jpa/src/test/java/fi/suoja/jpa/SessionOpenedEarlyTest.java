package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.persistClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaException;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Employee;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.data.repository.Repository;

/**
 * A session opened before any {@link PrivacyContext} (a {@code @DataJpaTest}, an EntityManager
 * injected before the actor is known) has its tenant fixed at open to "no tenant", so its queries
 * would find nothing. Used under an actor, it fails loudly with {@code SUOJA-5030} naming the
 * cause, never with empty results (issue 22, item 5).
 */
class SessionOpenedEarlyTest {
  static final String HETU = "131052-308T";

  interface Clients extends Repository<Client, UUID> {
    Optional<Client> findById(UUID id);

    List<Client> findByHetu(String hetu);
  }

  static List<Database> databases() {
    return Database.all();
  }

  /** Runs {@code work} as the owner in {@code s}, inside a transaction begun as the owner. */
  static Object inTransaction(Session s, Function<Session, Object> work) {
    return PrivacyContext.callAs(
        OWNER,
        Purpose.CARE,
        () -> {
          Transaction tx = s.beginTransaction();
          try {
            return work.apply(s);
          } finally {
            tx.rollback();
          }
        });
  }

  static Object outsideTransaction(Session s, Function<Session, Object> work) {
    return PrivacyContext.callAs(OWNER, Purpose.CARE, () -> work.apply(s));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aSessionOpenedBeforeTheActor_failsLoudly_insteadOfFindingNothing(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), Client.class, Employee.class)) {
      UUID id = persistClient(f, "Aino", "Virtanen", HETU);
      List<Function<Session, Object>> uses =
          List.of(
              s -> s.find(Client.class, id),
              s -> s.getReference(Client.class, id).firstName,
              s ->
                  s.createSelectionQuery("from Client c where c.municipality is null", Client.class)
                      .getResultList(),
              s ->
                  s.createSelectionQuery("from Client c where c.hetu = :h", Client.class)
                      .setParameter("h", HETU)
                      .getResultList(),
              s -> PrivacyQueries.findBy(s, Client.class, "hetu", HETU),
              s -> new JpaRepositoryFactory(s).getRepository(Clients.class).findById(id),
              s -> new JpaRepositoryFactory(s).getRepository(Clients.class).findByHetu(HETU),
              s -> {
                s.persist(new Client("e-1", "Eero", "Mäki", "010190-999K"));
                s.flush();
                return null;
              });

      for (int k = 0; k < uses.size(); k++) {
        Function<Session, Object> use = uses.get(k);
        try (Session early = f.sessions.openSession()) { // no PrivacyContext yet
          assertThatThrownBy(() -> inTransaction(early, use))
              .as("use %d in a transaction", k)
              .isInstanceOfSatisfying(
                  SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5030"))
              .hasMessageContaining("opened before any PrivacyContext")
              .hasMessageContaining("runAs")
              .hasMessageNotContaining(HETU);
        }
      }
      // without a transaction: what Suoja sees before a statement runs fails alike
      for (int k : new int[] {0, 1, 3, 4, 5, 6}) {
        try (Session early = f.sessions.openSession()) {
          assertThatThrownBy(() -> outsideTransaction(early, uses.get(k)))
              .as("use %d outside a transaction", k)
              .isInstanceOfSatisfying(
                  SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5030"));
        }
      }
      // opened inside the actor's context, the same work finds the record
      Object found =
          PrivacyContext.callAs(
              OWNER,
              Purpose.CARE,
              () -> {
                try (Session s = f.sessions.openSession()) {
                  return new JpaRepositoryFactory(s)
                      .getRepository(Clients.class)
                      .findById(id)
                      .map(c -> c.hetu)
                      .orElse(null);
                }
              });
      assertThat(found).isEqualTo(HETU);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aSessionOpenedBeforeTheActor_andUsedWithoutOne_stillSeesNothing(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), Client.class, Employee.class)) {
      UUID id = persistClient(f, "Aino", "Virtanen", HETU);
      try (Session early = f.sessions.openSession()) {
        // no actor, no data: unchanged, and not an error
        assertThat(early.find(Client.class, id)).isNull();
        assertThat(early.createSelectionQuery("from Client", Client.class).getResultList())
            .isEmpty();
      }
    }
  }
}
