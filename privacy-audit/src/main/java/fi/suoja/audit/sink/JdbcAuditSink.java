package fi.suoja.audit.sink;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.internal.ChainWriter;
import fi.suoja.audit.internal.Table;
import fi.suoja.audit.spi.AuditSink;
import fi.suoja.audit.verify.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Stores chained audit records in a database table through any {@link DataSource}. Same chain and
 * Merkle format as {@link JsonLinesFileSink}; {@link #record} returns after the batch holding the
 * record is committed, and concurrent callers share one transaction of batched inserts (group
 * commit). Every sink instance writes its own chain ({@code chain_id}), so nodes sharing the table
 * never contend on a chain head. Checkpoints go to {@code <table>_checkpoint}, by default in the
 * same database; give a separate {@code DataSource} to keep them apart.
 *
 * <p>The table layout ({@link #ddl}) is documented in {@code docs/AUDIT.md}. Grant the application
 * INSERT and SELECT only; UPDATE and DELETE are never needed.
 */
public final class JdbcAuditSink implements AuditSink {

  /** SQL dialects whose DDL is provided. */
  public enum Dialect {
    /** H2 2.x. */
    H2,
    /** PostgreSQL 12+. */
    POSTGRESQL,
    /** MariaDB 10.5+ / MySQL 8. */
    MARIADB;

    /** The dialect of a connection's database, by product name. */
    public static Dialect of(Connection c) throws SQLException {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("h2")) {
        return H2;
      }
      if (product.contains("postgres")) {
        return POSTGRESQL;
      }
      if (product.contains("mariadb") || product.contains("mysql")) {
        return MARIADB;
      }
      throw new AuditException(
          "SUOJA-4020",
          "no audit table DDL for database product " + product + "; create it by hand");
    }
  }

  private final ChainWriter writer;

  private JdbcAuditSink(Builder b) {
    DataSource checkpoints = b.checkpointDataSource == null ? b.dataSource : b.checkpointDataSource;
    this.writer =
        b.chain.writer(
            new JdbcBackend(b.dataSource, b.table, b.chain.chainId(), checkpoints),
            Integer.MAX_VALUE,
            null);
  }

  /** A builder for a sink writing through {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * DDL statements creating the audit table, its subject index and its checkpoint table.
   *
   * @param table validated table name; the checkpoint table is {@code table + "_checkpoint"}
   */
  public static List<String> ddl(Dialect dialect, String table) {
    String t = Table.name(table);
    String text =
        switch (dialect) {
          case H2 -> "CLOB";
          case POSTGRESQL -> "TEXT";
          case MARIADB -> "MEDIUMTEXT";
        };
    String suffix = dialect == Dialect.MARIADB ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4" : "";
    return List.of(
        "CREATE TABLE "
            + t
            + " ("
            + "chain_id VARCHAR(128) NOT NULL, "
            + "seq BIGINT NOT NULL, "
            + "event_id VARCHAR(256) NOT NULL, "
            + "event_micros BIGINT NOT NULL, "
            + "event_action VARCHAR(32) NOT NULL, "
            + "subject_id VARCHAR(256), "
            + "event_json "
            + text
            + " NOT NULL, "
            + "chain_hash VARCHAR(64) NOT NULL, "
            + "PRIMARY KEY (chain_id, seq))"
            + suffix,
        "CREATE INDEX " + t + "_subject ON " + t + " (subject_id, event_micros)",
        "CREATE TABLE "
            + t
            + "_checkpoint ("
            + "chain_id VARCHAR(128) NOT NULL, "
            + "tree_size BIGINT NOT NULL, "
            + "checkpoint_json VARCHAR(1024) NOT NULL, "
            + "PRIMARY KEY (chain_id, tree_size))"
            + suffix);
  }

  /** Creates the audit and checkpoint tables in {@code dataSource}'s database. */
  public static void createTables(DataSource dataSource, String table) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String sql : ddl(Dialect.of(c), table)) {
        s.execute(sql);
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException e) {
      throw new AuditException(
          "SUOJA-4020",
          "cannot create audit table " + table + " (SQL state " + e.getSQLState() + ")",
          e);
    }
  }

  /** The chain this sink writes. */
  public String chainId() {
    return writer.chainId();
  }

  /** Events queued for the next group commit. */
  @Override
  public OptionalLong queueDepth() {
    return OptionalLong.of(writer.queued());
  }

  @Override
  public Optional<Instant> lastCheckpoint() {
    return writer.lastCheckpoint();
  }

  /** {@code false} once a write failed: the chain then refuses every event. */
  @Override
  public boolean writable() {
    return !writer.failed();
  }

  /** Records the event; returns after it is committed. */
  @Override
  public void record(AuditEvent event) {
    writer.append(List.of(event), true);
  }

  /** Records the events in one batch; returns after they are committed. */
  @Override
  public void recordAll(List<AuditEvent> events) {
    if (!events.isEmpty()) {
      writer.append(events, true);
    }
  }

  @Override
  public void flush() {
    writer.sync(true);
  }

  /** Signs a final checkpoint; the DataSource stays open (it belongs to the host). */
  @Override
  public void close() {
    writer.close();
  }

  /**
   * Writes batches through one connection that it keeps between batches: opening a connection per
   * batch cost more than the commit itself (a new server process on PostgreSQL, measured in
   * benchmarks/README.md). Called by one group-commit leader at a time, so the connection is never
   * shared. After {@link #MAX_IDLE_NANOS} without a write it is returned and a fresh one taken (a
   * server or pool may have closed a long-idle one); after a failure it is discarded.
   *
   * <p>A batch of up to {@link #ONE_STATEMENT_ROWS} rows (the usual group commit of concurrent
   * callers) is one multi-row INSERT in auto-commit: one statement is atomic on every supported
   * database and its commit travels with it, one round trip instead of two (insert, commit). A
   * larger batch is a transaction of batched inserts.
   */
  private static final class JdbcBackend implements ChainWriter.Backend {
    /** A connection unused this long is replaced before the next write. */
    static final long MAX_IDLE_NANOS = 5_000_000_000L;

    /** Largest batch written as one multi-row INSERT statement. */
    static final int ONE_STATEMENT_ROWS = 32;

    private final DataSource ds;
    private final String table;
    private final String chainId;
    private final DataSource checkpointDs;
    private final String insert;
    private Connection connection;
    private boolean originalAutoCommit;
    private PreparedStatement statement;
    private final PreparedStatement[] rows = new PreparedStatement[ONE_STATEMENT_ROWS + 1];
    private long lastUsed;

    JdbcBackend(DataSource ds, String table, String chainId, DataSource checkpointDs) {
      this.ds = ds;
      this.table = table;
      this.chainId = chainId;
      this.checkpointDs = checkpointDs;
      this.insert = "INSERT INTO " + table + " (" + Table.COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)";
    }

    /** The kept connection, in auto-commit mode between writes. */
    private Connection connection() throws SQLException {
      if (connection != null && System.nanoTime() - lastUsed > MAX_IDLE_NANOS) {
        release();
      }
      if (connection == null) {
        Connection c = ds.getConnection();
        try {
          originalAutoCommit = c.getAutoCommit();
          c.setAutoCommit(true);
        } catch (SQLException e) {
          try {
            c.close();
          } catch (SQLException suppressed) {
            e.addSuppressed(suppressed);
          }
          throw e;
        }
        connection = c;
      }
      return connection;
    }

    /** Returns the kept connection to its DataSource (auto-commit as it was). Never throws. */
    private void release() {
      Connection c = connection;
      connection = null;
      if (c == null) {
        return;
      }
      try {
        if (!c.getAutoCommit()) {
          c.rollback(); // a failed transaction of a large batch or of checkpoints
        }
        c.setAutoCommit(originalAutoCommit);
      } catch (SQLException e) {
        // the connection is being given up; closing it below is all that is left to do
      } finally {
        statement = null;
        Arrays.fill(rows, null); // closed with the connection
        try {
          c.close();
        } catch (SQLException e) {
          // as above
        }
      }
    }

    @Override
    public void write(List<ChainWriter.Entry> batch, boolean force) throws SQLException {
      if (batch.isEmpty()) {
        return;
      }
      Connection c = connection();
      try {
        int n = batch.size();
        if (n <= ONE_STATEMENT_ROWS) {
          PreparedStatement ps = rows[n];
          if (ps == null) {
            ps = c.prepareStatement(multiRowInsert(n));
            rows[n] = ps;
          }
          int i = 0;
          for (ChainWriter.Entry r : batch) {
            bind(ps, i, r);
            i += 8;
          }
          ps.executeUpdate(); // auto-commit: stored when it returns
        } else {
          c.setAutoCommit(false);
          if (statement == null) {
            statement = c.prepareStatement(insert);
          }
          for (ChainWriter.Entry r : batch) {
            bind(statement, 0, r);
            statement.addBatch();
          }
          statement.executeBatch();
          c.commit();
          c.setAutoCommit(true);
        }
        lastUsed = System.nanoTime();
      } catch (SQLException | RuntimeException e) {
        release(); // rolls back; the chain fails closed after this anyway
        throw e;
      }
    }

    private String multiRowInsert(int n) {
      StringBuilder sql = new StringBuilder(insert.length() + 18 * n).append(insert);
      for (int i = 1; i < n; i++) {
        sql.append(",(?,?,?,?,?,?,?,?)");
      }
      return sql.toString();
    }

    private void bind(PreparedStatement ps, int offset, ChainWriter.Entry r) throws SQLException {
      ps.setString(offset + 1, chainId);
      ps.setLong(offset + 2, r.seq);
      ps.setString(offset + 3, r.event.id());
      ps.setLong(offset + 4, Table.micros(r.event.time()));
      ps.setString(offset + 5, r.event.action().name());
      ps.setString(offset + 6, r.event.subjectId());
      ps.setString(offset + 7, new String(r.eventJson, StandardCharsets.UTF_8));
      ps.setString(offset + 8, Base64.getEncoder().encodeToString(r.head()));
    }

    // All checkpoints of a batch in one transaction: through the kept connection when they go to
    // the same database, else through a connection of their own.
    @Override
    public void checkpoint(List<Checkpoint> checkpoints) throws SQLException {
      if (checkpointDs == ds) {
        try {
          Connection c = connection();
          c.setAutoCommit(false);
          insertCheckpoints(c, checkpoints);
          c.setAutoCommit(true);
          lastUsed = System.nanoTime();
        } catch (SQLException | RuntimeException e) {
          release();
          throw e;
        }
        return;
      }
      try (Connection c = checkpointDs.getConnection()) {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
          insertCheckpoints(c, checkpoints);
        } catch (SQLException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(auto);
        }
      }
    }

    private void insertCheckpoints(Connection c, List<Checkpoint> checkpoints) throws SQLException {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO "
                  + table
                  + "_checkpoint (chain_id, tree_size, checkpoint_json) VALUES (?,?,?)")) {
        for (Checkpoint checkpoint : checkpoints) {
          ps.setString(1, chainId);
          ps.setLong(2, checkpoint.size());
          ps.setString(3, checkpoint.toJson());
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      }
    }

    @Override
    public void close() {
      release();
    }

    @Override
    public String describe() {
      return "table " + table;
    }
  }

  /** Builds a {@link JdbcAuditSink}. The {@link ChainOptions} are required. */
  public static final class Builder {
    private final DataSource dataSource;
    private String table = "suoja_audit";
    private ChainOptions chain;
    private DataSource checkpointDataSource;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Table name (default {@code suoja_audit}). */
    public Builder table(String table) {
      this.table = table;
      return this;
    }

    /** Required: the chain this sink writes (id, key, checkpoint schedule, clock). */
    public Builder chain(ChainOptions options) {
      this.chain = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Stores signed checkpoints in {@code <table>_checkpoint} of another database (default: the
     * sink's own); only when the chain options sign them.
     */
    public Builder checkpointDatabase(DataSource checkpointDatabase) {
      this.checkpointDataSource = Objects.requireNonNull(checkpointDatabase, "checkpointDatabase");
      return this;
    }

    /**
     * Builds the sink (does not touch the database).
     *
     * @throws AuditException {@code SUOJA-4020} naming the missing or invalid option
     */
    public JdbcAuditSink build() {
      Table.name(table);
      if (chain == null) {
        throw ChainOptions.invalidSink("JDBC", "call chain(options)");
      }
      chain.checkPlace(
          "JDBC", checkpointDataSource != null, false, "checkpointDatabase(dataSource)");
      return new JdbcAuditSink(this);
    }
  }
}
