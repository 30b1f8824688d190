package fi.suoja.jpa.internal;

import fi.suoja.SuojaException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.mutation.EntityTableMapping;
import org.hibernate.type.descriptor.ValueBinder;

/**
 * Row binding for ids the database assigns during the insert ({@code IDENTITY}): the INSERT carries
 * envelopes bound to a {@linkplain #pendingRow() pending row}, which no committed row ever opens,
 * and right after the insert returns the id - in the same flush and transaction - {@link #write}
 * stores the envelopes re-sealed for that id with one UPDATE per table (docs/JPA.md, "IDENTITY
 * ids"; SECURITY.md).
 *
 * <p>The UPDATE goes through the session's own JDBC connection and statement handling, so it is
 * logged, timed and closed like Hibernate's statements, and its failure dooms the transaction.
 */
final class IdentityRows {
  /**
   * Prefix of a pending row id. An IDENTITY id is a number, so no committed row has an id that
   * starts with it; the random part makes every pending binding unique as well.
   */
  static final String PENDING = "suoja-pending:";

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * The UPDATE statements of one entity, one per table that holds encrypted columns. Private and
   * never compared or printed: the arrays are not copied.
   */
  @SuppressWarnings("ArrayRecordComponent")
  private record Update(String sql, int[] positions, JdbcMapping[] columns, JdbcMapping key) {}

  private final Map<String, List<Update>> updates = new ConcurrentHashMap<>();

  /** A fresh pending row id: {@link #PENDING} and 128 random bits (Base64url). */
  static String pendingRow() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return PENDING + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Writes {@code state}'s values at {@code encrypted} positions to the row {@code id} has just
   * been inserted as.
   *
   * @throws SuojaException {@code SUOJA-5240} when a statement fails, {@code SUOJA-5241} when it
   *     does not change exactly one row
   */
  void write(
      SharedSessionContractImplementor session,
      EntityPersister persister,
      int[] encrypted,
      Object[] state,
      Object id) {
    for (Update update : updates(persister, encrypted)) {
      int rows;
      JdbcCoordinator jdbc = session.getJdbcCoordinator();
      try {
        PreparedStatement ps = jdbc.getStatementPreparer().prepareStatement(update.sql());
        try {
          for (int k = 0; k < update.positions().length; k++) {
            bind(ps, update.columns()[k], state[update.positions()[k]], k + 1, session);
          }
          bind(ps, update.key(), id, update.positions().length + 1, session);
          rows = jdbc.getResultSetReturn().executeUpdate(ps, update.sql());
        } finally {
          jdbc.getLogicalConnection().getResourceRegistry().release(ps);
          jdbc.afterStatementExecution();
        }
      } catch (SQLException | RuntimeException e) {
        throw new SuojaException(
            "SUOJA-5240",
            persister.getEntityName()
                + "#"
                + id
                + ": the envelopes bound to the id the database"
                + " assigned could not be written; the insert is rolled back with its transaction"
                + " (the row as inserted holds envelopes that never open)",
            e);
      }
      if (rows != 1) {
        throw new SuojaException(
            "SUOJA-5241",
            persister.getEntityName()
                + "#"
                + id
                + ": re-sealing the inserted row changed "
                + rows
                + " rows instead of 1; the transaction is rolled back");
      }
    }
  }

  @SuppressWarnings("unchecked") // a JdbcMapping binds values of its own Java type
  private static void bind(
      PreparedStatement ps,
      JdbcMapping mapping,
      Object value,
      int index,
      SharedSessionContractImplementor session)
      throws SQLException {
    ValueBinder<Object> binder = (ValueBinder<Object>) mapping.getJdbcValueBinder();
    binder.bind(ps, value, index, session);
  }

  private List<Update> updates(EntityPersister persister, int[] encrypted) {
    return updates.computeIfAbsent(persister.getEntityName(), n -> prepare(persister, encrypted));
  }

  /** One UPDATE per table: {@code update T set c1 = ?, ... where key = ?}. */
  private static List<Update> prepare(EntityPersister persister, int[] encrypted) {
    if (!(persister instanceof AbstractEntityPersister entity)
        || !(persister.getIdentifierMapping() instanceof BasicValuedModelPart id)) {
      throw new SuojaException(
          "SUOJA-5242",
          persister.getEntityName()
              + ": an id the database assigns is supported for a single"
              + " basic id column of a standard entity persister only");
    }
    Map<String, List<Integer>> byTable = new LinkedHashMap<>();
    Map<String, BasicValuedModelPart> columns = new LinkedHashMap<>();
    for (int i : encrypted) {
      AttributeMapping attribute = persister.findAttributeMapping(persister.getPropertyNames()[i]);
      if (!(attribute instanceof BasicValuedModelPart basic)) {
        throw new SuojaException(
            "SUOJA-5242",
            persister.getEntityName()
                + "."
                + persister.getPropertyNames()[i]
                + " is not a basic column; cannot re-seal it for the id the database assigns");
      }
      byTable.computeIfAbsent(basic.getContainingTableExpression(), t -> new ArrayList<>()).add(i);
      columns.put(Integer.toString(i), basic);
    }
    Map<String, String> keys = new LinkedHashMap<>();
    entity.forEachMutableTable(
        (EntityTableMapping t) ->
            keys.put(t.getTableName(), t.getKeyMapping().getKeyColumns().get(0).getColumnName()));
    List<Update> out = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> table : byTable.entrySet()) {
      String key = keys.get(table.getKey());
      if (key == null) {
        throw new SuojaException(
            "SUOJA-5242",
            persister.getEntityName() + ": no key column for table " + table.getKey());
      }
      StringBuilder sql = new StringBuilder("update ").append(table.getKey()).append(" set ");
      int[] positions = table.getValue().stream().mapToInt(Integer::intValue).toArray();
      JdbcMapping[] mappings = new JdbcMapping[positions.length];
      for (int k = 0; k < positions.length; k++) {
        BasicValuedModelPart column = columns.get(Integer.toString(positions[k]));
        sql.append(k == 0 ? "" : ", ").append(column.getSelectionExpression()).append(" = ?");
        mappings[k] = column.getJdbcMapping();
      }
      sql.append(" where ").append(key).append(" = ?");
      out.add(new Update(sql.toString(), positions, mappings, id.getJdbcMapping()));
    }
    return List.copyOf(out);
  }
}
