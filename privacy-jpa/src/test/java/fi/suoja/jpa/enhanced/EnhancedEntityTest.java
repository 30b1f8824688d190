package fi.suoja.jpa.enhanced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.audit.AuditAction;
import fi.suoja.jpa.Database;
import fi.suoja.jpa.JpaFixture;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.hibernate.engine.spi.SelfDirtinessTracker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Entities rewritten by Hibernate's bytecode enhancer, whose dirty checking asks the entity's own
 * tracker instead of comparing values: opening on load must not count as a change, a change must be
 * sealed, and a blind index must follow its source also under {@code @DynamicUpdate}; an encrypted
 * attribute the enhanced entity would fetch lazily is refused.
 */
class EnhancedEntityTest {
  private static final Actor OWNER = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);
  private static final Actor COLLEAGUE = Actor.tenantUser("e-2", "A", Role.EMPLOYEE);
  private static final EnhancingClassLoader LOADER =
      new EnhancingClassLoader(
          EnhancedEntityTest.class.getClassLoader(),
          EnhancedColumns.class,
          EnhancedClient.class,
          EnhancedDynamicClient.class);

  static Stream<Arguments> cases() {
    return Database.all().stream()
        .flatMap(
            db ->
                Stream.of(EnhancedClient.class, EnhancedDynamicClient.class)
                    .map(type -> Arguments.of(db, type.getSimpleName())));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void enhancedEntity_sealsChanges_staysQuietOnLoad_andKeepsItsIndex(Database db, String name)
      throws Exception {
    db.assumeAvailable();
    Class<?> type =
        LOADER.enhanced(Class.forName(EnhancedClient.class.getPackageName() + "." + name));
    assertThat(SelfDirtinessTracker.class).isAssignableFrom(type); // really enhanced
    try (JpaFixture f = new JpaFixture(db, Map.of(), type)) {
      ClientRecord fresh =
          (ClientRecord)
              type.getConstructor(String.class, String.class, String.class)
                  .newInstance("e-1", "Virtanen", "131052-308T");
      UUID id =
          as(
              f,
              s -> {
                s.persist(fresh);
                return fresh.id();
              });
      assertThat(String.join(" ", raw(f, name, id, "lastName", "hetu")))
          .doesNotContain("Virtanen", "131052-308T");
      String sealedLastName = raw(f, name, id, "lastName").get(0);

      f.sessions.getStatistics().clear();
      String loaded = as(f, s -> ((ClientRecord) s.find(type, id)).lastName());
      assertThat(loaded).isEqualTo("Virtanen");
      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isZero();

      f.sink.clear();
      as(
          f,
          s -> {
            ((ClientRecord) s.find(type, id)).hetu("010594Y9032");
            return null;
          });
      assertThat(raw(f, name, id, "hetu").get(0)).doesNotContain("010594Y9032");
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.UPDATE)
          .singleElement()
          .satisfies(e -> assertThat(e.fields()).containsExactly("hetu"));
      assertThat(findByHetu(f, type, "010594Y9032")).containsExactly(id);
      assertThat(findByHetu(f, type, "131052-308T")).isEmpty();
      if (name.equals("EnhancedDynamicClient")) { // only the changed column was written
        assertThat(raw(f, name, id, "lastName").get(0)).isEqualTo(sealedLastName);
      }

      ClientRecord now = as(f, s -> (ClientRecord) s.find(type, id));
      assertThat(List.of(now.lastName(), now.hetu())).containsExactly("Virtanen", "010594Y9032");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void enhancedEntity_ownerTransferred_resealsEveryValueForTheNewOwner(Database db, String name)
      throws Exception {
    db.assumeAvailable();
    Class<?> type =
        LOADER.enhanced(Class.forName(EnhancedClient.class.getPackageName() + "." + name));
    try (JpaFixture f = new JpaFixture(db, Map.of(), type)) {
      ClientRecord fresh =
          (ClientRecord)
              type.getConstructor(String.class, String.class, String.class)
                  .newInstance("e-1", "Virtanen", "131052-308T");
      UUID id =
          as(
              f,
              s -> {
                s.persist(fresh);
                return fresh.id();
              });
      List<String> before = raw(f, name, id, "lastName", "hetu");

      // the tracker knows only the owner changed; the listener adds the sealed columns
      as(
          f,
          s -> {
            ((ClientRecord) s.find(type, id)).responsibleEmployee("e-2"); // the owner hands it over
            return null;
          });

      List<String> after = raw(f, name, id, "lastName", "hetu");
      assertThat(after.get(0)).isNotEqualTo(before.get(0));
      assertThat(after.get(1)).isNotEqualTo(before.get(1));
      String read =
          PrivacyContext.callAs(
              COLLEAGUE,
              Purpose.CARE,
              () -> f.sessions.fromTransaction(s -> ((ClientRecord) s.find(type, id)).lastName()));
      assertThat(read).isEqualTo("Virtanen");
    }
  }

  @ParameterizedTest
  @MethodSource("fi.suoja.jpa.Database#all")
  void lazilyFetchedEncryptedAttribute_isRefusedAtBoot(Database db) {
    db.assumeAvailable();
    // fetched on first access without a load event: it could not be opened after the policy
    Class<?> type =
        new EnhancingClassLoader(EnhancedEntityTest.class.getClassLoader(), EnhancedNotes.class)
            .enhanced(EnhancedNotes.class);
    assertThatThrownBy(() -> new JpaFixture(db, Map.of(), type).close())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-5018")
        .hasMessageContaining("EnhancedNotes.notes");
    // the same mapping without enhancement: Hibernate ignores the hint, Suoja allows it
    new JpaFixture(db, Map.of(), EnhancedNotes.class).close();
  }

  private static <T> T as(JpaFixture f, Function<Session, T> work) {
    return PrivacyContext.callAs(OWNER, Purpose.CARE, () -> f.sessions.fromTransaction(work));
  }

  private static List<UUID> findByHetu(JpaFixture f, Class<?> type, String hetu) {
    return as(
        f,
        s ->
            s
                .createSelectionQuery("from " + type.getSimpleName() + " where hetu = :h", type)
                .setParameter("h", hetu)
                .getResultList()
                .stream()
                .map(c -> ((ClientRecord) c).id())
                .toList());
  }

  private static List<String> raw(JpaFixture f, String entity, UUID id, String... columns)
      throws Exception {
    try (Connection c = f.database.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "select "
                    + String.join(", ", columns)
                    + " from "
                    + f.table(entity)
                    + " where id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
          for (int i = 1; i <= columns.length; i++) {
            out.add(rs.getString(i));
          }
        }
        return out;
      }
    }
  }
}
