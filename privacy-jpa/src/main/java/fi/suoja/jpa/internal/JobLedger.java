package fi.suoja.jpa.internal;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * One node's row of a job in the job-state table ({@code fi.suoja.jpa.JobStateTable}): the position
 * (the id of the last row of a committed batch such that every row up to it is done), state and
 * counts, written in the batch's own transaction so the saved position never runs ahead of or
 * behind what was committed.
 *
 * <p>Several nodes: each keeps its own row. A resume starts after the lowest saved position of the
 * rows not {@code DONE}: a node advances its position only while its batches skipped no row another
 * transaction held, so every row at or below the lowest position is done.
 */
public final class JobLedger {
  /** States a row can hold. */
  public static final String RUNNING = "RUNNING";

  public static final String CANCELLED = "CANCELLED";
  public static final String FAILED = "FAILED";
  public static final String DONE = "DONE";

  /** The tenant column of a job that covers every tenant. */
  public static final String ALL_TENANTS = "*";

  private static final Pattern TABLE =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

  private final SessionFactoryImplementor factory;
  private final String table;
  private final String job;
  private final String tenant;
  private final String entity;
  private final String node;
  private final Clock clock;
  private Timestamp started;

  /** Where a run starts: after {@code position} (null: the first row), or nothing to do. */
  public record Start(String position, boolean finished) {}

