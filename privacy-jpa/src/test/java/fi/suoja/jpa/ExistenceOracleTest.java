package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.COLLEAGUE;
import static fi.suoja.jpa.EncryptedEntityTest.persistClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fi.suoja.SuojaException;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.Outcome;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Employee;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A transparent lookup by HETU answers an actor who may not see the matching record exactly as if
 * no such record existed (security review 2026-12, D6): no exception naming it in fail mode, no
 * shape that fails only when it exists; the denial is still audited.
 */
class ExistenceOracleTest {
  static final String KNOWN = "131052-308T";
  static final String UNKNOWN = "010101-123N";

  static List<Object[]> cases() {
    return Database.all().stream()
        .flatMap(db -> List.of(new Object[] {db, "fail"}, new Object[] {db, "mask"}).stream())
        .toList();
  }

  static JpaFixture fixture(Database db, String mode) {
    return new JpaFixture(
        db, Map.of(SuojaJpaSettings.ON_DENIED, mode), Client.class, Employee.class);
  }

  /** What the colleague's lookup of {@code hetu} yields: the rows, or the exception's code. */
  static String answer(Session s, String hetu, boolean paged) {
    try {
      var q =
          s.createSelectionQuery("from Client c where c.hetu = :h", Client.class)
              .setParameter("h", hetu);
      if (paged) {
        q.setMaxResults(5);
      }
      return "rows=" + q.getResultList().size();
    } catch (SuojaException e) {
      return e.code() + ": " + e.getMessage();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aLookupOfAnotherEmployeesClient_looksExactlyLikeALookupOfNobody(Database db, String mode) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db, mode)) {
      UUID id = persistClient(f, "Aino", "Virtanen", KNOWN);
      f.sink.clear();

      for (boolean paged : List.of(false, true)) {
        String[] seen =
            PrivacyContext.callAs(
                COLLEAGUE,
                Purpose.CARE,
                () -> {
                  try (Session s = f.sessions.openSession()) {
                    return new String[] {answer(s, KNOWN, paged), answer(s, UNKNOWN, paged)};
                  }
                });
        assertThat(seen[0]).as("paged=%s", paged).isEqualTo(seen[1]);
        assertThat(seen[0]).doesNotContain(id.toString());
        // a page is cut from the exact result, which leaves the record out as a list does
        assertThat(seen[0]).isEqualTo("rows=0");
      }
      // the attempts on the record itself are audited as denied reads
      assertThat(f.sink.events())
          .hasSize(2)
          .allSatisfy(
              e -> {
                assertThat(e.action()).isEqualTo(AuditAction.READ);
                assertThat(e.resource().id()).isEqualTo(id.toString());
                assertThat(e.outcome()).isEqualTo(Outcome.denied("NOT_OWNER"));
              });
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void afterALookup_theRecordLeftOutIsNotInTheSession_aFindDecidesItAgain(
      Database db, String mode) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db, mode)) {
      UUID id = persistClient(f, "Aino", "Virtanen", KNOWN);
      f.sink.clear();
      Throwable t =
          PrivacyContext.callAs(
              COLLEAGUE,
              Purpose.CARE,
              () -> {
                try (Session s = f.sessions.openSession()) {
                  assertThat(answer(s, KNOWN, false)).isEqualTo("rows=0");
                  assertThat(s.getStatistics().getEntityCount()).isZero();
                  return catchThrowable(
                      () -> {
                        Client c = s.find(Client.class, id);
                        assertThat(c.hetu).isEqualTo(SuojaJpaSettings.MASK);
                      });
                }
              });
      if (mode.equals("fail")) {
        assertThat(t).isInstanceOf(AccessDeniedException.class);
        assertThat(t.getMessage()).doesNotContain(id.toString());
      } else {
        assertThat(t).isNull();
      }
      assertThat(f.sink.events())
          .hasSize(2)
          .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(Outcome.denied("NOT_OWNER")));
    }
  }
}
