package fi.suoja.jpa.internal;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.ProtectedType;
import jakarta.persistence.Lob;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.MappingException;
import org.hibernate.boot.Metadata;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;
import org.hibernate.persister.entity.EntityPersister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Column widths of encrypted attributes (docs/OPERATIONS.md, "Column widths").
 *
 * <p>At boot: an attribute with a plaintext budget ({@code @Encrypted(maxLength = n)}) must have a
 * column at least as wide as the text form of the envelope of n characters at 3 UTF-8 bytes each
 * (the worst case), padded to its bucket; otherwise the boot fails naming entity, attribute, column
 * length and the length needed. Without a budget the column's own width is the only limit, and the
 * longest plaintext it always holds is logged. Once the schema management ran, {@link
 * #checkDatabase} holds the database's own widths (JDBC metadata) to the same rules.
 *
 * <p>On write (a pre-insert/pre-update listener registered after the privacy listener, so the guard
 * has decided and the state holds the envelopes): a value over its budget, or an envelope longer
 * than the column, is refused with a message that names the attribute and the column width, never
 * the value or its length. The database never gets to truncate or reject a ciphertext.
 *
 * <p>The envelope arithmetic mirrors format 1 of docs/ENVELOPE.md (header 7 + nonce 12 + tag 16
 * bytes, unpadded Base64url text); {@code ColumnWidthsTest} checks it against real seals.
 */
final class ColumnWidths implements PreInsertEventListener, PreUpdateEventListener {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ColumnWidths.class);

  /** Bytes a tenant-key envelope adds to the (padded) plaintext: header 7, nonce 12, tag 16. */
  static final int ENVELOPE_OVERHEAD_BYTES = 7 + 12 + 16;

  /** UTF-8 bytes per UTF-16 code unit in the worst case (a surrogate pair is 4 bytes for 2). */
  static final int WORST_CASE_BYTES_PER_CHAR = 3;

  /** Hibernate's width of a String column without {@code @Column(length)}. */
  static final long DEFAULT_LENGTH = 255;

  private static final Pattern DECLARED_LENGTH =
      Pattern.compile(
          "^\\s*(?:national\\s+)?(?:var)?char(?:acter)?(?:\\s+varying)?\\s*\\(\\s*(\\d+)",
          Pattern.CASE_INSENSITIVE);

  /** The limits of one encrypted attribute; {@code columnLength} -1 when unbounded (LOB/TEXT). */
  record Limit(String attribute, int bucket, int maxLength, long columnLength) {}

  /**
   * A column Suoja writes, as the mapping names it: an encrypted attribute ({@code indexBits} 0) or
   * a blind index ({@code bucket} and {@code maxLength} 0).
   */
  record Target(
      String entity,
      String attribute,
      Name table,
      Name column,
      Name schema,
      Name catalog,
      int bucket,
      int maxLength,
      long mappedLength,
      int indexBits) {
    String name() {
      return entity + "." + attribute;
    }
  }

  /** An identifier as mapped (null when not given) and whether it is quoted. */
  record Name(String text, boolean quoted) {}

  // replaced once by checkDatabase (the real widths) before the first session runs
  private transient volatile Map<String, List<Limit>> limits;
  private final transient List<Target> targets;
  private final transient Map<String, int[]> positions = new ConcurrentHashMap<>();

  private ColumnWidths(Map<String, List<Limit>> limits, List<Target> targets) {
    this.limits = limits;
    this.targets = targets;
  }

  /**
   * Checks every encrypted column of {@code models} against its budget.
   *
   * @throws SuojaConfigurationException {@code SUOJA-5210} listing every column that is too narrow
   */
  static ColumnWidths check(Metadata metadata, Map<String, EntityModel> models) {
    Map<String, List<Limit>> all = new LinkedHashMap<>();
    List<Target> targets = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, EntityModel> e : models.entrySet()) {
      PersistentClass pc = metadata.getEntityBinding(e.getKey());
      EntityModel model = e.getValue();
      for (EntityModel.IndexAttribute index : model.indexes()) {
        target(pc, model, index.name(), 0, 0, -1, index.effectiveBits()).ifPresent(targets::add);
      }
      List<Limit> limits = new ArrayList<>();
      for (EntityModel.EncryptedAttribute attribute : model.encrypted()) {
        Field field = field(model.type(), attribute.name());
        Encrypted encrypted =
            ProtectedType.of(model.type())
                .annotation(attribute.name(), Encrypted.class)
                .orElse(null);
        int maxLength = encrypted == null ? 0 : encrypted.maxLength();
        if (maxLength < 0) {
          throw new SuojaConfigurationException(
              "SUOJA-5210",
              model.entityName()
                  + "."
                  + attribute.name()
                  + ": @Encrypted(maxLength) must be 0"
                  + " (no budget) or positive, was "
                  + maxLength);
        }
        long width = columnLength(pc, field, attribute.name());
        Limit limit = new Limit(attribute.name(), attribute.padToBucket(), maxLength, width);
        limits.add(limit);
        if (width < 0) {
          continue;
        }
        target(pc, model, attribute.name(), limit.bucket(), maxLength, width, 0)
            .ifPresent(targets::add);
        if (maxLength > 0) {
          long needed = neededWidth(maxLength, limit.bucket());
          if (needed > width) {
            problems.add(
                model.entityName()
                    + "."
                    + attribute.name()
                    + " (column length "
                    + width
                    + ", needs "
                    + needed
                    + " for maxLength "
                    + maxLength
                    + (limit.bucket() > 0 ? " padded to bucket " + limit.bucket() : "")
                    + ")");
          }
        } else {
          int fits = longestThatFits(width, limit.bucket());
          if (fits < 1) {
            problems.add(
                model.entityName()
                    + "."
                    + attribute.name()
                    + " (column length "
                    + width
                    + ", needs at least "
                    + neededWidth(1, limit.bucket())
                    + " for a 1-character value)");
          } else {
            LOG.info(
                "Suoja: {}.{} has no @Encrypted(maxLength); its column ({} characters) holds any"
                    + " value of up to {} characters, longer ones only if their UTF-8 form is"
                    + " short enough (checked on write)",
                model.entityName(),
                attribute.name(),
                width,
                fits);
          }
        }
      }
      all.put(e.getKey(), List.copyOf(limits));
    }
    if (!problems.isEmpty()) {
      throw new SuojaConfigurationException(
          "SUOJA-5210",
          "encrypted columns too narrow for their envelopes: "
              + String.join("; ", problems)
              + ". Widen them (@Column(length = ...) and the database column; docs/OPERATIONS.md"
              + " has the widths) or lower maxLength");
    }
    return new ColumnWidths(Map.copyOf(all), List.copyOf(targets));
  }

  private static Optional<Target> target(
      PersistentClass pc,
      EntityModel model,
      String attribute,
      int bucket,
      int maxLength,
      long mappedLength,
      int indexBits) {
    Property property;
    try {
      property = pc.getProperty(attribute);
    } catch (MappingException notMapped) {
      return Optional.empty();
    }
    List<Column> columns = property.getValue().getColumns();
    if (columns.size() != 1 || property.getValue().getTable() == null) {
      return Optional.empty();
    }
    Table table = property.getValue().getTable();
    Column column = columns.get(0);
    return Optional.of(
        new Target(
            model.entityName(),
            attribute,
            new Name(table.getName(), table.isQuoted()),
            new Name(column.getName(), column.isQuoted()),
            new Name(table.getSchema(), table.isSchemaQuoted()),
            new Name(table.getCatalog(), table.isCatalogQuoted()),
            bucket,
            maxLength,
            mappedLength,
            indexBits));
  }

  // ---- the database's own widths --------------------------------------------------------------

  /** Hibernate's switch for JDBC metadata access at boot; "false" skips the real-width check. */
  static final String ALLOW_METADATA = "hibernate.boot.allow_jdbc_metadata_access";

  /**
   * Checks the real width of every encrypted and blind-index column, read from JDBC metadata
   * ({@code DatabaseMetaData.getColumns}), after Hibernate's schema management ran: a column
   * narrower than the mapping promises fails like a narrow mapping ({@code SUOJA-5210}, naming the
   * width needed). The write-time check then measures against the narrower of the two widths. Where
   * metadata cannot be read the check is skipped with a logged note ({@code SUOJA-5243}).
   */
  void checkDatabase(SessionFactoryImplementor factory) {
    if (targets.isEmpty()) {
      return;
    }
    if ("false".equalsIgnoreCase(String.valueOf(factory.getProperties().get(ALLOW_METADATA)))) {
      LOG.info(
          "SUOJA-5243: {}=false: the database's column widths are not checked (the mapped"
              + " widths are)",
          ALLOW_METADATA);
      return;
    }
    JdbcConnectionAccess access = factory.getJdbcServices().getBootstrapJdbcConnectionAccess();
    Connection connection;
    try {
      connection = access.obtainConnection();
    } catch (SQLException | RuntimeException e) {
      LOG.warn(
          "SUOJA-5243: no JDBC connection at boot ({}): the database's column widths are not"
              + " checked (the mapped widths are)",
          e.toString());
      return;
    }
    Map<Target, DbColumn> found = new LinkedHashMap<>();
    try {
      DatabaseMetaData md = connection.getMetaData();
      String catalog = connection.getCatalog();
      String schema = schemaOf(connection);
      for (Target t : targets) {
        DbColumn c = DbColumn.find(md, catalog, schema, t);
        if (c == null) {
          LOG.warn(
              "SUOJA-5243: {}: column {}.{} not found in the database metadata; its real width"
                  + " is not checked",
              t.name(),
              t.table().text(),
              t.column().text());
        } else {
          found.put(t, c);
        }
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn(
          "SUOJA-5243: the database metadata could not be read ({}); the real column widths are"
              + " not checked",
          e.toString());
      return;
    } finally {
      try {
        access.releaseConnection(connection);
      } catch (SQLException | RuntimeException e) {
        LOG.debug("releasing the metadata connection failed", e);
      }
    }
    List<String> problems = new ArrayList<>();
    Map<String, Long> real = new LinkedHashMap<>();
    for (Map.Entry<Target, DbColumn> e : found.entrySet()) {
      Target t = e.getKey();
      DbColumn c = e.getValue();
      if (c.unbounded()) {
        continue;
      }
      String where =
          "database column " + t.table().text() + "." + t.column().text() + " is " + c.describe();
      if (t.indexBits() > 0) {
        long needed = 2L * ((t.indexBits() + 7) / 8); // privacy-jpa stores toHex()
        if (c.size() < needed) {
          problems.add(
              t.name()
                  + " ("
                  + where
                  + ", needs "
                  + needed
                  + " for a "
                  + t.indexBits()
                  + "-bit blind index)");
        }
        continue;
      }
      real.put(t.entity() + "." + t.attribute(), c.size());
      if (t.maxLength() > 0) {
        long needed = neededWidth(t.maxLength(), t.bucket());
        if (c.size() < needed) {
          problems.add(
              t.name()
                  + " ("
                  + where
                  + ", needs "
                  + needed
                  + " for maxLength "
                  + t.maxLength()
                  + (t.bucket() > 0 ? " padded to bucket " + t.bucket() : "")
                  + ")");
        }
      } else if (c.size() < t.mappedLength()) {
        long least = neededWidth(1, t.bucket());
        problems.add(
            t.name()
                + " ("
                + where
                + ", needs "
                + t.mappedLength()
                + ", its mapped length: without @Encrypted(maxLength) the mapping is the limit;"
                + " or map the real width with @Column(length = "
                + c.size()
                + ")"
                + (c.size() < least ? ", at least " + least + " for a 1-character value" : "")
                + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new SuojaConfigurationException(
          "SUOJA-5210",
          "encrypted columns too narrow in the database for their envelopes: "
              + String.join("; ", problems)
              + ". Widen the database columns (docs/OPERATIONS.md has the widths) or lower"
              + " maxLength");
    }
    narrowLimits(real);
  }

  /** The write-time limits, each at the narrower of the mapped and the real width. */
  private void narrowLimits(Map<String, Long> real) {
    Map<String, List<Limit>> narrowed = new LinkedHashMap<>();
    limits.forEach(
        (entity, list) ->
            narrowed.put(
                entity,
                list.stream()
                    .map(
                        l -> {
                          Long width = real.get(entity + "." + l.attribute());
                          return width == null || l.columnLength() < 0 || width >= l.columnLength()
                              ? l
                              : new Limit(l.attribute(), l.bucket(), l.maxLength(), width);
                        })
                    .toList()));
    limits = Map.copyOf(narrowed);
  }

  private static String schemaOf(Connection connection) {
    try {
      return connection.getSchema();
    } catch (SQLException | AbstractMethodError e) {
      return null;
    }
  }

  /** A column as JDBC metadata describes it. */
  record DbColumn(String typeName, int dataType, long size) {
    private static final Set<Integer> UNBOUNDED =
        Set.of(Types.CLOB, Types.NCLOB, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.BLOB);

    boolean unbounded() {
      String upper = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
      return UNBOUNDED.contains(dataType)
          || upper.contains("TEXT")
          || upper.contains("CLOB")
          || size <= 0;
    }

    String describe() {
      return typeName + "(" + size + ")";
    }

    /**
     * The column of {@code t}, looked up under the names the database may store it as: unquoted
     * identifiers upper-cased (H2), lower-cased (PostgreSQL) or as written (MariaDB), in the
     * table's catalog and schema or else the connection's.
     */
    static DbColumn find(DatabaseMetaData md, String catalog, String schema, Target t)
        throws SQLException {
      String cat = t.catalog().text() != null ? stored(md, t.catalog()) : catalog;
      String sch = t.schema().text() != null ? stored(md, t.schema()) : schema;
      String escape = md.getSearchStringEscape();
      for (String name : candidates(md, t.table())) {
        Set<String> schemas = new LinkedHashSet<>();
        schemas.add(sch);
        if (sch != null) {
          schemas.add(sch.toUpperCase(Locale.ROOT));
          schemas.add(sch.toLowerCase(Locale.ROOT));
        }
        for (String s : schemas) {
          DbColumn c = read(md, cat, s, pattern(name, escape), t.column());
          if (c != null) {
            return c;
          }
        }
      }
      return null;
    }

    private static DbColumn read(
        DatabaseMetaData md, String catalog, String schema, String table, Name column)
        throws SQLException {
      try (ResultSet rs = md.getColumns(catalog, schema, table, null)) {
        while (rs.next()) {
          String name = rs.getString("COLUMN_NAME");
          if (column.quoted() ? column.text().equals(name) : column.text().equalsIgnoreCase(name)) {
            return new DbColumn(
                rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"), rs.getLong("COLUMN_SIZE"));
          }
        }
      }
      return null;
    }

    private static List<String> candidates(DatabaseMetaData md, Name table) throws SQLException {
      Set<String> out = new LinkedHashSet<>();
      out.add(stored(md, table));
      if (!table.quoted()) {
        out.add(table.text());
        out.add(table.text().toUpperCase(Locale.ROOT));
        out.add(table.text().toLowerCase(Locale.ROOT));
      }
      return List.copyOf(out);
    }

    private static String stored(DatabaseMetaData md, Name identifier) throws SQLException {
      String name = identifier.text();
      if (identifier.quoted()) {
        return name;
      }
      if (md.storesUpperCaseIdentifiers()) {
        return name.toUpperCase(Locale.ROOT);
      }
      if (md.storesLowerCaseIdentifiers()) {
        return name.toLowerCase(Locale.ROOT);
      }
      return name;
    }

    /** A metadata search pattern that matches {@code name} only ({@code _} and {@code %}). */
    private static String pattern(String name, String escape) {
      if (escape == null || escape.isEmpty()) {
        return name;
      }
      return name.replace(escape, escape + escape)
          .replace("_", escape + "_")
          .replace("%", escape + "%");
    }
  }

  /** Bytes of the envelope of {@code plaintextBytes} bytes padded to {@code bucket} (0: none). */
  static long envelopeBytes(long plaintextBytes, int bucket) {
    long body = plaintextBytes;
    if (bucket > 0) {
      body = bucket;
      while (body < plaintextBytes + 1) {
        body <<= 1;
      }
    }
    return ENVELOPE_OVERHEAD_BYTES + body;
  }

  /** Characters of the unpadded Base64url text of {@code bytes} bytes. */
  static long textLength(long bytes) {
    return (bytes * 4 + 2) / 3;
  }

  /** Column width that holds the envelope of any value of {@code maxChars} characters. */
  static long neededWidth(int maxChars, int bucket) {
    return textLength(envelopeBytes((long) maxChars * WORST_CASE_BYTES_PER_CHAR, bucket));
  }

  /** The longest value (characters, worst case) whose envelope always fits {@code width}. */
  static int longestThatFits(long width, int bucket) {
    int lo = 0;
    int hi = (int) Math.min(Integer.MAX_VALUE / 4, width);
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (neededWidth(mid, bucket) <= width) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  // ---- write-time check -----------------------------------------------------------------------

  @Override
  public boolean onPreInsert(PreInsertEvent event) {
    check(event.getPersister(), event.getEntity(), event.getState());
    return false;
  }

  @Override
  public boolean onPreUpdate(PreUpdateEvent event) {
    check(event.getPersister(), event.getEntity(), event.getState());
    return false;
  }

  private void check(EntityPersister persister, Object entity, Object[] state) {
    List<Limit> entityLimits = limits.get(persister.getEntityName());
    if (entityLimits == null) {
      return;
    }
    int[] pos =
        positions.computeIfAbsent(
            persister.getEntityName(),
            n -> {
              List<String> names = Arrays.asList(persister.getPropertyNames());
              return entityLimits.stream().mapToInt(l -> names.indexOf(l.attribute())).toArray();
            });
    for (int k = 0; k < pos.length; k++) {
      Limit limit = entityLimits.get(k);
      if (pos[k] < 0 || !(state[pos[k]] instanceof String sealed)) {
        continue;
      }
      if (limit.maxLength() > 0
          && persister.getValue(entity, pos[k]) instanceof String plain
          && plain.length() > limit.maxLength()) {
        throw new SuojaException(
            "SUOJA-5212",
            "a value of "
                + name(persister, limit)
                + " is longer than its @Encrypted(maxLength = "
                + limit.maxLength()
                + "); nothing was written");
      }
      if (limit.columnLength() >= 0 && sealed.length() > limit.columnLength()) {
        throw new SuojaException(
            "SUOJA-5211",
            "the sealed value of "
                + name(persister, limit)
                + " does not fit its column (length "
                + limit.columnLength()
                + "); widen the column (docs/OPERATIONS.md). Nothing was"
                + " written");
      }
    }
  }

  /** {@code Entity.attribute}, built only for a message: the check runs for every write. */
  private static String name(EntityPersister persister, Limit limit) {
    return persister.getEntityName() + "." + limit.attribute();
  }

  // ---- mapping --------------------------------------------------------------------------------

  /** The declared width, or -1 for an unbounded column (LOB, TEXT, CLOB). */
  private static long columnLength(PersistentClass pc, Field field, String attribute) {
    if (field != null && field.isAnnotationPresent(Lob.class)) {
      return -1;
    }
    Property property;
    try {
      property = pc.getProperty(attribute);
    } catch (MappingException notMapped) {
      return -1; // the model scanner decides about unmapped attributes
    }
    List<Column> columns = property.getValue().getColumns();
    if (columns.size() != 1) {
      return -1;
    }
    Column column = columns.get(0);
    String sqlType = column.getSqlType();
    if (sqlType != null) {
      String upper = sqlType.toUpperCase(Locale.ROOT);
      if (upper.contains("TEXT") || upper.contains("CLOB") || upper.contains("LOB")) {
        return -1;
      }
      Matcher m = DECLARED_LENGTH.matcher(sqlType);
      if (m.find()) {
        return Long.parseLong(m.group(1));
      }
      LOG.warn(
          "Suoja: cannot tell the width of {}.{} from its column definition '{}'; not checked",
          pc.getJpaEntityName(),
          attribute,
          sqlType);
      return -1;
    }
    Long length = column.getLength();
    return length == null ? DEFAULT_LENGTH : length;
  }

  private static Field field(Class<?> type, String name) {
    return ProtectedType.of(type).field(name).orElse(null);
  }

  @Override
  public String toString() {
    return "ColumnWidths" + Objects.toString(limits.keySet());
  }
}
