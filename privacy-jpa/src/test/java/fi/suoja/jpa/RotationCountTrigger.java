package fi.suoja.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2 row trigger for {@link KeyRotationCrashTest}: logs the id of every updated client row into
 * {@code rotation_log} in the same transaction, so a rolled-back batch leaves no entry and a
 * committed one leaves exactly one per row.
 */
public final class RotationCountTrigger implements Trigger {
  private int idIndex = -1;

  @Override
  public void init(
      Connection conn,
      String schemaName,
      String triggerName,
      String tableName,
      boolean before,
      int type)
      throws SQLException {
    try (ResultSet rs = conn.getMetaData().getColumns(null, schemaName, tableName, null)) {
      while (rs.next()) {
        if (rs.getString("COLUMN_NAME").equalsIgnoreCase("id")) {
          idIndex = rs.getInt("ORDINAL_POSITION") - 1;
        }
      }
    }
    if (idIndex < 0) {
      throw new SQLException("no id column in " + tableName);
    }
  }

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO rotation_log (id) VALUES (?)")) {
      ps.setObject(1, newRow[idIndex]);
      ps.executeUpdate();
    }
  }
}
