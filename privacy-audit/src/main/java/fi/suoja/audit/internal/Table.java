package fi.suoja.audit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import fi.suoja.audit.AuditException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The audit table layout, shared by the JDBC sink, the verifier and the reports. */
public final class Table {
  /** Code for database errors while reading. */
  public static final String UNREADABLE = "SUOJA-4010";

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,50}");

  /** Insert statement columns, in order. */
  public static final String COLUMNS =
      "chain_id, seq, event_id, event_micros, event_action, subject_id, event_json, chain_hash";

  private Table() {}

  /** Validates a table name (it is spliced into SQL). */
  public static String name(String table) {
    if (table == null || !NAME.matcher(table).matches()) {
      throw new AuditException(
          "SUOJA-4020", "audit table name must match [A-Za-z_][A-Za-z0-9_]{0,50}");
    }
    return table;
  }

  /** Microseconds since the epoch. */
  public static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  /** The distinct chain ids in the table. */
  public static List<String> chains(DataSource ds, String table) {
    List<String> chains = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT DISTINCT chain_id FROM " + name(table) + " ORDER BY chain_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        chains.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw unreadable(table, e);
    }
    return chains;
  }

  /** An exception for a database read failure; names the table and SQL state only. */
  public static AuditException unreadable(String table, SQLException e) {
    return new AuditException(
        UNREADABLE, "cannot read audit table " + table + " (SQL state " + e.getSQLState() + ")", e);
  }

  /**
   * The rows of one chain ordered by seq, as record lines. Derived columns (event id, time, action,
   * subject) are checked against the event JSON; a disagreement is reported in {@link
   * RawRecord#columnProblem()}.
   */
  public static RecordSource rows(DataSource ds, String table, String chainId) {
    try {
      Connection c = ds.getConnection();
      try {
        c.setAutoCommit(false);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT " + COLUMNS + " FROM " + name(table) + " WHERE chain_id = ? ORDER BY seq");
        ps.setFetchSize(500);
        ps.setString(1, chainId);
        ResultSet rs = ps.executeQuery();
        return new Rows(c, ps, rs, table);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
    } catch (SQLException e) {
      throw unreadable(table, e);
    }
  }

  private static final class Rows implements RecordSource {
    private final Connection c;
    private final PreparedStatement ps;
    private final ResultSet rs;
    private final String table;
    private RawRecord next;
    private boolean done;

    Rows(Connection c, PreparedStatement ps, ResultSet rs, String table) {
      this.c = c;
      this.ps = ps;
      this.rs = rs;
      this.table = table;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        try {
          if (rs.next()) {
            next = toRecord();
          } else {
            done = true;
          }
        } catch (SQLException e) {
          throw unreadable(table, e);
        }
      }
      return next != null;
    }

    private RawRecord toRecord() throws SQLException {
      String chain = rs.getString(1);
      long seq = rs.getLong(2);
      String eventId = rs.getString(3);
      long micros = rs.getLong(4);
      String action = rs.getString(5);
      String subject = rs.getString(6);
      String json = rs.getString(7);
      String hash = rs.getString(8);
      String line =
          "{\"seq\":"
              + seq
              + ",\"chain\":\""
              + chain
              + "\",\"event\":"
              + json
              + ",\"hash\":\""
              + hash
              + "\"}";
      String where = "table " + table + " chain " + chain + " seq " + seq;
      return new RawRecord(
          where,
          line.getBytes(StandardCharsets.UTF_8),
          true,
          columnProblem(json, eventId, micros, action, subject));
    }

    private static String columnProblem(
        String json, String eventId, long micros, String action, String subject) {
      JsonNode n;
      try {
        n = EventCodec.MAPPER.readTree(json);
      } catch (IOException e) {
        return null; // the record parser reports malformed JSON
      }
      if (n == null || !n.isObject()) {
        return null;
      }
      if (!Objects.equals(n.path("id").asText(null), eventId)) {
        return "column event_id disagrees with the event";
      }
      if (!Objects.equals(n.path("action").asText(null), action)) {
        return "column event_action disagrees with the event";
      }
      if (!Objects.equals(n.path("subjectId").asText(null), subject)) {
        return "column subject_id disagrees with the event";
      }
      try {
        if (micros(Instant.parse(n.path("time").asText(""))) != micros) {
          return "column event_micros disagrees with the event";
        }
      } catch (DateTimeException e) {
        return null;
      }
      return null;
    }

    @Override
    public RawRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      RawRecord r = next;
      next = null;
      return r;
    }

    @Override
    public void close() {
      try {
        rs.close();
        ps.close();
        c.rollback();
        c.close();
      } catch (SQLException e) {
        // read-only: nothing to lose
      }
    }
  }

  /** Reads the checkpoints of one chain from the checkpoint table. */
  public static List<String> checkpoints(DataSource ds, String checkpointTable, String chainId) {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT checkpoint_json FROM "
                    + name(checkpointTable)
                    + " WHERE chain_id = ? ORDER BY tree_size")) {
      ps.setString(1, chainId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw unreadable(checkpointTable, e);
    }
    return out;
  }
}
