package fi.suoja.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Writes and reads {@code Client} rows with plain JDBC, as a pre-Suoja application did. */
final class LegacyRows {
  private LegacyRows() {}

  /** A legacy row: tenant A, owner e-1, the values in clear. */
  static void insert(Connection c, String table, UUID id, String first, String last, String hetu)
      throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + table
                + " (id, organisation, responsibleEmployee, firstName, lastName,"
                + " hetu, hetuIndex, municipality) VALUES (?, 'A', 'e-1', ?, ?, ?, NULL, 'Turku')")) {
      ps.setObject(1, id);
      ps.setString(2, first);
      ps.setString(3, last);
      ps.setString(4, hetu);
      ps.executeUpdate();
    }
  }

  /** firstName, lastName, hetu, hetuIndex as stored. */
  static List<String> raw(Connection c, String table, UUID id) throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT firstName, lastName, hetu, hetuIndex FROM " + table + " WHERE id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        List<String> out = new ArrayList<>();
        if (rs.next()) {
          for (int i = 1; i <= 4; i++) {
            out.add(rs.getString(i));
          }
        }
        return out;
      }
    }
  }

  static void set(Connection c, String table, UUID id, String column, String value)
      throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE id = ?")) {
      ps.setString(1, value);
      ps.setObject(2, id);
      ps.executeUpdate();
    }
  }

  /** Synthetic HETU-shaped test values (valid checksum), one per index. */
  static String hetu(int i) {
    int n = 900 + (i % 100); // temporary-number range: never a real person
    int day = 1 + (i % 28);
    int month = 1 + ((i / 28) % 12);
    String digits = String.format("%02d%02d%02d%03d", day, month, 80 + (i % 20), n);
    String checks = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    long value = Long.parseLong(digits.substring(0, 6) + digits.substring(6));
    return digits.substring(0, 6) + "-" + digits.substring(6) + checks.charAt((int) (value % 31));
  }
}
