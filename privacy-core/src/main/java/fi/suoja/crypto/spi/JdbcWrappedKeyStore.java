package fi.suoja.crypto.spi;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.internal.StoredKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link WrappedKeyStore} in a database table, so the tenants' wrapped data keys live next to the
 * data they protect and every application node sees the same versions (docs/OPERATIONS.md has the
 * DDL for H2, PostgreSQL and MariaDB).
 *
 * <pre>{@code
 * WrappedKeyStore keys =
 *     JdbcWrappedKeyStore.builder(dataSource).createTableIfMissing(true).build();
 * Suoja suoja = Suoja.builder().keyProvider(...).wrappedKeyStore(keys)...build();
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Only wrapped keys are stored: a row is useless without the master key, which never enters
 *       the database.
 *   <li>{@link #insert} is one INSERT against the primary key (tenant, kind, version), committed
 *       before it returns: when two nodes create the same version at once, exactly one wins and the
 *       other gets {@code false}; an existing version is never overwritten.
 *   <li>{@link #replace} re-wraps one existing version in a single committed UPDATE; {@link
 *       #retire} marks one row {@code retired} the same way; {@link #destroy} deletes every row of
 *       an owner in one transaction.
 *   <li>Every database failure is reported as {@link KeyUnavailableException} ({@code SUOJA-5200}),
 *       so Suoja fails closed.
 * </ul>
 *
 * <p>Warning: give it a plain {@link DataSource} (a pool), not a transaction-aware proxy that joins
 * the caller's transaction: a new key version must be committed on its own, before any row uses it,
 * whatever happens to the surrounding transaction. The store commits its own connections.
 */
public final class JdbcWrappedKeyStore implements WrappedKeyStore {
  /** Default table name. */
  public static final String DEFAULT_TABLE = "suoja_wrapped_key";

  static final String ACTIVE = "active";
  static final String RETIRED = "retired";

  private static final Pattern TABLE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

  private final DataSource dataSource;
  private final String table;

  private JdbcWrappedKeyStore(DataSource dataSource, String table) {
    this.dataSource = dataSource;
    this.table = table;
  }

  /** A builder over {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /** Active versions only: a retired version is kept in the table but no longer opens data. */
  @Override
  public List<WrappedKey> load(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    String sql =
        "SELECT version, master_version, wrapped FROM "
            + table
            + " WHERE tenant = ? AND key_kind = ? AND state = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      ps.setString(2, StoredKeys.kind(tenant));
      ps.setString(3, ACTIVE);
      List<WrappedKey> keys = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byte[] wrapped = rs.getBytes(3);
          if (wrapped == null) {
            throw failure(
                "the wrapped key of tenant " + tenant + " v" + rs.getInt(1) + " is empty", null);
          }
          keys.add(new WrappedKey(tenant, rs.getInt(1), rs.getInt(2), wrapped));
        }
      }
      return keys;
    } catch (SQLException | IllegalArgumentException e) {
      throw failure("cannot read the wrapped keys of tenant " + tenant + " from " + table, e);
    }
  }

  @Override
  public boolean insert(WrappedKey key) {
    Objects.requireNonNull(key, "key");
    String sql =
        "INSERT INTO "
            + table
            + " (tenant, key_kind, version, master_version, wrapped, created_at, state)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setString(1, key.tenant());
          ps.setString(2, StoredKeys.kind(key.tenant()));
          ps.setInt(3, key.version());
          ps.setInt(4, key.masterKeyVersion());
          ps.setBytes(5, key.wrapped());
          ps.setObject(6, LocalDateTime.now(ZoneOffset.UTC));
          ps.setString(7, ACTIVE);
          ps.executeUpdate();
          c.commit();
          return true;
        } catch (SQLException e) {
          rollbackQuietly(c);
          if (isConstraintViolation(e) && exists(c, key.tenant(), key.version())) {
            return false; // another node created this version first
          }
          throw e;
        }
      } finally {
        restore(c, autoCommit);
      }
    } catch (SQLException e) {
      throw failure("cannot store wrapped key " + key.tenant() + " v" + key.version(), e);
    }
  }

  /**
   * Re-wraps an existing version (any state).
   *
   * @throws IllegalArgumentException if the version does not exist
   */
  @Override
  public void replace(WrappedKey key) {
    Objects.requireNonNull(key, "key");
    String sql =
        "UPDATE "
            + table
            + " SET master_version = ?, wrapped = ?"
            + " WHERE tenant = ? AND key_kind = ? AND version = ?";
    int rows =
        update(
            sql,
            "cannot re-wrap stored key " + key.tenant() + " v" + key.version(),
            ps -> {
              ps.setInt(1, key.masterKeyVersion());
              ps.setBytes(2, key.wrapped());
              ps.setString(3, key.tenant());
              ps.setString(4, StoredKeys.kind(key.tenant()));
              ps.setInt(5, key.version());
            });
    if (rows == 0) {
      throw new IllegalArgumentException("no such stored key version to replace");
    }
  }

  /**
   * Owners with at least one active version: tenants and subject-key owners ({@code ~subject...}),
   * so that a master-key rotation re-wraps both.
   */
  @Override
  public Set<String> tenants() {
    String sql = "SELECT DISTINCT tenant FROM " + table + " WHERE state = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, ACTIVE);
      Set<String> tenants = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tenants.add(rs.getString(1));
        }
      }
      return tenants;
    } catch (SQLException e) {
      throw failure("cannot list the tenants in " + table, e);
    }
  }

  /**
   * Marks the version's row {@code retired} in one committed UPDATE: the row stays, and becomes
   * unreadable for good once the old master key is gone (it is no longer re-wrapped). To undo, set
   * {@code state} back to {@code active}.
   */
  @Override
  public boolean retire(String tenant, int version) {
    Objects.requireNonNull(tenant, "tenant");
    StoredKeys.requireNotNewest(load(tenant), tenant, version);
    String sql =
        "UPDATE "
            + table
            + " SET state = ?, retired_at = ?"
            + " WHERE tenant = ? AND key_kind = ? AND version = ? AND state = ?";
    return update(
            sql,
            "cannot retire key " + tenant + " v" + version,
            ps -> {
              ps.setString(1, RETIRED);
              ps.setObject(2, LocalDateTime.now(ZoneOffset.UTC));
              ps.setString(3, tenant);
              ps.setString(4, StoredKeys.TENANT);
              ps.setInt(5, version);
              ps.setString(6, ACTIVE);
            })
        == 1;
  }

  /** Deletes every version (any state) of {@code owner}'s key in one committed DELETE. */
  @Override
  public int delete(String owner) {
    Objects.requireNonNull(owner, "owner");
    String sql = "DELETE FROM " + table + " WHERE tenant = ? AND key_kind = ?";
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, owner);
        ps.setString(2, StoredKeys.kind(owner));
        int rows = ps.executeUpdate();
        c.commit();
        return rows;
      } catch (SQLException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        restore(c, autoCommit);
      }
    } catch (SQLException e) {
      throw failure("cannot delete the keys of " + owner, e);
    }
  }

  /** Whether that version exists in state {@code retired}. */
  @Override
  public boolean retired(String tenant, int version) {
    Objects.requireNonNull(tenant, "tenant");
    String sql =
        "SELECT 1 FROM "
            + table
            + " WHERE tenant = ? AND key_kind = ? AND version = ? AND state = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      ps.setString(2, StoredKeys.TENANT);
      ps.setInt(3, version);
      ps.setString(4, RETIRED);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw failure("cannot read the state of key " + tenant + " v" + version, e);
    }
  }

  /**
   * Deletes every row of {@code tenant} (every kind, version and state) in one committed
   * transaction that first locks them ({@code SELECT ... FOR UPDATE}).
   */
  @Override
  public List<String> destroy(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    String select =
        "SELECT key_kind, version FROM "
            + table
            + " WHERE tenant = ? ORDER BY key_kind, version"
            + " FOR UPDATE";
    String delete = "DELETE FROM " + table + " WHERE tenant = ?";
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement sel = c.prepareStatement(select);
          PreparedStatement del = c.prepareStatement(delete)) {
        sel.setString(1, tenant);
        List<String> names = new ArrayList<>();
        try (ResultSet rs = sel.executeQuery()) {
          while (rs.next()) {
            names.add(rs.getString(1) + ":" + tenant + ":v" + rs.getInt(2));
          }
        }
        del.setString(1, tenant);
        int rows = del.executeUpdate();
        if (rows != names.size()) {
          rollbackQuietly(c);
          throw failure(
              "destroying the keys of tenant "
                  + tenant
                  + ": "
                  + rows
                  + " rows deleted, "
                  + names.size()
                  + " locked; nothing was destroyed",
              null);
        }
        c.commit();
        return List.copyOf(names);
      } catch (SQLException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        restore(c, autoCommit);
      }
    } catch (SQLException e) {
      throw failure("cannot destroy the keys of tenant " + tenant, e);
    }
  }

  /**
   * One committed INSERT of a row of owner {@code ~master}, kind {@code master}, state {@code
   * retired}, version and master version {@code version} (no tenant's key: {@link #load} and {@link
   * #tenants} never answer it). A second call finds the primary key taken and answers false.
   */
  @Override
  public boolean retireMasterKey(int version) {
    StoredKeys.checkMasterVersion(version);
    if (retiredMasterKeys().contains(version)) {
      return false;
    }
    String sql =
        "INSERT INTO "
            + table
            + " (tenant, key_kind, version, master_version, wrapped, created_at, state,"
            + " retired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        ps.setString(1, StoredKeys.MASTER_OWNER);
        ps.setString(2, StoredKeys.MASTER);
        ps.setInt(3, version);
        ps.setInt(4, version);
        ps.setBytes(5, new byte[1]); // the column is NOT NULL; nothing is wrapped
        ps.setObject(6, now);
        ps.setString(7, RETIRED);
        ps.setObject(8, now);
        ps.executeUpdate();
        c.commit();
        return true;
      } catch (SQLException e) {
        rollbackQuietly(c);
        if (isConstraintViolation(e) && retiredMasterKeys().contains(version)) {
          return false; // another node recorded it first
        }
        throw e;
      } finally {
        restore(c, autoCommit);
      }
    } catch (SQLException e) {
      throw failure("cannot record master key version " + version + " as retired", e);
    }
  }

  @Override
  public Set<Integer> retiredMasterKeys() {
    String sql = "SELECT version FROM " + table + " WHERE tenant = ? AND key_kind = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, StoredKeys.MASTER_OWNER);
      ps.setString(2, StoredKeys.MASTER);
      Set<Integer> versions = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          versions.add(rs.getInt(1));
        }
      }
      return versions;
    } catch (SQLException e) {
      throw failure("cannot read the retired master keys from " + table, e);
    }
  }

  /**
   * The DDL that {@link Builder#createTableIfMissing} runs, for a migration tool or the {@code
   * suoja schema ddl} command: one {@code CREATE TABLE IF NOT EXISTS} statement (no trailing
   * semicolon).
   *
   * @param database {@code h2}, {@code postgresql}, {@code mariadb} or {@code mysql}, or a JDBC
   *     database product name containing one of them
   * @param table the table name, optionally schema-qualified
   * @throws SuojaConfigurationException {@code SUOJA-5201} for a bad table name or an unknown
   *     database
   */
  public static String ddl(String database, String table) {
    checkTableName(table);
    Dialect dialect = Dialect.of(database);
    if (dialect == null) {
      throw new SuojaConfigurationException(
          "SUOJA-5201",
          "the wrapped-key table DDL is known for H2, PostgreSQL and MariaDB/MySQL, not "
              + database);
    }
    return dialect.createTable(table);
  }

  /** The table this store reads and writes. */
  public String table() {
    return table;
  }

  @Override
  public String toString() {
    return "JdbcWrappedKeyStore[" + table + "]";
  }

  // ---- internals ------------------------------------------------------------------------------

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private int update(String sql, String what, Binder binder) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        int rows = ps.executeUpdate();
        if (rows > 1) {
          rollbackQuietly(c);
          throw failure(what + ": " + rows + " rows matched; is the primary key missing?", null);
        }
        c.commit();
        return rows;
      } catch (SQLException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        restore(c, autoCommit);
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private boolean exists(Connection c, String tenant, int version) throws SQLException {
    String sql = "SELECT 1 FROM " + table + " WHERE tenant = ? AND key_kind = ? AND version = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      ps.setString(2, StoredKeys.kind(tenant));
      ps.setInt(3, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      } finally {
        rollbackQuietly(c);
      }
    }
  }

  /** SQLState class 23: integrity constraint violation (H2/PostgreSQL 23505, MariaDB 23000). */
  private static boolean isConstraintViolation(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (x.getSQLState() != null && x.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; closing it discards the transaction anyway
    }
  }

  private static void restore(Connection c, boolean autoCommit) {
    try {
      c.setAutoCommit(autoCommit);
    } catch (SQLException ignored) {
      // returned to the pool as it is; the pool resets or discards it
    }
  }

  private static KeyUnavailableException failure(String message, Exception cause) {
    // SQL messages name tables and constraints, never key bytes (those are bound parameters)
    return cause == null
        ? new KeyUnavailableException("SUOJA-5200", message)
        : new KeyUnavailableException("SUOJA-5200", message, cause);
  }

  private static void checkTableName(String table) {
    if (table == null || !TABLE_NAME.matcher(table).matches()) {
      throw new SuojaConfigurationException(
          "SUOJA-5201",
          "JdbcWrappedKeyStore.builder(dataSource).table(name) must be [schema.]name of letters,"
              + " digits and underscores,"
              + " was '"
              + table
              + "'");
    }
  }

  /** The database families whose DDL Suoja knows; others need the table created by hand. */
  enum Dialect {
    H2("VARBINARY(256)", "TIMESTAMP"),
    POSTGRESQL("BYTEA", "TIMESTAMP"),
    MARIADB("VARBINARY(256)", "DATETIME(6)");

    final String binary;
    final String timestamp;

    Dialect(String binary, String timestamp) {
      this.binary = binary;
      this.timestamp = timestamp;
    }

    static Dialect of(String productName) {
      String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
      if (p.contains("h2")) {
        return H2;
      }
      if (p.contains("postgres")) {
        return POSTGRESQL;
      }
      if (p.contains("mariadb") || p.contains("mysql")) {
        return MARIADB;
      }
      return null;
    }

    String createTable(String table) {
      return "CREATE TABLE IF NOT EXISTS "
          + table
          + " (\n"
          + "  tenant         VARCHAR(128) NOT NULL,\n"
          + "  key_kind       VARCHAR(16)  NOT NULL,\n"
          + "  version        INTEGER      NOT NULL,\n"
          + "  master_version INTEGER      NOT NULL,\n"
          + "  wrapped        "
          + binary
          + " NOT NULL,\n"
          + "  created_at     "
          + timestamp
          + " NOT NULL,\n"
          + "  state          VARCHAR(16)  NOT NULL,\n"
          + "  retired_at     "
          + timestamp
          + " NULL,\n"
          + "  PRIMARY KEY (tenant, key_kind, version)\n"
          + ")";
    }
  }

  /** Options; {@link #build()} validates them. */
  public static final class Builder {
    private final DataSource dataSource;
    private String table = DEFAULT_TABLE;
    private boolean createTableIfMissing;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * The table name, optionally schema-qualified ({@code keys.suoja_wrapped_key}). Default {@value
     * JdbcWrappedKeyStore#DEFAULT_TABLE}. Letters, digits and underscores only.
     */
    public Builder table(String table) {
      this.table = table;
      return this;
    }

    /**
     * Creates the table at {@link #build()} when it does not exist (H2, PostgreSQL, MariaDB and
     * MySQL; elsewhere create it from docs/OPERATIONS.md). Default false: production schemas are
     * usually owned by a migration tool (Flyway, Liquibase) that runs the documented DDL.
     */
    public Builder createTableIfMissing(boolean create) {
      this.createTableIfMissing = create;
      return this;
    }

    /**
     * Validates the options, creates the table if asked, and checks that the table answers.
     *
     * @throws SuojaConfigurationException {@code SUOJA-5201} for a bad table name, an unknown
     *     database with {@code createTableIfMissing}, or a table that cannot be read
     */
    public JdbcWrappedKeyStore build() {
      checkTableName(table);
      try (Connection c = dataSource.getConnection()) {
        if (createTableIfMissing) {
          create(c);
        }
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT tenant, key_kind, version, master_version, wrapped, created_at,"
                        + " state, retired_at FROM "
                        + table
                        + " WHERE 1 = 0")) {
          rs.next();
        }
        if (!c.getAutoCommit()) {
          c.commit();
        }
      } catch (SQLException e) {
        throw new SuojaConfigurationException(
            "SUOJA-5201",
            "the wrapped-key table "
                + table
                + " cannot be read: create it (docs/OPERATIONS.md)"
                + " or set JdbcWrappedKeyStore.builder(dataSource).createTableIfMissing(true)",
            e);
      }
      return new JdbcWrappedKeyStore(dataSource, table);
    }

    private void create(Connection c) throws SQLException {
      String product = c.getMetaData().getDatabaseProductName();
      Dialect dialect = Dialect.of(product);
      if (dialect == null) {
        throw new SuojaConfigurationException(
            "SUOJA-5201",
            "createTableIfMissing knows H2, PostgreSQL and MariaDB/MySQL, not "
                + product
                + ": create "
                + table
                + " from docs/OPERATIONS.md");
      }
      try (Statement s = c.createStatement()) {
        s.execute(dialect.createTable(table));
        if (!c.getAutoCommit()) {
          c.commit();
        }
      } catch (SQLException e) {
        // two nodes creating the table at once: one may fail; the read check below decides
        if (!c.getAutoCommit()) {
          rollbackQuietly(c);
        }
      }
    }
  }
}
