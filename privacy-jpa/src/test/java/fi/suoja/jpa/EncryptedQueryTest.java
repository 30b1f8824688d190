package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static fi.suoja.jpa.EncryptedEntityTest.persistClient;
import static fi.suoja.jpa.EncryptedEntityTest.rawRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Employee;
import fi.suoja.jpa.model.Team;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.api.AbstractThrowableAssert;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Queries that touch encrypted attributes never silently return nothing: they fail clearly. */
class EncryptedQueryTest {
  static final String HETU = "131052-308T";

  static List<Database> databases() {
    return Database.all();
  }

  static JpaFixture fixture(Database db) {
    return new JpaFixture(db, Map.of(), Client.class, Employee.class, Team.class);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> refused(
      JpaFixture f, String code, Function<Session, ?> query) {
    return assertThatThrownBy(() -> as(f, OWNER, query))
        .isInstanceOfSatisfying(SuojaException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageNotContaining(HETU)
        .hasMessageNotContaining("Virtanen");
  }

  /**
   * Equality forms the translator cannot rewrite soundly (TransparentEqualityTest: those it can).
   */
  @Test
  void equality_whereExcludingACollisionCouldKeepWrongRows_failsPointingAtPrivacyQueries() {
    try (JpaFixture f = fixture(Database.all().get(0))) {
      persistClient(f, "Aino", "Virtanen", HETU);
      List<String> refusedQueries =
          List.of(
              "from Client c where not (c.hetu = :hetu)",
              "from Client c where c.hetu <> :hetu",
              "from Client c where c.hetu = :hetu or c.responsibleEmployee = 'e-1'",
              "from Client c where c.id in (select x.id from Client x where x.hetu = :hetu)",
              "select c.municipality from Client c where c.hetu = :hetu",
              "select count(c) from Client c where c.hetu = :hetu group by c.municipality",
              "select c from Client c, Client d where d.hetu = :hetu and c.id = d.id",
              "from Client c where case when c.hetu = :hetu then 1 else 0 end = 1");
      for (String hql : refusedQueries) {
        for (int run = 0; run < 2; run++) { // a refused translation is not cached
          refused(
                  f,
                  "SUOJA-5101",
                  s ->
                      s.createSelectionQuery(hql, Object.class)
                          .setParameter("hetu", HETU)
                          .getResultList())
              .as(hql)
              .hasMessageContaining("Client.hetu")
              .hasMessageContaining("PrivacyQueries.findBy(entityManager, Client.class, \"hetu\"")
              .hasMessageContaining("Client.hetuIndex");
        }
      }
      refused(
          f,
          "SUOJA-5101",
          s ->
              s.createSelectionQuery("from Client c where c.hetu = '" + HETU + "'", Client.class)
                  .getResultList());
    }
  }

  @Test
  void criteriaNegatedEqual_failsTheSameWay() {
    try (JpaFixture f = fixture(Database.all().get(0))) {
      persistClient(f, "Aino", "Virtanen", HETU);
      refused(
              f,
              "SUOJA-5101",
              s -> {
                CriteriaBuilder cb = s.getCriteriaBuilder();
                CriteriaQuery<Client> q = cb.createQuery(Client.class);
                Root<Client> c = q.from(Client.class);
                q.select(c).where(cb.not(cb.equal(c.get("hetu"), HETU)));
                return s.createQuery(q).getResultList();
              })
          .hasMessageContaining("PrivacyQueries.findBy");
    }
  }

  @Test
  void comparisons_onNonIndexedAttribute_failNamingTheBlindIndexRemedy() {
    try (JpaFixture f = fixture(Database.all().get(0))) {
      refused(
              f,
              "SUOJA-5101",
              s ->
                  s.createSelectionQuery(
                          "from Client c where c.lastName = 'Virtanen'", Client.class)
                      .getResultList())
          .hasMessageContaining("Client.lastName")
          .hasMessageContaining("@BlindIndex(of = \"lastName\")");
      refused(
          f,
          "SUOJA-5101",
          s ->
              s.createSelectionQuery("from Client c where c.lastName < :n", Client.class)
                  .setParameter("n", "Virtanen")
                  .getResultList());
      refused(
          f,
          "SUOJA-5101",
          s ->
              s.createSelectionQuery("from Client c where c.hetu in (:h)", Client.class)
                  .setParameter("h", List.of(HETU))
                  .getResultList());
      refused(
          f,
          "SUOJA-5101",
          s ->
              s.createSelectionQuery(
                      "from Client c where upper(c.lastName) = 'VIRTANEN'", Client.class)
                  .getResultList());
    }
  }

  @Test
  void like_orderBy_groupBy_projection_failWithTheirOwnCodes() {
    try (JpaFixture f = fixture(Database.all().get(0))) {
      refused(
              f,
              "SUOJA-5102",
              s ->
                  s.createSelectionQuery("from Client c where c.lastName like 'Vir%'", Client.class)
                      .getResultList())
          .hasMessageContaining("Client.lastName")
          .hasMessageContaining("like");
      refused(
              f,
              "SUOJA-5103",
              s ->
                  s.createSelectionQuery("from Client c order by c.lastName", Client.class)
                      .getResultList())
          .hasMessageContaining("Client.lastName");
      refused(
          f,
          "SUOJA-5103",
          s ->
              s.createSelectionQuery(
                      "select count(c) from Client c group by c.lastName", Long.class)
                  .getResultList());
      refused(
              f,
              "SUOJA-5104",
              s ->
                  s.createSelectionQuery("select c.hetu from Client c", String.class)
                      .getResultList())
          .hasMessageContaining("Client.hetu");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void queries_notComparingEncryptedValues_stillWork(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", HETU);
      as(
          f,
          OWNER,
          s -> {
            s.persist(new Team("t1", "Kotihoito"));
            return null;
          });

      List<Client> withHetu =
          as(
              f,
              OWNER,
              s ->
                  s.createSelectionQuery(
                          "from Client c where c.hetu is not null and c.responsibleEmployee = 'e-1'"
                              + " order by c.id",
                          Client.class)
                      .getResultList());
      long withoutName =
          as(
              f,
              OWNER,
              s ->
                  s.createSelectionQuery(
                          "select count(c) from Client c where c.firstName is null", Long.class)
                      .getSingleResult());
      List<Team> teams =
          as(
              f,
              OWNER,
              s ->
                  s.createSelectionQuery("from Team t where t.name like 'Koti%'", Team.class)
                      .getResultList());

      assertThat(withHetu).extracting(c -> c.id).containsExactly(id);
      assertThat(withHetu.get(0).hetu).isEqualTo(HETU);
      assertThat(withoutName).isZero();
      assertThat(teams).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void bulkUpdateAndDelete_onEncryptedEntity_areRefused_rowsUnchanged(Database db)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", HETU);
      as(
          f,
          OWNER,
          s -> {
            s.persist(new Team("t1", "Kotihoito"));
            return null;
          });
      List<String> before = rawRow(f, "Client", id);

      refused(f, "SUOJA-5105", s -> s.createMutationQuery("delete from Client").executeUpdate())
          .hasMessageContaining("bulk delete on Client");
      refused(
              f,
              "SUOJA-5105",
              s ->
                  s.createMutationQuery(
                          "update Client c set c.municipality = 'Espoo' where c.id = :id")
                      .setParameter("id", id)
                      .executeUpdate())
          .hasMessageContaining("bulk update on Client");
      refused(
          f,
          "SUOJA-5105",
          s ->
              s.createMutationQuery("update Client c set c.lastName = 'Korhonen'").executeUpdate());
      int teamsRenamed =
          as(
              f,
              OWNER,
              s ->
                  s.createMutationQuery("update Team t set t.name = 'Kotihoito B'")
                      .executeUpdate());

      assertThat(rawRow(f, "Client", id)).isEqualTo(before);
      assertThat(teamsRenamed).isEqualTo(1);
    }
  }

  @Test
  void boot_withAnotherQueryTranslator_failsNamingTheSetting() {
    assertThatThrownBy(
            () ->
                new JpaFixture(
                        Database.all().get(0),
                        Map.of(
                            "hibernate.query.sqm.translator",
                            "org.hibernate.query.sqm.sql.StandardSqmTranslatorFactory"),
                        Client.class,
                        Employee.class)
                    .close())
        .isInstanceOfSatisfying(
            SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5100"))
        .hasMessageContaining("hibernate.query.sqm.translator")
        .hasMessageContaining("SuojaSqmTranslatorFactory");
  }
}
