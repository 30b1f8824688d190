package fi.suoja.jpa;

import static fi.suoja.jpa.ColumnWidthValidationTest.master;
import static fi.suoja.jpa.ColumnWidthValidationTest.prefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.model.LegacyWidthClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The boot reads the real width of every encrypted and blind-index column from JDBC metadata (issue
 * 22 item 3, issue 16 item 9): a table that exists before the app adopts Suoja, narrower than its
 * mapping, fails the boot with SUOJA-5210 naming the width needed - not the first write, nor a
 * migration half-way.
 */
class RealColumnWidthTest {
  static List<Database> databases() {
    return Database.all();
  }

  /** Creates the entity's table with the given column types; returns the prefix. */
  static String table(Database db, String lastName, String note, String index) throws Exception {
    String prefix = prefix();
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "create table "
              + prefix
              + "LegacyWidthClient (id varchar(36) primary key,"
              + " organisation varchar(64), responsibleEmployee varchar(64), lastName "
              + lastName
              + ", note "
              + note
              + ", lastNameIndex "
              + index
              + ")");
    }
    return prefix;
  }

  static void drop(Database db, String prefix) throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute("drop table " + prefix + "LegacyWidthClient");
    }
  }

  static OpsFixture boot(Database db, String prefix, String schemaAction) {
    return new OpsFixture(
        db,
        prefix,
        master(),
        WrappedKeyStore.inMemory(),
        schemaAction,
        Map.of(),
        LegacyWidthClient.class);
  }

  static String text(Database db) {
    return db.name().equals("h2") ? "clob" : "text";
  }

  @ParameterizedTest
  @MethodSource("databases")
  void narrowColumnMappedWide_failsAtBoot_namingTheWidthNeeded(Database db) throws Exception {
    db.assumeAvailable();
    String prefix = table(db, "varchar(30)", "varchar(255)", "varchar(8)");
    try {
      assertThatThrownBy(() -> boot(db, prefix, "none").close())
          .isInstanceOfSatisfying(
              SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5210"))
          .hasMessageContaining("LegacyWidthClient.lastName (database column ")
          .hasMessageContaining("(30), needs 218 for maxLength 40 padded to bucket 16)")
          .hasMessageNotContaining("LegacyWidthClient.note");
    } finally {
      drop(db, prefix);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void unmappedLengthOverANarrowColumn_failsAtBoot(Database db) throws Exception {
    db.assumeAvailable();
    String prefix = table(db, "varchar(218)", "varchar(30)", "varchar(8)");
    try {
      assertThatThrownBy(() -> boot(db, prefix, "none").close())
          .isInstanceOfSatisfying(
              SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5210"))
          .hasMessageContaining("LegacyWidthClient.note (database column ")
          .hasMessageContaining("(30), needs 255, its mapped length")
          .hasMessageContaining("at least 51 for a 1-character value")
          .hasMessageNotContaining("LegacyWidthClient.lastName");
    } finally {
      drop(db, prefix);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void narrowIndexColumn_failsAtBoot(Database db) throws Exception {
    db.assumeAvailable();
    String prefix = table(db, "varchar(218)", "varchar(255)", "varchar(4)");
    try {
      assertThatThrownBy(() -> boot(db, prefix, "none").close())
          .isInstanceOfSatisfying(
              SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5210"))
          .hasMessageContaining("LegacyWidthClient.lastNameIndex (database column ")
          .hasMessageContaining("(4), needs 8 for a 32-bit blind index)");
    } finally {
      drop(db, prefix);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void wideEnoughColumns_boot_andWorstCaseValuesRoundTrip(Database db) throws Exception {
    db.assumeAvailable();
    String prefix = table(db, "varchar(218)", "varchar(255)", "varchar(8)");
    try (OpsFixture f = boot(db, prefix, "none")) {
      roundTrip(f);
    } finally {
      drop(db, prefix);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void textColumns_areUnbounded_andPass(Database db) throws Exception {
    db.assumeAvailable();
    String prefix = table(db, text(db), text(db), "varchar(8)");
    try (OpsFixture f = boot(db, prefix, "none")) {
      roundTrip(f);
    } finally {
      drop(db, prefix);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void hbm2ddlCreate_generatedColumnsFitThePaddedEnvelope(Database db) throws Exception {
    db.assumeAvailable();
    String prefix = prefix();
    try (OpsFixture f = boot(db, prefix, "create-drop")) {
      assertThat(width(db, prefix + "LegacyWidthClient", "lastName")).isGreaterThanOrEqualTo(218);
      roundTrip(f);
    }
  }

  @Test
  void metadataAccessSwitchedOff_skipsTheRealWidths_theMappedOnesStillHold() throws Exception {
    Database h2 = Database.all().get(0);
    String prefix = table(h2, "varchar(30)", "varchar(255)", "varchar(8)");
    try (OpsFixture f =
        new OpsFixture(
            h2,
            prefix,
            master(),
            WrappedKeyStore.inMemory(),
            "none",
            Map.of(
                "hibernate.boot.allow_jdbc_metadata_access",
                "false",
                "hibernate.dialect",
                "org.hibernate.dialect.H2Dialect"),
            LegacyWidthClient.class)) {
      assertThat(f.sessions.isOpen()).isTrue();
    } finally {
      drop(h2, prefix);
    }
  }

  /** A 40-character value of 3-byte characters, the budget's worst case, stored and read back. */
  static void roundTrip(OpsFixture f) {
    String name = "€".repeat(40);
    String id =
        ColumnWidthValidationTest.asOps(
            f,
            s -> {
              LegacyWidthClient c = new LegacyWidthClient();
              c.lastName = name;
              c.note = "n".repeat(40);
              s.persist(c);
              return c.id;
            });
    LegacyWidthClient back =
        ColumnWidthValidationTest.asOps(f, s -> s.find(LegacyWidthClient.class, id));
    assertThat(back.lastName).isEqualTo(name);
    assertThat(back.note).isEqualTo("n".repeat(40));
  }

  static long width(Database db, String table, String column) throws Exception {
    try (Connection c = db.connect()) {
      for (String t :
          List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
        try (ResultSet rs = c.getMetaData().getColumns(null, null, t, null)) {
          while (rs.next()) {
            if (rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
              return rs.getLong("COLUMN_SIZE");
            }
          }
        }
      }
    }
    throw new AssertionError("no column " + table + "." + column);
  }
}
