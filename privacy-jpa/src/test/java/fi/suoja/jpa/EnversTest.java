package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.ADMIN;
import static fi.suoja.jpa.EncryptedEntityTest.COLLEAGUE;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.AuditAction;
import fi.suoja.audit.Outcome;
import fi.suoja.crypto.CipherContext;
import fi.suoja.jpa.model.AuditedClient;
import fi.suoja.jpa.model.AuditedEmployee;
import fi.suoja.policy.AccessDeniedException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.envers.AuditReaderFactory;
import org.hibernate.envers.query.AuditEntity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hibernate Envers (what spring-data-envers hosts run) copies the state Hibernate hands its
 * post-insert, post-update and post-delete listeners into its own audit tables: that state must be
 * sealed whatever order the listeners run in, so the history holds envelopes, never plaintext.
 */
class EnversTest {
  static List<Database> databases() {
    return Database.all();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void insertAndUpdate_revisionsHoldEnvelopesOnly(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), AuditedClient.class)) {
      UUID id =
          as(
              f,
              OWNER,
              s -> {
                AuditedClient c = new AuditedClient("e-1", "Virtanen", "131052-308T");
                s.persist(c);
                return c.id;
              });
      as(
          f,
          OWNER,
          s -> {
            s.find(AuditedClient.class, id).lastName = "Korhonen";
            return null;
          });

      List<Map<String, String>> revisions = revisions(f, "AuditedClient");
      assertThat(revisions).hasSize(2);
      assertThat(revisions.toString()).doesNotContain("Virtanen", "Korhonen", "131052-308T");
      assertThat(revisions).allSatisfy(r -> assertThat(r.get("LASTNAME")).isNotNull());

      // history read through Envers skips Suoja's load: it stays sealed (no policy decision was
      // made), and opens only where Suoja opens it, under the row's own context (its owner too)
      String first =
          as(f, OWNER, s -> AuditReaderFactory.get(s).find(AuditedClient.class, id, 1).lastName);
      assertThat(first).isNotEqualTo("Virtanen");
      assertThat(
              f.suoja
                  .cipher()
                  .open(
                      new CipherContext("A", "AuditedClient", "lastName", id.toString())
                          .withPolicy("e-1", null),
                      first))
          .isEqualTo("Virtanen");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void historyOpen_decidesAndAuditsEachRevisionLikeALoad(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), AuditedClient.class)) {
      UUID id =
          as(
              f,
              OWNER,
              s -> {
                AuditedClient c = new AuditedClient("e-1", "Virtanen", "131052-308T");
                s.persist(c);
                return c.id;
              });
      as(
          f,
          OWNER,
          s -> {
            s.find(AuditedClient.class, id).lastName = "Korhonen";
            return null;
          });
      f.sink.clear();

      AuditedClient first =
          as(
              f,
              OWNER,
              s -> History.open(s, AuditReaderFactory.get(s).find(AuditedClient.class, id, 1)));
      @SuppressWarnings("unchecked")
      List<AuditedClient> all =
          as(
              f,
              OWNER,
              s ->
                  History.open(
                      s,
                      (List<AuditedClient>)
                          AuditReaderFactory.get(s)
                              .createQuery()
                              .forRevisionsOfEntity(AuditedClient.class, true, true)
                              .add(AuditEntity.id().eq(id))
                              .addOrder(AuditEntity.revisionNumber().asc())
                              .getResultList()));

      assertThat(List.of(first.lastName, first.hetu)).containsExactly("Virtanen", "131052-308T");
      assertThat(all).extracting(c -> c.lastName).containsExactly("Virtanen", "Korhonen");
      assertThat(f.sink.events())
          .hasSize(3)
          .allSatisfy(
              e -> {
                assertThat(e.action()).isEqualTo(AuditAction.READ);
                assertThat(e.resource().id()).isEqualTo(id.toString());
                assertThat(e.outcome().status()).isEqualTo(Outcome.Status.SUCCESS);
              });

      // a colleague is denied before anything is opened, and the denial is audited
      f.sink.clear();
      assertThatThrownBy(
              () ->
                  as(
                      f,
                      COLLEAGUE,
                      s ->
                          History.open(
                              s, AuditReaderFactory.get(s).find(AuditedClient.class, id, 1))))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageNotContaining("Virtanen");
      assertThat(f.sink.events())
          .singleElement()
          .satisfies(e -> assertThat(e.outcome().status()).isEqualTo(Outcome.Status.DENIED));

      // an instance the session manages was opened on load: left as it is
      String managed = as(f, OWNER, s -> History.open(s, s.find(AuditedClient.class, id)).lastName);
      assertThat(managed).isEqualTo("Korhonen");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void delete_withStoreDataAtDelete_revisionHoldsEnvelopesOnly(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f =
        new JpaFixture(
            db,
            Map.of("org.hibernate.envers.store_data_at_delete", "true"),
            AuditedEmployee.class)) {
      as(
          f,
          ADMIN,
          s -> {
            s.persist(new AuditedEmployee("e-7", "liisa@example.fi"));
            return null;
          });

      as(
          f,
          ADMIN,
          s -> {
            s.remove(s.find(AuditedEmployee.class, "e-7"));
            return null;
          });

      List<Map<String, String>> revisions = revisions(f, "AuditedEmployee");
      assertThat(revisions).extracting(r -> r.get("REVTYPE")).containsExactly("0", "2");
      assertThat(revisions).allSatisfy(r -> assertThat(r.get("EMAIL")).isNotNull());
      assertThat(revisions.toString()).doesNotContain("liisa");
    }
  }

  /** Every row of the entity's Envers table, column (upper case) to value. */
  private static List<Map<String, String>> revisions(JpaFixture f, String entity) throws Exception {
    // Envers names its table after the (already prefixed) entity table; the strategy prefixes again
    String table = f.prefix + f.table(entity + "_AUD");
    List<Map<String, String>> out = new ArrayList<>();
    try (Connection c = f.database.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select * from " + table + " order by REV")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, String> row = new java.util.TreeMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i).toUpperCase(java.util.Locale.ROOT), rs.getString(i));
        }
        out.add(row);
      }
    }
    return out;
  }
}
