package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.COLLEAGUE;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static fi.suoja.jpa.EncryptedEntityTest.rawColumn;
import static fi.suoja.jpa.EncryptedEntityTest.rawRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaException;
import fi.suoja.audit.AuditAction;
import fi.suoja.jpa.model.Hierarchy;
import fi.suoja.jpa.model.Party;
import fi.suoja.jpa.model.PrivateParty;
import fi.suoja.policy.AccessDeniedException;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Entity inheritance (JOINED, SINGLE_TABLE, TABLE_PER_CLASS), encrypted attributes on both levels:
 * a row of a subclass opens, and is found by its blind index, whichever class of the hierarchy
 * reads or searches it, because the whole hierarchy seals and indexes under its root's name.
 */
class InheritanceTest {
  static Stream<Arguments> cases() {
    return Database.all().stream()
        .flatMap(
            db ->
                Stream.of(Hierarchy.JOINED, Hierarchy.SINGLE_TABLE, Hierarchy.TABLE_PER_CLASS)
                    .map(h -> Arguments.of(db, h)));
  }

  static JpaFixture fixture(Database db, Hierarchy h) {
    return new JpaFixture(db, Map.of(), h.root(), h.sub());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void subclassRow_isSealed_opensThroughEitherClass_andIsFoundThroughTheRoot(
      Database db, Hierarchy h) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db, h)) {
      UUID rootId = persistRoot(f, h);
      UUID subId = persistSub(f, h);
      assertThat(String.join(" ", raw(f, h)))
          .doesNotContain("010594Y9032", "131052-308T", "insulin");
      f.sessions.getStatistics().clear();
      f.sink.clear();

      Hierarchy.Sub bySub = as(f, OWNER, s -> s.find(h.sub(), subId));
      Hierarchy.Member byRoot = as(f, OWNER, s -> s.find(h.root(), subId));

      assertThat(List.of(bySub.hetu(), bySub.careNeeds()))
          .containsExactly("010594Y9032", "insulin twice a day");
      assertThat(byRoot).isInstanceOf(h.sub());
      assertThat(((Hierarchy.Sub) byRoot).careNeeds()).isEqualTo("insulin twice a day");
      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isZero();
      // the audit event names the record's own class
      assertThat(f.sink.events())
          .hasSize(2)
          .allSatisfy(
              e -> {
                assertThat(e.action()).isEqualTo(AuditAction.READ);
                assertThat(e.resource().type()).isEqualTo(h.sub().getSimpleName());
                assertThat(e.fields()).contains("hetu", "careNeeds");
              });

      // searched through the root, the sub or PrivacyQueries: each finds exactly its own
      assertThat(ids(f, h.root(), "010594Y9032")).containsExactly(subId);
      assertThat(ids(f, h.root(), "131052-308T")).containsExactly(rootId);
      assertThat(ids(f, h.sub(), "010594Y9032")).containsExactly(subId);
      assertThat(ids(f, h.sub(), "131052-308T")).isEmpty();
      List<UUID> found =
          as(
              f,
              OWNER,
              s ->
                  PrivacyQueries.findBy((EntityManager) s, h.root(), "hetu", "010594Y9032").stream()
                      .map(Hierarchy.Member::id)
                      .toList());
      assertThat(found).containsExactly(subId);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void subclassRow_updatedThroughTheRoot_andDeniedToAColleague(Database db, Hierarchy h)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db, h)) {
      UUID subId = persistSub(f, h);
      f.sink.clear();

      as(
          f,
          OWNER,
          s -> {
            ((Hierarchy.Sub) s.find(h.root(), subId)).careNeeds("evening visit");
            return null;
          });

      assertThat(String.join(" ", raw(f, h))).doesNotContain("evening");
      String now = as(f, OWNER, s -> s.find(h.sub(), subId).careNeeds());
      assertThat(now).isEqualTo("evening visit");
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.UPDATE)
          .singleElement()
          .satisfies(e -> assertThat(e.fields()).containsExactly("careNeeds"));

      assertThatThrownBy(() -> as(f, COLLEAGUE, s -> s.find(h.root(), subId).hetu()))
          .isInstanceOf(AccessDeniedException.class);
      // a lookup by HETU leaves out what the colleague may not see (no existence oracle)
      f.sink.clear();
      List<?> found =
          as(
              f,
              COLLEAGUE,
              s ->
                  s.createSelectionQuery(
                          "from " + h.root().getSimpleName() + " where hetu = :h", h.root())
                      .setParameter("h", "010594Y9032")
                      .getResultList());
      assertThat(found).isEmpty();
      assertThat(f.sink.events())
          .singleElement()
          .satisfies(e -> assertThat(e.outcome().status().name()).isEqualTo("DENIED"));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void keyRotation_resealsEveryRowOfTheHierarchy_andTheyStillOpenAndMatch(
      Database db, Hierarchy h) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db, h)) {
      UUID rootId = persistRoot(f, h);
      UUID subId = persistSub(f, h);
      f.suoja.keyring().rotate("A");

      List<KeyRotation.Progress> done = KeyRotation.builder(f.sessions).build().run();

      assertThat(done).allSatisfy(p -> assertThat(p.complete()).isTrue());
      assertThat(KeyRotation.builder(f.sessions).build().remaining("A", 2)).isZero();
      Hierarchy.Sub sub = as(f, OWNER, s -> s.find(h.sub(), subId));
      assertThat(List.of(sub.hetu(), sub.careNeeds()))
          .containsExactly("010594Y9032", "insulin twice a day");
      String rootHetu = as(f, OWNER, s -> s.find(h.root(), rootId).hetu());
      assertThat(rootHetu).isEqualTo("131052-308T");
      assertThat(ids(f, h.root(), "010594Y9032")).containsExactly(subId);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void plaintextMigration_sealsEveryTableOfTheHierarchy_soRowsOpenAndMatch(Database db, Hierarchy h)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db, h)) {
      UUID subId = persistSub(f, h);
      // the row as it stood before Suoja: plaintext, no blind index
      try (Connection c = f.database.connect()) {
        update(
            c,
            "update "
                + f.table(tableOf(h, "hetu"))
                + " set hetu = ?, hetuIndex = null"
                + " where id = ?",
            "010594Y9032",
            subId);
        update(
            c,
            "update " + f.table(tableOf(h, "careNeeds")) + " set careNeeds = ? where id = ?",
            "insulin twice a day",
            subId);
      }

      PlaintextMigration migration = PlaintextMigration.builder(f.sessions).build();
      long sealed = migration.run(h.root()).sealedValues() + migration.run(h.sub()).sealedValues();

      assertThat(sealed).isEqualTo(2);
      assertThat(String.join(" ", raw(f, h))).doesNotContain("010594Y9032", "insulin");
      Hierarchy.Sub sub = as(f, OWNER, s -> s.find(h.sub(), subId));
      assertThat(List.of(sub.hetu(), sub.careNeeds()))
          .containsExactly("010594Y9032", "insulin twice a day");
      assertThat(ids(f, h.root(), "010594Y9032")).containsExactly(subId);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void bulkStatements_onEitherClass_areRefused(Database db, Hierarchy h) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db, h)) {
      UUID subId = persistSub(f, h);
      List<String> before = raw(f, h);

      // JOINED and TABLE_PER_CLASS run them through Hibernate's multi-table strategies
      for (Class<?> type : List.of(h.root(), h.sub())) {
        String name = type.getSimpleName();
        for (String bulk :
            List.of("delete from " + name, "update " + name + " set responsibleEmployee = 'e-2'")) {
          assertThatThrownBy(() -> as(f, OWNER, s -> s.createMutationQuery(bulk).executeUpdate()))
              .as(bulk)
              .isInstanceOf(SuojaException.class)
              .hasMessageContaining("SUOJA-5105");
        }
      }

      assertThat(raw(f, h)).isEqualTo(before);
      String careNeeds = as(f, OWNER, s -> s.find(h.sub(), subId).careNeeds());
      assertThat(careNeeds).isEqualTo("insulin twice a day");
    }
  }

  @ParameterizedTest
  @MethodSource("fi.suoja.jpa.Database#all")
  void bulkStatement_onAnUnprotectedRoot_isRefusedWhenASubclassIsProtected(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), Party.class, PrivateParty.class)) {
      assertThatThrownBy(
              () -> as(f, OWNER, s -> s.createMutationQuery("delete from Party").executeUpdate()))
          .isInstanceOf(SuojaException.class)
          .hasMessageContaining("SUOJA-5105")
          .hasMessageContaining("PrivateParty has @Encrypted attributes");
    }
  }

  // ---- options declared on a subclass (issue 15: they were kept under the subclass's name) ----

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void paddingAndBlindIndex_declaredOnASubclass_apply(Database db, Hierarchy h) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db, h)) {
      UUID shortId =
          as(
              f,
              OWNER,
              s -> {
                Hierarchy.Sub m = h.newSub().make("e-1", "010594Y9032", "x");
                s.persist(m);
                return m.id();
              });
      UUID longId =
          as(
              f,
              OWNER,
              s -> {
                Hierarchy.Sub m = h.newSub().make("e-1", "131052-308T", "evening visit, twice");
                s.persist(m);
                return m.id();
              });
      // padded to the 32-byte bucket: a 1-character and a 20-character value look alike
      String table = tableOf(h, "careNeeds");
      assertThat(rawColumn(f, table, shortId, "careNeeds"))
          .hasSameSizeAs(rawColumn(f, table, longId, "careNeeds"));
      // the subclass's own blind index: written, and searched through the subclass
      assertThat(rawColumn(f, table, longId, "careNeedsIndex")).hasSize(8);
      List<UUID> found =
          as(
              f,
              OWNER,
              s ->
                  s
                      .createSelectionQuery(
                          "from " + h.sub().getSimpleName() + " where careNeeds = :c", h.sub())
                      .setParameter("c", "Evening visit, twice")
                      .getResultList()
                      .stream()
                      .map(Hierarchy.Member::id)
                      .toList());
      assertThat(found).containsExactly(longId);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void aProtectedEntityMissingFromTheRuntime_failsTheBoot_namingIt(Database db, Hierarchy h) {
    db.assumeAvailable();
    assertThatThrownBy(
            () ->
                new JpaFixture(db, Map.of(), new Class<?>[] {h.root()}, h.root(), h.sub()).close())
        .isInstanceOfSatisfying(
            SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5023"))
        .hasMessageContaining(h.sub().getName());
  }

  /** A root-class row of e-1 with the HETU 131052-308T. */
  private static UUID persistRoot(JpaFixture f, Hierarchy h) {
    return as(
        f,
        OWNER,
        s -> {
          Hierarchy.Member m = h.newRoot().make("e-1", "131052-308T");
          s.persist(m);
          return m.id();
        });
  }

  /** A subclass row of e-1 with the HETU 010594Y9032. */
  private static UUID persistSub(JpaFixture f, Hierarchy h) {
    return as(
        f,
        OWNER,
        s -> {
          Hierarchy.Sub m = h.newSub().make("e-1", "010594Y9032", "insulin twice a day");
          s.persist(m);
          return m.id();
        });
  }

  /** The table holding {@code attribute} of a subclass row. */
  private static String tableOf(Hierarchy h, String attribute) {
    return switch (h.strategy()) {
      case "JOINED" -> (attribute.equals("careNeeds") ? h.sub() : h.root()).getSimpleName();
      case "SINGLE_TABLE" -> h.root().getSimpleName();
      default -> h.sub().getSimpleName(); // TABLE_PER_CLASS: the subclass's table holds all
    };
  }

  /** Every stored value of the tables that hold a subclass row. */
  private static List<String> raw(JpaFixture f, Hierarchy h) throws Exception {
    List<String> out = new ArrayList<>(rawRow(f, tableOf(h, "hetu"), null));
    if (!tableOf(h, "careNeeds").equals(tableOf(h, "hetu"))) {
      out.addAll(rawRow(f, tableOf(h, "careNeeds"), null));
    }
    return out;
  }

  private static void update(Connection c, String sql, String value, UUID id) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      ps.setObject(2, id);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  private static List<UUID> ids(JpaFixture f, Class<? extends Hierarchy.Member> type, String hetu) {
    return as(
        f,
        OWNER,
        s ->
            s
                .createSelectionQuery("from " + type.getSimpleName() + " where hetu = :h", type)
                .setParameter("h", hetu)
                .getResultList()
                .stream()
                .map(Hierarchy.Member::id)
                .toList());
  }
}
