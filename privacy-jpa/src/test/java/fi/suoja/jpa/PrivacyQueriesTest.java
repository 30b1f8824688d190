package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.COLLEAGUE;
import static fi.suoja.jpa.EncryptedEntityTest.OTHER_TENANT;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.audit.AuditAction;
import fi.suoja.crypto.BlindIndex;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Contact;
import fi.suoja.jpa.model.Employee;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.DenyReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Blind-index lookups through {@link PrivacyQueries}, on every configured database. */
class PrivacyQueriesTest {
  static List<Database> databases() {
    return Database.all();
  }

  static JpaFixture fixture(Database db) {
    return new JpaFixture(db, Map.of(), Client.class, Employee.class, Contact.class);
  }

  static Database h2() {
    return Database.all().get(0);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void findBy_fewIndexBits_returnsExactMatchesAndDropsCollisions(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      as(
          f,
          OWNER,
          s -> {
            s.persist(new Contact("e-1", "Mäkinen", "040 1"));
            s.persist(new Contact("e-1", "  makinen ", "040 2"));
            return null;
          });
      // With 8 index bits, find names whose index collides with the one searched for.
      BlindIndex target = f.suoja.blindIndexer().index("A", "Contact", "lastName", "Mäkinen");
      List<String> colliding = new ArrayList<>();
      List<String> others = new ArrayList<>();
      for (int i = 0; colliding.size() < 3 || others.size() < 40; i++) {
        String name = "Sukunimi" + i;
        boolean collides =
            f.suoja.blindIndexer().index("A", "Contact", "lastName", name).equals(target);
        if (collides && colliding.size() < 3) {
          colliding.add(name);
        } else if (!collides && others.size() < 40) {
          others.add(name);
        }
      }
      as(
          f,
          OWNER,
          s -> {
            colliding.forEach(n -> s.persist(new Contact("e-1", n, "050")));
            others.forEach(n -> s.persist(new Contact("e-1", n, "050")));
            return null;
          });
      f.sink.clear();
      f.sessions.getStatistics().clear();

      List<String> found =
          as(
              f,
              OWNER,
              s ->
                  PrivacyQueries.findBy(s, Contact.class, "lastName", "MÄKINEN").stream()
                      .map(c -> c.lastName)
                      .toList());

      assertThat(found).containsExactlyInAnyOrder("Mäkinen", "  makinen ");
      // every row the index matched was loaded, decided and audited; the collisions were dropped
      assertThat(f.sessions.getStatistics().getEntityLoadCount()).isEqualTo(2 + colliding.size());
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.READ)
          .hasSize(2 + colliding.size());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void findBy_otherTenantsRecords_areNeverReturned(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID inA =
          as(
              f,
              OWNER,
              s -> {
                Client c = new Client("e-1", "Aino", "Virtanen", "131052-308T");
                s.persist(c);
                return c.id;
              });
      UUID inB =
          as(
              f,
              OTHER_TENANT,
              s -> {
                Client c = new Client("e-9", "Aino", "Virtanen", "131052-308T");
                s.persist(c);
                return c.id;
              });

      List<UUID> seenByA =
          as(
              f,
              OWNER,
              s ->
                  PrivacyQueries.findBy(s, Client.class, "hetu", "131052-308T").stream()
                      .map(c -> c.id)
                      .toList());
      List<UUID> seenByB =
          as(
              f,
              OTHER_TENANT,
              s ->
                  PrivacyQueries.findBy(s, Client.class, "hetu", "131052-308t").stream()
                      .map(c -> c.id)
                      .toList());

      assertThat(seenByA).containsExactly(inA);
      assertThat(seenByB).containsExactly(inB);
      assertThat(f.sink.events())
          .noneMatch(
              e ->
                  e.action() == AuditAction.READ
                      && !e.resource().tenantId().equals(e.actor().tenantId()));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void findBy_afterKeyRotation_findsRowsIndexedUnderEveryKeyVersion(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = fixture(db)) {
      UUID before =
          as(
              f,
              OWNER,
              s -> {
                Client c = new Client("e-1", "Aino", "Virtanen", "131052-308T");
                s.persist(c);
                return c.id;
              });
      f.suoja.keyring().rotate("A");
      UUID after =
          as(
              f,
              OWNER,
              s -> {
                Client c = new Client("e-1", "Aino", "Virtanen-Korhonen", "131052-308T");
                s.persist(c);
                return c.id;
              });

      List<UUID> found =
          as(
              f,
              OWNER,
              s ->
                  PrivacyQueries.findBy(s, Client.class, "hetu", "131052-308T").stream()
                      .map(c -> c.id)
                      .toList());

      assertThat(found).containsExactlyInAnyOrder(before, after);
    }
  }

  @Test
  void findBy_colleagueInFailMode_findsNothing_likeALookupOfNobody_andTheDenialIsAudited() {
    try (JpaFixture f = fixture(h2())) {
      UUID id =
          as(
              f,
              OWNER,
              s -> {
                Client c = new Client("e-1", "Aino", "Virtanen", "131052-308T");
                s.persist(c);
                return c.id;
              });
      f.sink.clear();
      List<Client> known =
          as(f, COLLEAGUE, s -> PrivacyQueries.findBy(s, Client.class, "hetu", "131052-308T"));
      List<Client> unknown =
          as(f, COLLEAGUE, s -> PrivacyQueries.findBy(s, Client.class, "hetu", "010101-123N"));
      assertThat(known).isEmpty();
      assertThat(unknown).isEmpty();
      assertThat(f.sink.events())
          .singleElement()
          .satisfies(e -> assertThat(e.outcome().status().name()).isEqualTo("DENIED"));
      // a find in the same session decides the record again, and fails
      assertThatThrownBy(
              () ->
                  as(
                      f,
                      COLLEAGUE,
                      s -> {
                        PrivacyQueries.findBy(s, Client.class, "hetu", "131052-308T");
                        return s.find(Client.class, id);
                      }))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageNotContaining(id.toString());
    }
  }

  @Test
  void findBy_colleagueInMaskMode_returnsNothingUnverifiable() {
    try (JpaFixture f =
        new JpaFixture(
            h2(), Map.of(SuojaJpaSettings.ON_DENIED, "mask"), Client.class, Employee.class)) {
      as(
          f,
          OWNER,
          s -> {
            s.persist(new Client("e-1", "Aino", "Virtanen", "131052-308T"));
            return null;
          });
      f.sink.clear();
      List<Client> found =
          as(f, COLLEAGUE, s -> PrivacyQueries.findBy(s, Client.class, "hetu", "131052-308T"));
      assertThat(found).isEmpty();
      assertThat(f.sink.events())
          .singleElement()
          .satisfies(e -> assertThat(e.outcome().status().name()).isEqualTo("DENIED"));
    }
  }

  @Test
  void findBy_attributeWithoutBlindIndex_failsNamingEntityAttributeAndRemedy() {
    try (JpaFixture f = fixture(h2())) {
      assertThatThrownBy(
              () ->
                  as(f, OWNER, s -> PrivacyQueries.findBy(s, Client.class, "lastName", "Virtanen")))
          .isInstanceOfSatisfying(
              SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5110"))
          .hasMessageContaining("Client.lastName")
          .hasMessageContaining("@BlindIndex(of = \"lastName\")")
          .hasMessageNotContaining("Virtanen");
      assertThatThrownBy(
              () ->
                  as(
                      f,
                      OWNER,
                      s -> PrivacyQueries.findBy(s, Client.class, "municipality", "Espoo")))
          .hasMessageContaining("Client.municipality is not @Encrypted")
          .hasMessageNotContaining("Espoo");
      assertThatThrownBy(
              () -> as(f, OWNER, s -> PrivacyQueries.findBy(s, Client.class, "nickname", "Aino")))
          .hasMessageContaining("Client has no attribute 'nickname'")
          .hasMessageNotContaining("Aino");
    }
  }

  @Test
  void findBy_outsideAnyPrivacyContext_failsWithoutSearching() {
    try (JpaFixture f = fixture(h2())) {
      try (Session s = f.sessions.openSession()) {
        assertThatThrownBy(() -> PrivacyQueries.findBy(s, Client.class, "hetu", "131052-308T"))
            .isInstanceOfSatisfying(
                SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5111"))
            .hasMessageContaining("Client.hetu")
            .hasMessageNotContaining("131052-308T");
      }
    }
  }

  /**
   * Issue 19 (found by the multi-node harness): while the audit trail refuses events, a lookup
   * whose candidate rows cannot be audited fails closed with AUDIT_UNAVAILABLE instead of returning
   * an empty list that reads as "no such person" (a policy denial is still left out quietly).
   */
  @Test
  void findBy_auditUnavailable_failsInsteadOfReturningNothing() {
    try (JpaFixture f = fixture(h2())) {
      as(
          f,
          OWNER,
          s -> {
            s.persist(new Client("e-1", "Aino", "Virtanen", "131052-308T"));
            return null;
          });
      f.sink.failing(true);
      assertThatThrownBy(
              () ->
                  as(f, OWNER, s -> PrivacyQueries.findBy(s, Client.class, "hetu", "131052-308T")))
          .isInstanceOfSatisfying(
              AccessDeniedException.class,
              e -> assertThat(e.decision().reason()).isEqualTo(DenyReason.AUDIT_UNAVAILABLE))
          .hasMessageNotContaining("131052-308T")
          .hasMessageNotContaining("Aino");
      assertThatThrownBy(
              () ->
                  as(
                      f,
                      OWNER,
                      s ->
                          s.createSelectionQuery("from Client where hetu = :h", Client.class)
                              .setParameter("h", "131052-308T")
                              .getResultList()))
          .isInstanceOf(AccessDeniedException.class);
      f.sink.failing(false);
      List<Client> found =
          as(f, OWNER, s -> PrivacyQueries.findBy(s, Client.class, "hetu", "131052-308T"));
      assertThat(found).hasSize(1);
    }
  }
}
