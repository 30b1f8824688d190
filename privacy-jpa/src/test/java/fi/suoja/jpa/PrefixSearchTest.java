package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.OTHER_TENANT;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.jpa.model.HetuPrefixClient;
import fi.suoja.jpa.model.PrefixClient;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.data.repository.Repository;

/**
 * Prefix search on an encrypted name through its prefix index ({@code @BlindIndex(prefix = 3)}):
 * {@code like 'Vir%'} in HQL, Criteria and Spring Data's {@code findByLastNameStartingWith} finds
 * exactly the records whose normalised name starts with the prefix; shorter prefixes and other
 * patterns are refused; a HETU prefix index is refused at boot.
 */
class PrefixSearchTest {

  /** What a host writes: no Suoja type in sight. */
  interface PrefixClients extends Repository<PrefixClient, UUID> {
    List<PrefixClient> findByLastNameStartingWith(String prefix);

    long countByLastNameStartingWith(String prefix);
  }

  static List<Database> databases() {
    return Database.all();
  }

  static JpaFixture fixture(Database db) {
    return new JpaFixture(db, Map.of(), PrefixClient.class);
  }

  static void persist(JpaFixture f, String... names) {
    as(
        f,
        OWNER,
        s -> {
          for (String n : names) {
            s.persist(new PrefixClient(OWNER.userId(), n));
          }
          return null;
        });
  }

  static List<String> hql(JpaFixture f, String where, Object pattern) {
    return as(
        f,
        OWNER,
        s -> {
          var q = s.createSelectionQuery("from PrefixClient c where " + where, PrefixClient.class);
          if (pattern != null) {
            q.setParameter("p", pattern);
          }
          return q.getResultList().stream().map(c -> c.lastName).sorted().toList();
        });
  }

