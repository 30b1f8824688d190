package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.jpa.model.Client;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 23: a lookup by an encrypted attribute ({@code where c.hetu = :h}, rewritten to {@code
 * c.hetuIndex in (?, ..., ?)}) is answered through the database index the host declares on the
 * blind-index column, not by reading the table: the statement Suoja actually sent, with the values
 * it bound (the indexes under the tenant's key versions, SQL NULL in the slots left over), is
 * explained by the database itself on a table of a few thousand analysed rows.
 */
class BlindIndexPlanTest {
  static final int ROWS = 3_000;

  static List<Database> databases() {
    return Database.all();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void blindIndexLookup_usesTheIndexOfTheIndexColumn(Database db) throws Exception {
    db.assumeAvailable();
    RecordingDataSource ds = new RecordingDataSource(db.url());
    try (JpaFixture f =
        new JpaFixture(db, Map.of("hibernate.connection.datasource", ds), Client.class)) {
      String table = f.table("Client");
      String index = f.prefix + "hetu_idx";
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute("create index " + index + " on " + table + " (hetuIndex)");
      }
      as(
          f,
          OWNER,
          s -> {
            for (int i = 0; i < ROWS; i++) {
              s.persist(new Client("e-1", "Aino", "Virtanen", hetu(i)));
            }
            return null;
          });
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute(db.name().equals("postgresql") ? "analyze " + table : "analyze table " + table);
      }
      ds.executed.clear();

      List<Client> found =
          as(
              f,
              OWNER,
              s ->
                  s.createSelectionQuery("from Client c where c.hetu = :h", Client.class)
                      .setParameter("h", hetu(1234))
                      .getResultList());
      assertThat(found).extracting(c -> c.hetu).containsExactly(hetu(1234));

      RecordingDataSource.Executed lookup =
          ds.statements("select").stream()
              .filter(e -> e.sql().toLowerCase(Locale.ROOT).contains("hetuindex in"))
              .findFirst()
              .orElseThrow();
      String plan = explain(db, lookup);
      switch (db.name()) {
        case "postgresql" ->
            assertThat(plan).contains("Index").contains(index).doesNotContain("Seq Scan");
        case "mariadb" -> // id|select_type|table|type|possible_keys|key|...
            assertThat(plan).containsPattern("\\|(range|ref)\\|[^|]*\\|" + index + "\\|");
        default -> // H2 names the index it reads in a comment of the plan, or "tableScan"
            assertThat(plan.toLowerCase(Locale.ROOT))
                .contains(index.toLowerCase(Locale.ROOT))
                .doesNotContain("tablescan");
      }
    }
  }

  /** The database's plan for the statement as executed, rows joined by newlines, cells by '|'. */
  static String explain(Database db, RecordingDataSource.Executed statement) throws Exception {
    StringBuilder plan = new StringBuilder();
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("explain " + statement.sql())) {
      for (Map.Entry<Integer, Object> v : statement.values().entrySet()) {
        if (v.getValue() == null) {
          ps.setNull(v.getKey(), java.sql.Types.VARCHAR);
        } else {
          ps.setObject(v.getKey(), v.getValue());
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          plan.append('|');
          for (int i = 1; i <= n; i++) {
            plan.append(rs.getString(i)).append('|');
          }
          plan.append('\n');
        }
      }
    }
    return plan.toString();
  }

  /** A valid HETU per i (born 1900-1999, individual number 900-999 or more days). */
  static String hetu(int i) {
    int day = 1 + i % 28;
    int month = 1 + (i / 28) % 12;
    int year = (i / 336) % 100;
    int individual = 2 + (i % 997);
    String digits = String.format(Locale.ROOT, "%02d%02d%02d%03d", day, month, year, individual);
    long value = Long.parseLong(digits);
    return digits.substring(0, 6)
        + "-"
        + digits.substring(6)
        + "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt((int) (value % 31));
  }
}