  public JobLedger(
      SessionFactoryImplementor factory,
      String table,
      String job,
      String tenant,
      String entity,
      String node,
      Clock clock) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.table = checkTable(table);
    this.job = job;
    this.tenant = tenant;
    this.entity = entity;
    this.node = node;
    this.clock = clock;
  }

  /**
   * Returns {@code table} if it is a valid table name.
   *
   * @throws SuojaConfigurationException {@code SUOJA-5245} for a name that is not a plain
   *     (optionally schema-qualified) SQL identifier
   */
  public static String checkTable(String table) {
    if (table == null || !TABLE.matcher(table).matches()) {
      throw new SuojaConfigurationException(
          "SUOJA-5245", "the job-state table name must be a plain SQL identifier, was " + table);
    }
    return table;
  }

  /**
   * Begins this node's run: a fresh run clears the job's saved positions for the entity and starts
   * at the first row; a resume starts after the lowest position saved by a row not {@code DONE}
   * (converted to the id's type by {@code idValue}, compared by the database), or reports the job
   * finished when every row is {@code DONE}. Either way this node's row then holds the start.
   */
  public Start begin(boolean resume, PlaintextSweep.Plan plan) {
    started = now();
    return inTransaction(
        c -> {
          String position = null;
          if (resume) {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT last_key, state FROM "
                        + table
                        + " WHERE job_name = ? AND tenant = ? AND entity = ?")) {
              bindKey(ps);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
              }
            }
            if (!rows.isEmpty() && rows.stream().allMatch(r -> DONE.equals(r[1]))) {
              return new Start(null, true);
            }
            List<String> open = new ArrayList<>();
            boolean fromStart = rows.isEmpty();
            for (String[] r : rows) {
              if (!DONE.equals(r[1])) {
                if (r[0] == null) {
                  fromStart = true;
                }
                open.add(r[0]);
              }
            }
            position = fromStart ? null : lowest(c, plan, open);
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM " + table + " WHERE job_name = ? AND tenant = ? AND entity = ?")) {
            bindKey(ps);
            ps.executeUpdate();
          }
          insert(c, position, RUNNING, 0, 0);
          return new Start(position, false);
        });
  }

  /** The lowest of the saved positions, by the database's order of the ids; null if none exists. */
  private String lowest(Connection c, PlaintextSweep.Plan plan, List<String> positions)
      throws SQLException {
    positions = List.copyOf(new java.util.LinkedHashSet<>(positions));
    if (positions.size() == 1) {
      return positions.get(0);
    }
    String marks = String.join(", ", java.util.Collections.nCopies(positions.size(), "?"));
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + plan.idColumn
                + " FROM "
                + plan.table
                + " WHERE "
                + plan.idColumn
                + " IN ("
                + marks
                + ") ORDER BY "
                + plan.idColumn)) {
      for (int i = 0; i < positions.size(); i++) {
        ps.setObject(i + 1, PlaintextSweep.idValue(plan, positions.get(i)));
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getObject(1) == null) {
          return null; // the rows are gone: start again at the first row (safe)
        }
        String low = PlaintextSweep.idText(plan, rs.getObject(1));
        int found = 1;
        while (rs.next()) {
          found++;
        }
        return found == positions.size() ? low : null;
      }
    }
  }

  /** Saves this node's position, state and counts on {@code c} (the batch's transaction). */
  public void save(Connection c, String position, String state, long scanned, long changed)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + table
                + " SET last_key = ?, state = ?, rows_scanned = ?, rows_changed = ?,"
                + " updated_at = ? WHERE job_name = ? AND tenant = ? AND entity = ? AND node = ?")) {
      ps.setString(1, position);
      ps.setString(2, state);
      ps.setLong(3, scanned);
      ps.setLong(4, changed);
      ps.setTimestamp(5, now());
      ps.setString(6, job);
      ps.setString(7, tenant);
      ps.setString(8, entity);
      ps.setString(9, node);
      if (ps.executeUpdate() == 0) {
        insert(c, position, state, scanned, changed); // a fresh run elsewhere cleared it
      }
    }
  }

  /** As {@link #save(Connection, String, String, long, long)}, in a transaction of its own. */
  public void save(String position, String state, long scanned, long changed) {
    inTransaction(
        c -> {
          save(c, position, state, scanned, changed);
          return null;
        });
  }

  private void insert(Connection c, String position, String state, long scanned, long changed)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + table
                + " (job_name, tenant, entity, node, last_key, state, rows_scanned, rows_changed,"
                + " started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, job);
      ps.setString(2, tenant);
      ps.setString(3, entity);
      ps.setString(4, node);
      ps.setString(5, position);
      ps.setString(6, state);
      ps.setLong(7, scanned);
      ps.setLong(8, changed);
      ps.setTimestamp(9, started == null ? now() : started);
      ps.setTimestamp(10, now());
      ps.executeUpdate();
    }
  }

  private void bindKey(PreparedStatement ps) throws SQLException {
    ps.setString(1, job);
    ps.setString(2, tenant);
    ps.setString(3, entity);
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction of its own; retried (up to three times) when the database
   * picks it as a deadlock or serialisation victim (SQLState class 40), as two nodes starting at
   * once can make InnoDB do.
   */
  private <T> T inTransaction(Work<T> work) {
    ConnectionProvider provider = factory.getServiceRegistry().getService(ConnectionProvider.class);
    for (int attempt = 1; ; attempt++) {
      try {
        return once(provider, work);
      } catch (SQLException e) {
        String state = e.getSQLState();
        if (attempt < 3 && state != null && state.startsWith("40")) {
          try {
            Thread.sleep(20L * attempt);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
          continue;
        }
        // driver messages name tables and columns; values are bound parameters
        throw new SuojaException(
            "SUOJA-5244",
            job
                + " of "
                + entity
                + ": cannot read or write the job-state table "
                + table
                + " (create it with the shipped migrations or `suoja schema ddl`)",
            e);
      }
    }
  }

  private static <T> T once(ConnectionProvider provider, Work<T> work) throws SQLException {
    Connection c = provider.getConnection();
    boolean autoCommit = c.getAutoCommit();
    try {
      c.setAutoCommit(false);
      T out = work.run(c);
      c.commit();
      return out;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is gone; the database rolls back
      }
      throw e;
    } finally {
      try {
        c.setAutoCommit(autoCommit);
      } finally {
        provider.closeConnection(c);
      }
    }
  }

  @Override
  public String toString() {
    return "JobLedger[" + table + ": " + job + "/" + tenant + "/" + entity + "@" + node + "]";
  }
}
