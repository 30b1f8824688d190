package fi.suoja.jpa.enhanced;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.jpa.Database;
import fi.suoja.jpa.JpaFixture;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.engine.spi.SelfDirtinessTracker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bytecode-enhanced entity with an IDENTITY id: the plaintext that replaces the envelopes in the
 * loaded state after the insert must neither count as a change nor hide one the entity's tracker
 * recorded after the persist.
 */
class EnhancedIdentityTest {
  private static final Actor OWNER = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);
  private static final EnhancingClassLoader LOADER =
      new EnhancingClassLoader(
          EnhancedIdentityTest.class.getClassLoader(), EnhancedNumberedClient.class);

  static List<Database> databases() {
    return Database.all();
  }

  private static <T> T as(JpaFixture f, Function<Session, T> work) {
    return PrivacyContext.callAs(OWNER, Purpose.CARE, () -> f.sessions.fromTransaction(work));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void persist_thenChange_isWritten_persistAlone_writesNothingMore(Database db) throws Exception {
    db.assumeAvailable();
    Class<?> type = LOADER.enhanced(EnhancedNumberedClient.class);
    assertThat(SelfDirtinessTracker.class).isAssignableFrom(type);
    try (JpaFixture f = new JpaFixture(db, Map.of(), type)) {
      f.sessions.getStatistics().clear();
      Integer quiet =
          as(
              f,
              s -> {
                NumberedRecord r = newRecord(type, "Virtanen");
                s.persist(r);
                s.flush();
                return r.id();
              });
      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isZero();

      Integer changed =
          as(
              f,
              s -> {
                NumberedRecord r = newRecord(type, "Lahtinen");
                s.persist(r);
                r.lastName("Korhonen"); // tracked by the entity after the insert ran
                return r.id();
              });
      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isEqualTo(1);

      String first = as(f, s -> ((NumberedRecord) s.find(type, quiet)).lastName());
      String second = as(f, s -> ((NumberedRecord) s.find(type, changed)).lastName());
      assertThat(first).isEqualTo("Virtanen");
      assertThat(second).isEqualTo("Korhonen");
    }
  }

  private static NumberedRecord newRecord(Class<?> type, String lastName) {
    try {
      return (NumberedRecord) type.getConstructor(String.class).newInstance(lastName);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