  @ParameterizedTest
  @MethodSource("databases")
  void hqlLike_findsTheNamesStartingWithThePrefix_andNoOthers(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      persist(f, "Virtanen", "Virta", "Koski", "Virolainen", "Vi");

      assertThat(hql(f, "c.lastName like 'Vir%'", null))
          .containsExactly("Virolainen", "Virta", "Virtanen");
      assertThat(hql(f, "c.lastName like :p", "Virt%")).containsExactly("Virta", "Virtanen");
      // the exact filter after opening: the index covers "vir", the query asks for more
      assertThat(hql(f, "c.lastName like :p", "Virtan%")).containsExactly("Virtanen");
      // matched on the normalised form, as the NAME equality index does
      assertThat(hql(f, "c.lastName like :p", "vIRT%")).containsExactly("Virta", "Virtanen");
      assertThat(hql(f, "c.lastName like :p and c.responsibleEmployee = 'e-1'", "Kos%"))
          .containsExactly("Koski");
      assertThat(hql(f, "c.lastName like :p", "Kor%")).isEmpty();
      // another tenant's records are never candidates
      List<String> other =
          as(
              f,
              OTHER_TENANT,
              s ->
                  s
                      .createSelectionQuery(
                          "from PrefixClient c where c.lastName like 'Vir%'", PrefixClient.class)
                      .getResultList()
                      .stream()
                      .map(c -> c.lastName)
                      .toList());
      assertThat(other).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void criteriaLike_andSpringDataStartingWith_work(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      persist(f, "Virtanen", "Virta", "Koski", "Vir_tanen");

      List<String> criteria =
          as(
              f,
              OWNER,
              s -> {
                CriteriaBuilder cb = s.getCriteriaBuilder();
                CriteriaQuery<PrefixClient> q = cb.createQuery(PrefixClient.class);
                Root<PrefixClient> c = q.from(PrefixClient.class);
                q.where(cb.like(c.get("lastName"), "Virt%"));
                return s.createQuery(q).getResultList().stream()
                    .map(x -> x.lastName)
                    .sorted()
                    .toList();
              });
      assertThat(criteria).containsExactly("Virta", "Virtanen");

      List<String> byRepository =
          as(
              f,
              OWNER,
              (Session s) ->
                  new JpaRepositoryFactory(s)
                      .getRepository(PrefixClients.class).findByLastNameStartingWith("Vir").stream()
                          .map(x -> x.lastName)
                          .sorted()
                          .toList());
      assertThat(byRepository).containsExactly("Vir_tanen", "Virta", "Virtanen");
      // Spring Data escapes the wildcard in the value: "Vir_" is a literal prefix
      List<String> escaped =
          as(
              f,
              OWNER,
              (Session s) ->
                  new JpaRepositoryFactory(s)
                          .getRepository(PrefixClients.class)
                          .findByLastNameStartingWith("Vir_")
                          .stream()
                          .map(x -> x.lastName)
                          .toList());
      assertThat(escaped).containsExactly("Vir_tanen");
      long count =
          as(
              f,
              OWNER,
              (Session s) ->
                  new JpaRepositoryFactory(s)
                      .getRepository(PrefixClients.class)
                      .countByLastNameStartingWith("Virt"));
      assertThat(count).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void tooShortPrefix_andOtherPatterns_refusedWithCodes(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      persist(f, "Virtanen");

      assertThatThrownBy(() -> hql(f, "c.lastName like 'Vi%'", null))
          .hasStackTraceContaining("SUOJA-5150")
          .hasStackTraceContaining("at least 3 characters");
      assertThatThrownBy(() -> hql(f, "c.lastName like :p", "Vi%"))
          .hasStackTraceContaining("SUOJA-5150");
      for (String pattern : List.of("%tan%", "_ir%", "Virtanen", "Vir%en")) {
        assertThatThrownBy(() -> hql(f, "c.lastName like :p", pattern))
            .as(pattern)
            .isInstanceOf(SuojaException.class)
            .hasMessageContaining("SUOJA-5102")
            .hasMessageNotContaining(pattern);
        assertThatThrownBy(() -> hql(f, "c.lastName like '" + pattern + "'", null))
            .as(pattern)
            .hasStackTraceContaining("SUOJA-5102");
      }
      // not under "not" or "or": leaving a candidate out would be wrong there
      assertThatThrownBy(() -> hql(f, "c.lastName not like 'Vir%'", null))
          .hasStackTraceContaining("SUOJA-5102");
      assertThatThrownBy(
              () -> hql(f, "c.lastName like 'Vir%' or c.responsibleEmployee = 'e-2'", null))
          .hasStackTraceContaining("SUOJA-5102");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void prefixColumn_holdsNoPlaintext_andEqualPrefixesShareAValue(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      persist(f, "Virtanen", "Virta", "Koski");
      List<Object[]> rows =
          as(
              f,
              OWNER,
              s ->
                  s.createNativeQuery(
                          "select lastName, lastNamePrefix, lastNameIndex from "
                              + f.table("i22_prefix_client"),
                          Object[].class)
                      .getResultList());
      assertThat(rows).hasSize(3);
      for (Object[] row : rows) {
        String prefix = row[1].toString();
        assertThat(prefix).doesNotContainIgnoringCase("vir").doesNotContainIgnoringCase("kos");
        assertThat(row[0].toString()).doesNotContainIgnoringCase("vir");
        assertThat(prefix).isNotEqualTo(row[2].toString());
      }
      // the documented leakage: Virtanen and Virta share their prefix index value
      assertThat(rows.stream().map(r -> r[1].toString()).distinct().count()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void hetuPrefixIndex_refusedAtBoot(Database db) {
    db.assumeAvailable();
    assertThatThrownBy(() -> new JpaFixture(db, Map.of(), HetuPrefixClient.class).close())
        .hasStackTraceContaining("SUOJA-1510")
        .satisfies(
            e ->
                assertThat(
                        e instanceof SuojaConfigurationException
                            || e.getCause() instanceof SuojaConfigurationException)
                    .isTrue());
  }
}
