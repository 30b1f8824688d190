package fi.suoja.jpa.internal;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.annotation.ProtectedType;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.FieldCipher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.pagination.LimitHandler;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.TableDetails;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.spi.Limit;

/**
 * The engine of {@code fi.suoja.jpa.PlaintextMigration}: walks one entity's table in primary-key
 * order, in batches; each batch is one transaction that locks its rows ({@code SELECT ... FOR
 * UPDATE}), seals every encrypted column that does not hold an envelope yet, fills the blind
 * indexes of the values it sealed, and commits. A crash loses at most the open batch (rolled back
 * by the database); a rerun skips every value that is already an envelope, so nothing is sealed
 * twice, and with a job-state table ({@link JobLedger}) starts after the saved position. The
 * locking SELECT is written by Hibernate's {@code Dialect} ({@link #lockedSelect}): with {@code
 * SKIP LOCKED} where it exists, nodes running the job at once share the rows.
 *
 * <p>Plain JDBC on Hibernate's own connections, because loading the entities would run the access
 * policy for a job that has no actor, and a stateless session returns no plaintext.
 */
public final class PlaintextSweep {
  private final SessionFactoryImplementor factory;
  private final Suoja suoja;

  /**
   * Counters of one batch; {@code gap} when rows between the previous position and {@code lastId}
   * were skipped because another transaction held them ({@code SKIP LOCKED}).
   */
  public record Batch(int scanned, int sealedRows, int sealedValues, Object lastId, boolean gap) {}

  /**
   * What the sweep needs to know about one entity's table: the encrypted attributes whose columns
   * it sweeps there (with inheritance, not every attribute of the entity, see {@link #plan}).
   */
  public static final class Plan {
    final EntityModel model;
    final Class<?> idType;
    final String table;
    final String idColumn;
    final String tenantColumn; // a column of the table, or a scalar subquery (JOINED subclass)
    // the policy inputs bound into the envelopes (PrivacyListener.context): owner and subject
    // columns as tenantColumn, null where the entity has no such attribute
    final String ownerColumn;
    final String subjectColumn;
    final Class<?> ownerType;
    final Class<?> subjectType;
    final List<EntityModel.EncryptedAttribute> attributes;
    final List<EntityModel.IndexAttribute> indexes;
    final List<String> encryptedColumns;
    final List<String> indexColumns;
    final int[] indexSources; // position in encryptedColumns of each index's source

    Plan(
        EntityModel model,
        Class<?> idType,
        String table,
        String idColumn,
        String tenantColumn,
        String[] ownerAndSubject,
        Class<?>[] ownerAndSubjectTypes,
        List<EntityModel.EncryptedAttribute> attributes,
        List<EntityModel.IndexAttribute> indexes,
        List<String> encryptedColumns,
        List<String> indexColumns,
        int[] indexSources) {
      this.model = model;
      this.idType = idType;
      this.table = table;
      this.idColumn = idColumn;
      this.tenantColumn = tenantColumn;
      this.ownerColumn = ownerAndSubject[0];
      this.subjectColumn = ownerAndSubject[1];
      this.ownerType = ownerAndSubjectTypes[0];
      this.subjectType = ownerAndSubjectTypes[1];
      this.attributes = attributes;
      this.indexes = indexes;
      this.encryptedColumns = encryptedColumns;
      this.indexColumns = indexColumns;
      this.indexSources = indexSources;
    }

    /** The JPA entity name. */
    public String entityName() {
      return model.entityName();
    }

    /**
     * Whether the entity's own table holds no encrypted column of its own (a subclass whose
     * encrypted attributes are all swept with its superclass).
     */
    public boolean empty() {
      return encryptedColumns.isEmpty();
    }

    @Override
    public String toString() {
      return "Plan[" + model.entityName() + " -> " + table + "]";
    }
  }

