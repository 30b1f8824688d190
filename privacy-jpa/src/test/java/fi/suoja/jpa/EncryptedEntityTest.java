package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Outcome;
import fi.suoja.crypto.DecryptionException;
import fi.suoja.jpa.model.Client;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.Actor;
import fi.suoja.policy.DenyReason;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The integration end to end, on every configured database. */
class EncryptedEntityTest {
  static final Actor OWNER = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);
  static final Actor COLLEAGUE = Actor.tenantUser("e-2", "A", Role.EMPLOYEE);
  static final Actor ADMIN = Actor.tenantUser("adm-1", "A", Role.ORG_ADMIN);
  static final Actor OTHER_TENANT = Actor.tenantUser("e-9", "B", Role.EMPLOYEE, Role.ORG_ADMIN);

  static List<Database> databases() {
    return Database.all();
  }

  static <T> T as(JpaFixture f, Actor actor, Function<Session, T> work) {
    return PrivacyContext.callAs(actor, Purpose.CARE, () -> f.sessions.fromTransaction(work));
  }

  static UUID persistClient(JpaFixture f, String first, String last, String hetu) {
    return as(
        f,
        OWNER,
        s -> {
          Client c = new Client("e-1", first, last, hetu);
          s.persist(c);
          return c.id;
        });
  }

  @ParameterizedTest
  @MethodSource("databases")
  void persist_storesCiphertextOnly_andOwnerLoadsPlaintext(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");

      List<String> raw = rawRow(f, "Client", id);
      assertThat(String.join("|", raw)).doesNotContain("Aino", "Virtanen", "131052-308T");
      Client loaded = as(f, OWNER, s -> s.find(Client.class, id));
      assertThat(loaded.firstName).isEqualTo("Aino");
      assertThat(loaded.lastName).isEqualTo("Virtanen");
      assertThat(loaded.hetu).isEqualTo("131052-308T");
      assertThat(loaded.organisation).isEqualTo("A");
      assertThat(loaded.hetuIndex).isNotBlank();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void refresh_discardsTheChange_reopensTheStoredValues_andAuditsTheRead(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      f.sink.clear();
      f.sessions.getStatistics().clear();

      List<String> seen =
          as(
              f,
              OWNER,
              s -> {
                Client c = s.find(Client.class, id);
                c.lastName = "Korhonen";
                s.refresh(c);
                return List.of(c.lastName, c.hetu);
              });

      assertThat(seen).containsExactly("Virtanen", "131052-308T");
      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isZero();
      assertThat(f.sink.events())
          .extracting(AuditEvent::action)
          .containsExactly(AuditAction.READ, AuditAction.READ);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void load_unchangedEntity_issuesNoUpdate(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      f.sessions.getStatistics().clear();

      as(
          f,
          OWNER,
          s -> {
            Client c = s.find(Client.class, id);
            s.createSelectionQuery("from Client", Client.class).getResultList(); // auto-flush
            return c;
          });

      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void persist_thenFlushAgain_issuesNoUpdate(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      f.sessions.getStatistics().clear();
      as(
          f,
          OWNER,
          s -> {
            Client c = new Client("e-1", "Aino", "Virtanen", "131052-308T");
            s.persist(c);
            s.flush();
            s.flush();
            return c;
          });
      assertThat(f.sessions.getStatistics().getEntityInsertCount()).isEqualTo(1);
      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void load_byColleague_isDenied_andAudited(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      f.sink.clear();

      assertThatThrownBy(() -> as(f, COLLEAGUE, s -> s.find(Client.class, id)))
          .isInstanceOfSatisfying(
              AccessDeniedException.class,
              e -> assertThat(e.decision().reason()).isEqualTo(DenyReason.NOT_OWNER))
          .hasMessageNotContaining("Aino");
      assertThat(f.sink.events())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.action()).isEqualTo(AuditAction.READ);
                assertThat(e.outcome()).isEqualTo(Outcome.denied("NOT_OWNER"));
                assertThat(e.resource().id()).isEqualTo(id.toString());
              });
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void load_byOrgAdmin_isElevated_andAuditedWithBasis(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      f.sink.clear();

      Client c = as(f, ADMIN, s -> s.find(Client.class, id));

      assertThat(c.lastName).isEqualTo("Virtanen");
      AuditEvent e = f.sink.events().get(0);
      assertThat(e.elevated()).isTrue();
      assertThat(e.basis().code()).isEqualTo("ORG_ADMIN");
      assertThat(e.fields()).containsExactly("firstName", "lastName", "hetu");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void otherTenant_neverSeesTheRecord(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");

      List<Client> seen =
          as(
              f,
              OTHER_TENANT,
              s -> s.createSelectionQuery("from Client", Client.class).getResultList());
      assertThat(seen).isEmpty();
      Object found = null;
      try {
        found = as(f, OTHER_TENANT, s -> s.find(Client.class, id));
      } catch (AccessDeniedException denied) {
        assertThat(denied.decision().reason()).isEqualTo(DenyReason.CROSS_TENANT);
      }
      assertThat(found).isNull();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void update_byOwner_resealsAndAuditsChangedFields(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      String before = rawRow(f, "Client", id).toString();
      f.sink.clear();

      as(
          f,
          OWNER,
          s -> {
            s.find(Client.class, id).lastName = "Korhonen";
            return null;
          });

      assertThat(rawRow(f, "Client", id).toString())
          .doesNotContain("Korhonen")
          .isNotEqualTo(before);
      String reloaded = as(f, OWNER, s -> s.find(Client.class, id).lastName);
      assertThat(reloaded).isEqualTo("Korhonen");
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.UPDATE)
          .singleElement()
          .satisfies(e -> assertThat(e.fields()).containsExactly("lastName"));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void ciphertextMovedToAnotherRow_failsLoudlyOnLoad(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID a = persistClient(f, "Aino", "Virtanen", "131052-308T");
      UUID b = persistClient(f, "Eero", "Mäkinen", "010594Y9021");
      try (Connection c = db.connect();
          PreparedStatement ps =
              c.prepareStatement(
                  "update "
                      + f.table("Client")
                      + " set lastName = (select lastName from "
                      + f.table("Client")
                      + " where id = ?) where id = ?")) {
        ps.setObject(1, a);
        ps.setObject(2, b);
        assertThat(ps.executeUpdate()).isEqualTo(1);
      } catch (java.sql.SQLException mysqlSameTable) {
        // MariaDB refuses a subquery on the updated table: copy in two steps
        String sealed = rawColumn(f, "Client", a, "lastName");
        try (Connection c = db.connect();
            PreparedStatement ps =
                c.prepareStatement(
                    "update " + f.table("Client") + " set lastName = ? where id = ?")) {
          ps.setString(1, sealed);
          ps.setObject(2, b);
          ps.executeUpdate();
        }
      }

      assertThatThrownBy(() -> as(f, OWNER, s -> s.find(Client.class, b)))
          .isInstanceOf(DecryptionException.class)
          .hasMessageNotContaining("Virtanen");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void delete_byColleague_isDenied_byAdminToo_rowsStay(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");

      assertThatThrownBy(
              () ->
                  as(
                      f,
                      OWNER,
                      s -> {
                        s.remove(s.find(Client.class, id));
                        return null;
                      }))
          .isInstanceOf(AccessDeniedException.class);

      assertThat(rawRow(f, "Client", id)).isNotEmpty();
    }
  }

  static List<String> rawRow(JpaFixture f, String entity, UUID id) throws Exception {
    try (Connection c = f.database.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select * from " + f.table(entity))) {
      List<String> out = new ArrayList<>();
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        for (int i = 1; i <= md.getColumnCount(); i++) {
          out.add(String.valueOf(rs.getObject(i)));
        }
      }
      return out;
    }
  }

  static String rawColumn(JpaFixture f, String entity, UUID id, String column) throws Exception {
    try (Connection c = f.database.connect();
        PreparedStatement ps =
            c.prepareStatement("select " + column + " from " + f.table(entity) + " where id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