  public PlaintextSweep(SessionFactoryImplementor factory, Suoja suoja) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.suoja = Objects.requireNonNull(suoja, "suoja");
  }

  /**
   * The plan for {@code type}.
   *
   * @throws SuojaConfigurationException {@code SUOJA-5230} if the type is not a protected entity,
   *     has a composite id, or declares a blind index and its source on different levels of an
   *     inheritance hierarchy
   */
  public Plan plan(Class<?> type) {
    EntityPersister persister;
    try {
      persister = factory.getMappingMetamodel().getEntityDescriptor(type);
    } catch (RuntimeException notAnEntity) {
      throw config(type.getName() + " is not an entity of this SessionFactory");
    }
    String jpaName = Suoja.entityName(type);
    Optional<EntityModel> scanned =
        ModelScanner.scan(jpaName, type, SingleTenant.of(factory.getProperties()));
    if (scanned.isEmpty()) {
      throw config(jpaName + " has no @Encrypted attribute: nothing to migrate");
    }
    EntityModel model = scanned.get();
    if (!(persister instanceof AbstractEntityPersister p)) {
      throw config(jpaName + ": unsupported persister " + persister.getClass().getName());
    }
    TableDetails own = p.getMappedTableDetails(); // JOINED: the subclass's own table
    TableDetails identifying = p.getIdentifierTableDetails(); // JOINED: the root's table
    if (own.getKeyDetails().getColumnCount() != 1) {
      throw config(jpaName + ": composite ids are not supported by the plaintext migration");
    }
    String table = own.getTableName();
    String idColumn = own.getKeyDetails().getKeyColumn(0).getColumnName();
    // A subclass whose table reaches its superclass's columns only through it (JOINED: they live
    // in the superclass's table; SINGLE_TABLE: the superclass's plan sweeps the shared table for
    // every row) sweeps only the attributes it declares; the superclass's plan sweeps the rest.
    // TABLE_PER_CLASS: the subclass's table holds every column of its rows, so all of them.
    boolean joined = !identifying.getTableName().equals(table);
    String rootTable = p.getRootEntityDescriptor().getMappedTableDetails().getTableName();
    boolean inheritsColumns =
        p.getSuperMappingType() != null && (joined || rootTable.equals(table));
    Set<String> inherited = inheritsColumns ? entitySuperclassFields(type) : Set.of();
    String rootKey = identifying.getKeyDetails().getKeyColumn(0).getColumnName();
    // single-tenant: every row's tenant is the fixed one, selected as a literal (a validated
    // tenant id from the configuration, quotes doubled)
    String tenant =
        model.tenantAttribute() == null
            ? "'" + model.fixedTenant().replace("'", "''") + "'"
            : rowColumn(
                p,
                jpaName,
                model.tenantAttribute(),
                joined,
                inherited,
                identifying.getTableName(),
                rootKey,
                table,
                idColumn);
    String[] policy = new String[2];
    Class<?>[] policyTypes = new Class<?>[2];
    String[] policyAttributes = {model.ownerAttribute(), model.subjectAttribute()};
    for (int j = 0; j < 2; j++) {
      if (policyAttributes[j] != null) {
        policy[j] =
            rowColumn(
                p,
                jpaName,
                policyAttributes[j],
                joined,
                inherited,
                identifying.getTableName(),
                rootKey,
                table,
                idColumn);
        policyTypes[j] =
            p.findAttributeMapping(policyAttributes[j]).getJavaType().getJavaTypeClass();
      }
    }
    List<EntityModel.EncryptedAttribute> attributes = new ArrayList<>();
    List<String> encrypted = new ArrayList<>();
    for (EntityModel.EncryptedAttribute a : model.encrypted()) {
      if (!inherited.contains(a.name())) {
        attributes.add(a);
        encrypted.add(column(p, jpaName, a.name()));
      }
    }
    List<String> names = attributes.stream().map(EntityModel.EncryptedAttribute::name).toList();
    List<EntityModel.IndexAttribute> indexes = new ArrayList<>();
    List<String> indexColumns = new ArrayList<>();
    List<Integer> sources = new ArrayList<>();
    for (EntityModel.IndexAttribute index : model.indexes()) {
      if (inherited.contains(index.name()) && inherited.contains(index.of())) {
        continue;
      }
      if (inherited.contains(index.name()) || inherited.contains(index.of())) {
        throw config(
            jpaName
                + "."
                + index.name()
                + " and its source '"
                + index.of()
                + "' are"
                + " declared on different levels of the entity hierarchy: declare them together");
      }
      indexes.add(index);
      indexColumns.add(column(p, jpaName, index.name()));
      sources.add(names.indexOf(index.of()));
    }
    return new Plan(
        model,
        p.getIdentifierType().getReturnedClass(),
        table,
        idColumn,
        tenant,
        policy,
        policyTypes,
        List.copyOf(attributes),
        List.copyOf(indexes),
        List.copyOf(encrypted),
        List.copyOf(indexColumns),
        sources.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * The column of a per-row attribute the envelopes are bound to (tenant, owner, subject): the
   * entity table's own column, or a scalar subquery on the root table for a JOINED subclass that
   * inherits it.
   */
  private static String rowColumn(
      AbstractEntityPersister p,
      String jpaName,
      String attribute,
      boolean joined,
      Set<String> inherited,
      String rootTable,
      String rootKey,
      String table,
      String idColumn) {
    String column = column(p, jpaName, attribute);
    if (joined && inherited.contains(attribute)) {
      return "(SELECT r_."
          + column
          + " FROM "
          + rootTable
          + " r_ WHERE r_."
          + rootKey
          + " = "
          + table
          + "."
          + idColumn
          + ")";
    }
    return column;
  }

  /** Fields of {@code type}'s nearest entity superclass and above; empty without one. */
  private static Set<String> entitySuperclassFields(Class<?> type) {
    Set<String> out = new HashSet<>();
    ProtectedType.of(type)
        .entitySuperclass()
        .ifPresent(c -> ProtectedType.of(c).fields().forEach(f -> out.add(f.getName())));
    return out;
  }

  /**
   * Every entity class of the factory whose table holds encrypted columns of its own (a subclass
   * whose encrypted attributes are all swept with its superclass is left out).
   */
  public List<Class<?>> protectedEntities() {
    List<Class<?>> types = new ArrayList<>();
    factory
        .getMappingMetamodel()
        .forEachEntityDescriptor(
            p -> {
              Class<?> type = p.getMappedClass();
              if (type != null
                  && ModelScanner.scan(
                          Suoja.entityName(type), type, SingleTenant.of(factory.getProperties()))
                      .isPresent()
                  && !plan(type).empty()) {
                types.add(type);
              }
            });
    return types;
  }

  /** The distinct tenants of the table's rows, sorted; a row without a tenant adds none. */
  public List<String> tenants(Plan plan) {
    if (plan.empty()) {
      return List.of();
    }
    ConnectionProvider provider = provider();
    try {
      Connection c = provider.getConnection();
      try (PreparedStatement ps =
              c.prepareStatement("SELECT DISTINCT " + plan.tenantColumn + " FROM " + plan.table);
          ResultSet rs = ps.executeQuery()) {
        TreeSet<String> out = new TreeSet<>();
        while (rs.next()) {
          String tenant = rs.getString(1);
          if (tenant != null) {
            out.add(tenant);
          }
        }
        return List.copyOf(out);
      } finally {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
        provider.closeConnection(c);
      }
    } catch (SQLException e) {
      throw failure(plan, "cannot read the tenants of the rows", e);
    }
  }

  /** Rows in the table. */
  public long count(Plan plan) {
    if (plan.empty()) {
      return 0;
    }
    ConnectionProvider provider = provider();
    try {
      Connection c = provider.getConnection();
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + plan.table);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      } finally {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
        provider.closeConnection(c);
      }
    } catch (SQLException e) {
      throw failure(plan, "cannot count rows", e);
    }
  }

  /**
   * Seals one batch of up to {@code size} rows after {@code afterId} (the JDBC id value the last
   * batch answered; {@code null} to start) and commits it. With {@code skipLocked} (and a dialect
   * that has it) rows another transaction holds are skipped; with {@code onlyPlaintext} only rows
   * with a value that does not start as an envelope does ({@code AQ}) are read (the catch-up pass).
   * {@code hook} runs in the batch's transaction just before it commits (the job-state row).
   */
  public Batch batch(
      Plan plan,
      Object afterId,
      int size,
      boolean skipLocked,
      boolean onlyPlaintext,
      BeforeCommit hook) {
    FieldCipher cipher = suoja.cipher();
    try {
      return sweep(
          plan,
          afterId,
          size,
          skipLocked,
          onlyPlaintext,
          hook,
          (tenant, id, policy, k, stored) -> {
            if (tenant == null) {
              throw new SuojaException(
                  "SUOJA-5231",
                  plan.model.entityName() + "#" + id + " has no tenant value; cannot seal it");
            }
            CipherContext ctx = context(plan, k, tenant, id, policy);
            return LegacyPlaintext.isEnvelope(cipher, ctx, stored)
                ? null
                : new Rewritten(cipher.seal(ctx, stored), stored);
          });
    } catch (SQLException e) {
      throw failure(
          plan, "batch after id " + (afterId == null ? "(start)" : afterId) + " rolled back", e);
    }
  }

  /** Runs in a batch's transaction after its updates, before its commit. */
  @FunctionalInterface
  public interface BeforeCommit {
    BeforeCommit NONE = (c, b) -> {};

    void run(Connection connection, Batch batch) throws SQLException;
  }

  /** A stored value written back by a sweep, and its plaintext (the blind index source). */
  record Rewritten(String value, String plain) {}

  /** What a sweep does with one stored (non-null) value of one row. */
  @FunctionalInterface
  interface Rewrite {
    /**
     * The value to write instead, or {@code null} to leave it as it is; {@code policy} is the row's
     * owner and subject as the listener binds them (null where the entity has neither).
     */
    Rewritten apply(
        String tenant, String id, CipherContext.PolicyInputs policy, int field, String stored)
        throws SQLException;
  }

  /**
   * The batch engine shared by the plaintext migration and the key rotation: locks up to {@code
   * size} rows after {@code afterId} in id order, applies {@code rewrite} to every stored value,
   * recomputes the blind indexes of the rewritten values, updates the rows that changed and commits
   * — or rolls the whole batch back.
   */
  Batch sweep(
      Plan plan,
      Object afterId,
      int size,
      boolean skipLocked,
      boolean onlyPlaintext,
      BeforeCommit hook,
      Rewrite rewrite)
      throws SQLException {
    if (plan.empty()) {
      return new Batch(0, 0, 0, afterId, false);
    }
    Dialect dialect = factory.getJdbcServices().getDialect();
    boolean skipping = skipLocked && supportsSkipLocked(dialect);
    List<String> columns = new ArrayList<>();
    columns.add(plan.idColumn);
    columns.add(plan.tenantColumn);
    int first = policyColumns(plan, columns);
    columns.addAll(plan.encryptedColumns);
    columns.addAll(plan.indexColumns);
    List<String> where = new ArrayList<>();
    if (afterId != null) {
      where.add(plan.idColumn + " > ?");
    }
    if (onlyPlaintext) {
      where.add(notSealed(plan));
    }
    Limit limit = new Limit();
    limit.setMaxRows(size);
    LimitHandler limits = dialect.getLimitHandler();
    String select =
        lockedSelect(
            dialect,
            "SELECT "
                + String.join(", ", columns)
                + " FROM "
                + plan.table
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY "
                + plan.idColumn,
            limit,
            skipping);
    List<String> assignments = new ArrayList<>();
    for (String col : plan.encryptedColumns) {
      assignments.add(col + " = ?");
    }
    for (String col : plan.indexColumns) {
      assignments.add(col + " = ?");
    }
    String update =
        "UPDATE "
            + plan.table
            + " SET "
            + String.join(", ", assignments)
            + " WHERE "
            + plan.idColumn
            + " = ?";
    int encCount = plan.encryptedColumns.size();
    int idxCount = plan.indexColumns.size();
    ConnectionProvider provider = provider();
    Connection c = provider.getConnection();
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement sel = c.prepareStatement(select);
        PreparedStatement upd = c.prepareStatement(update)) {
      int at = 1;
      at += limits.bindLimitParametersAtStartOfQuery(limit, sel, at);
      if (afterId != null) {
        sel.setObject(at++, afterId);
      }
      limits.bindLimitParametersAtEndOfQuery(limit, sel, at);
      limits.setMaxRows(limit, sel);
      int scanned = 0;
      int rows = 0;
      int values = 0;
      Object last = afterId;
      try (ResultSet rs = sel.executeQuery()) {
        while (rs.next()) {
          scanned++;
          Object rawId = rs.getObject(1);
          last = rawId;
          String id = idText(rs, plan.idType, rawId);
          String tenant = rs.getString(2);
          CipherContext.PolicyInputs policy = policy(plan, rs, id);
          String[] out = new String[encCount];
          String[] plain = new String[encCount];
          boolean any = false;
          for (int k = 0; k < encCount; k++) {
            String v = rs.getString(first + k);
            out[k] = v;
            Rewritten r = v == null ? null : rewrite.apply(tenant, id, policy, k, v);
            if (r != null) {
              out[k] = r.value();
              plain[k] = r.plain();
              values++;
              any = true;
            }
          }
          if (!any) {
            continue;
          }
          int p = 1;
          for (int k = 0; k < encCount; k++) {
            upd.setString(p++, out[k]);
          }
          for (int k = 0; k < idxCount; k++) {
            int source = plan.indexSources[k];
            String current = rs.getString(first + encCount + k);
            if (source >= 0 && plain[source] != null) {
              EntityModel.IndexAttribute index = plan.indexes.get(k);
              current =
                  (index.prefix() > 0
                          ? suoja
                              .blindIndexer()
                              .prefixIndex(tenant, plan.model.scope(), index.of(), plain[source])
                          : suoja
                              .blindIndexer()
                              .index(tenant, plan.model.scope(), index.of(), plain[source]))
                      .toHex();
            }
            upd.setString(p++, current);
          }
          upd.setObject(p, rawId);
          upd.addBatch();
          rows++;
        }
      }
      if (rows > 0) {
        for (int n : upd.executeBatch()) {
          if (n != 1 && n != Statement.SUCCESS_NO_INFO) {
            throw new SQLException("an update matched " + n + " rows");
          }
        }
      }
      boolean gap = skipping && scanned > 0 && skipped(c, plan, afterId, last, scanned);
      Batch done = new Batch(scanned, rows, values, last, gap);
      hook.run(c, done);
      c.commit();
      return done;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is gone; the database rolls the batch back
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

  /**
   * {@code base} (a SELECT ending in its ORDER BY) limited to {@code limit}'s rows and locking
   * them, as the dialect writes it: {@code SKIP LOCKED} only where the dialect says the database
   * has it (not MariaDB before 10.6, H2 before 2), plain row locks elsewhere.
   */
  // processSql(String, Limit): the one form Hibernate 6.6 and 7 share (7 deprecates it)
  @SuppressWarnings({"deprecation", "removal"})
  static String lockedSelect(Dialect dialect, String base, Limit limit, boolean skipLocked) {
    String limited = dialect.getLimitHandler().processSql(base, limit);
    return limited
        + (skipLocked && supportsSkipLocked(dialect)
            ? dialect.getForUpdateSkipLockedString()
            : dialect.getForUpdateString());
  }

  /**
   * Whether the dialect says the database has {@code FOR UPDATE SKIP LOCKED} (it knows the database
   * version: false for MariaDB before 10.6 and H2 before 2).
   */
  // Hibernate 7 moves this to getLockingSupport(), which 6.6 lacks
  @SuppressWarnings("deprecation")
  public static boolean supportsSkipLocked(Dialect dialect) {
    return dialect.supportsSkipLocked();
  }

  /** Whether the batch skipped rows: more rows lie in (afterId, last] than it read. */
  private static boolean skipped(Connection c, Plan plan, Object afterId, Object last, int scanned)
      throws SQLException {
    String sql =
        "SELECT COUNT(*) FROM "
            + plan.table
            + " WHERE "
            + (afterId == null ? "" : plan.idColumn + " > ? AND ")
            + plan.idColumn
            + " <= ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int at = 1;
      if (afterId != null) {
        ps.setObject(at++, afterId);
      }
      ps.setObject(at, last);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > scanned;
      }
    }
  }

  /**
   * A condition true for rows with at least one encrypted value that does not start as a format-1
   * envelope's text does ({@code AQ}: format byte 0x01, flags below 0x10).
   */
  static String notSealed(Plan plan) {
    List<String> any = new ArrayList<>();
    for (String col : plan.encryptedColumns) {
      any.add("(" + col + " IS NOT NULL AND " + col + " NOT LIKE 'AQ%')");
    }
    return "(" + String.join(" OR ", any) + ")";
  }

  /** The JDBC value of a saved position (the text of an id) for {@code plan}'s id type. */
  public static Object idValue(Plan plan, String text) {
    if (text == null) {
      return null;
    }
    Class<?> t = plan.idType;
    if (t == UUID.class) {
      return UUID.fromString(text);
    }
    if (t == Long.class || t == long.class) {
      return Long.valueOf(text);
    }
    if (t == Integer.class || t == int.class) {
      return Integer.valueOf(text);
    }
    if (t == Short.class || t == short.class) {
      return Short.valueOf(text);
    }
    if (t == java.math.BigInteger.class) {
      return new java.math.BigInteger(text);
    }
    if (t == java.math.BigDecimal.class) {
      return new java.math.BigDecimal(text);
    }
    if (t == String.class) {
      return text;
    }
    throw new SuojaConfigurationException(
        "SUOJA-5245",
        plan.entityName()
            + ": a position cannot be saved for an id of type "
            + t.getName()
            + " (use jobState only with numeric, UUID or text ids)");
  }

  /** The text a position is saved as. */
  public static String idText(Plan plan, Object raw) {
    if (raw == null) {
      return null;
    }
    if (plan.idType == UUID.class && raw instanceof byte[] b && b.length == 16) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
      return new UUID(buf.getLong(), buf.getLong()).toString();
    }
    return raw.toString();
  }

  /** The context of one value, without policy inputs: enough to read its header. */
  static CipherContext context(Plan plan, int k, String tenant, String id) {
    return new CipherContext(tenant, plan.model.scope(), plan.attributes.get(k).name(), id);
  }

  /** The context the listener seals the value in, with the row's owner and subject. */
  static CipherContext context(
      Plan plan, int k, String tenant, String id, CipherContext.PolicyInputs policy) {
    return new CipherContext(tenant, plan.model.scope(), plan.attributes.get(k).name(), id, policy);
  }

  /**
   * Adds the owner and subject columns (those the entity has) to {@code columns}, after id and
   * tenant; returns the 1-based position of the first column after them.
   */
  static int policyColumns(Plan plan, List<String> columns) {
    if (plan.ownerColumn != null) {
      columns.add(plan.ownerColumn);
    }
    if (plan.subjectColumn != null) {
      columns.add(plan.subjectColumn);
    }
    return columns.size() + 1;
  }

  /**
   * The row's owner and subject as {@code PrivacyListener} binds them (the Java value's text), read
   * from the columns {@link #policyColumns} added; null where the entity has neither.
   */
  static CipherContext.PolicyInputs policy(Plan plan, ResultSet rs, String id) throws SQLException {
    if (plan.ownerColumn == null && plan.subjectColumn == null) {
      return null;
    }
    int at = 3;
    String owner = null;
    String subject = null;
    if (plan.ownerColumn != null) {
      owner = text(rs, at, plan.ownerType, rs.getObject(at));
      at++;
    }
    if (plan.subjectColumn != null) {
      subject = text(rs, at, plan.subjectType, rs.getObject(at));
    }
    return new CipherContext.PolicyInputs(owner, subject);
  }

  static String idText(ResultSet rs, Class<?> idType, Object raw) throws SQLException {
    if (raw == null) {
      throw new SQLException("a row has a NULL id");
    }
    return text(rs, 1, idType, raw);
  }

  /** The text of column {@code at} as the Java value of {@code type} prints it; null for NULL. */
  private static String text(ResultSet rs, int at, Class<?> type, Object raw) throws SQLException {
    if (raw == null) {
      return null;
    }
    if (type.isInstance(raw)) {
      return raw.toString();
    }
    try {
      Object typed = rs.getObject(at, type);
      if (typed != null) {
        return typed.toString();
      }
    } catch (SQLException | RuntimeException unsupported) {
      // drivers that cannot convert: fall through
    }
    if (type == UUID.class && raw instanceof String s) {
      return UUID.fromString(s).toString();
    }
    return raw.toString();
  }

  private ConnectionProvider provider() {
    ConnectionProvider provider = factory.getServiceRegistry().getService(ConnectionProvider.class);
    if (provider == null) {
      throw config("the SessionFactory has no ConnectionProvider");
    }
    return provider;
  }

  private static String column(AbstractEntityPersister p, String entity, String attribute) {
    String[] cols = p.getPropertyColumnNames(attribute);
    if (cols == null || cols.length != 1) {
      throw config(entity + "." + attribute + " is not mapped to exactly one column");
    }
    return cols[0];
  }

  private static SuojaConfigurationException config(String message) {
    return new SuojaConfigurationException("SUOJA-5230", message);
  }

  private static SuojaException failure(Plan plan, String message, SQLException e) {
    // driver messages name tables, columns and constraints; values are bound parameters
    return new SuojaException(
        "SUOJA-5232", "plaintext migration of " + plan.model.entityName() + ": " + message, e);
  }
}
