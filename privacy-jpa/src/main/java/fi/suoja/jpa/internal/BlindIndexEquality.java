package fi.suoja.jpa.internal;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.annotation.ProtectedType;
import fi.suoja.crypto.Normalization;
import fi.suoja.jpa.SuojaJpaSettings;
import jakarta.persistence.Tuple;
import jakarta.persistence.TupleElement;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.proxy.HibernateProxy;
import org.hibernate.query.ResultListTransformer;
import org.hibernate.query.spi.Limit;
import org.hibernate.query.spi.MutableQueryOptions;
import org.hibernate.sql.ast.tree.expression.Expression;
import org.hibernate.sql.ast.tree.expression.JdbcParameter;
import org.hibernate.sql.exec.internal.AbstractJdbcParameter;
import org.hibernate.sql.exec.spi.Callback;
import org.hibernate.sql.exec.spi.ExecutionContext;
import org.hibernate.sql.exec.spi.JdbcParameterBinding;
import org.hibernate.sql.exec.spi.JdbcParameterBindings;

/**
 * The transparent form of a blind-index lookup: {@code where c.hetu = :h} on a
 * {@code @BlindIndex}ed attribute, rewritten by the query translator to {@code where c.hetuIndex in
 * (?, ..., ?)} with {@value #SLOTS} parameters of this class. Each one reads the value bound to the
 * original {@code :h} and binds one of its candidate indexes (one per live key version of the
 * session's tenant; SQL NULL, which matches nothing, in the slots left over), so the query's SQL
 * does not depend on the number of key versions and stays cacheable.
 *
 * <p>The index is truncated, so the database may return rows whose index merely collides. An entity
 * of the type whose index is one of the candidates must hold the searched value, normalised as the
 * index declares: checked for every entity of the execution's result once the listener opened it,
 * by an after-load action on the execution's own callback (entities the session already held
 * included). One that differs (or that the policy denied in mask mode, so it cannot be verified) is
 * removed by {@link DropFalsePositives} when the execution is a list; where no such post-filter can
 * run (streamed, locked, tuple-transformed) the query fails instead ({@code SUOJA-5106}, masked:
 * {@code SUOJA-5107}). A returned entity was therefore verified: the query never silently returns
 * another person's record. A paged list, a count and an id query are answered by the post-filter
 * over the exact records ({@link Paging}, {@link Shape}), so pages and counts agree.
 */
final class BlindIndexEquality {
  /** Parameters rendered per rewritten comparison: the most key versions a lookup can try. */
  static final int SLOTS = 8;

  private BlindIndexEquality() {}

  /**
   * An encrypted attribute searched through its blind index: by equality ({@code prefix} 0), or by
   * a {@code like 'p%'} pattern through its prefix index of {@code prefix} characters, the pattern
   * escaped with {@code escape} (null: no escape character).
   */
  record Lookup(
      Class<?> owner,
      String entityName,
      String attribute,
      String indexAttribute,
      Normalization normalization,
      int prefix,
      Character escape) {

    static Lookup of(Class<?> owner, String entityName, String attribute) {
      return new Lookup(
          owner,
          entityName,
          attribute,
          BlindIndexSearch.indexAttribute(owner, attribute),
          BlindIndexSearch.normalization(owner, attribute),
          0,
          null);
    }

    /** A prefix search of {@code attribute}; empty when it has no prefix index. */
    static java.util.Optional<Lookup> prefix(
        Class<?> owner, String entityName, String attribute, Character escape) {
      return ProtectedType.of(owner)
          .prefixIndexOf(attribute)
          .map(
              i ->
                  new Lookup(
                      owner,
                      entityName,
                      attribute,
                      i.name(),
                      Normalization.valueOf(i.normalization().name()),
                      i.prefix(),
                      escape));
    }

    String name() {
      return entityName + "." + attribute;
    }

    /**
     * What a record's value is checked against once opened: the normalised value searched, or for a
     * prefix search the normalised literal prefix of the pattern.
     *
     * @throws SuojaException {@code SUOJA-5102} for a pattern that is not a prefix ({@code p%});
     *     {@code SUOJA-5150} for a prefix shorter than the index covers
     */
    String wanted(String searched) {
      if (prefix == 0) {
        return normalization.normalise(searched);
      }
      String literal = likePrefix(searched, escape);
      if (literal == null) {
        throw new SuojaException(
            "SUOJA-5102",
            "a query matches "
                + name()
                + " against a pattern that is not a prefix: its prefix index"
                + " answers only `like 'p%'` (one trailing %, no other wildcard); other patterns"
                + " cannot be searched in randomised ciphertext");
      }
      String normalised = normalization.normalise(literal);
      if (normalised.codePointCount(0, normalised.length()) < prefix) {
        throw new SuojaException(
            "SUOJA-5150",
            "a prefix search of "
                + name()
                + " needs at least "
                + prefix
                + " characters before the %"
                + " (after normalisation): its prefix index covers "
                + prefix
                + " characters, and a shorter prefix cannot be looked up");
      }
      return normalised;
    }

    /** Whether a record's opened, normalised value is one the query asked for. */
    boolean matches(String wanted, String normalisedOpened) {
      return prefix == 0 ? wanted.equals(normalisedOpened) : normalisedOpened.startsWith(wanted);
    }
  }

  /**
   * The literal prefix of a {@code like} pattern of the form {@code p%} - one unescaped {@code %},
   * at the end, and no unescaped {@code _} - with its escapes resolved; null for any other form.
   */
  static String likePrefix(String pattern, Character escape) {
    if (pattern == null || pattern.isEmpty()) {
      return null;
    }
    StringBuilder literal = new StringBuilder(pattern.length());
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (escape != null && c == escape) {
        if (++i == pattern.length()) {
          return null; // a dangling escape: the database would refuse it too
        }
        literal.append(pattern.charAt(i));
      } else if (c == '%') {
        return i == pattern.length() - 1 ? literal.toString() : null;
      } else if (c == '_') {
        return null;
      } else {
        literal.append(c);
      }
    }
    return null; // no trailing %: not a prefix search
  }

  /** What a lookup query returns of the entities it looks up. */
  enum Shape {
    /** The entities themselves. */
    ENTITY,
    /** Their number ({@code count(e)}): the entities are loaded, checked and counted. */
    COUNT,
    /** Their ids alone (Spring Data's {@code existsBy}): loaded, checked, then their ids. */
    ID
  }

  /**
   * How a paged lookup ({@code setFirstResult}/{@code setMaxResults}, Spring Data {@code Page},
   * {@code Slice}, {@code findFirst}/{@code TopN}) is answered. In memory: the statement reads
   * every candidate row (at most {@code candidates}, else {@code SUOJA-5130}), the exact ones are
   * kept and the page is cut from them, so a page is a slice of the same set a count counts. Only
   * for dialects that render the offset and fetch parameters after the {@code where} clause (H2,
   * PostgreSQL, MariaDB/MySQL): the values are changed when the index is bound, and a dialect that
   * bound them first would return the page the database cut. Elsewhere a paged lookup is refused by
   * its shape ({@code SUOJA-5107}).
   */
  record Paging(boolean inMemory, int candidates) {
    static final Paging REFUSED = new Paging(false, 0);

    /** The default of {@link SuojaJpaSettings#LOOKUP_CANDIDATE_LIMIT}. */
    static final int DEFAULT_CANDIDATES = 1000;

    static Paging of(SessionFactoryImplementor factory) {
      Dialect dialect = factory.getJdbcServices().getDialect();
      boolean limitAfterWhere =
          dialect instanceof H2Dialect
              || dialect instanceof PostgreSQLDialect
              || dialect instanceof MySQLDialect
              || dialect instanceof MariaDBDialect;
      return new Paging(
          limitAfterWhere,
          candidates(factory.getProperties().get(SuojaJpaSettings.LOOKUP_CANDIDATE_LIMIT)));
    }

    static int candidates(Object setting) {
      if (setting == null) {
        return DEFAULT_CANDIDATES;
      }
      try {
        int n = Integer.parseInt(setting.toString().trim());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new SuojaConfigurationException(
          "SUOJA-5131",
          "property '"
              + SuojaJpaSettings.LOOKUP_CANDIDATE_LIMIT
              + "' must be a positive"
              + " integer, got '"
              + setting
              + "'");
    }
  }

  /**
   * The {@value #SLOTS} parameters standing for {@code value} in {@code index in (...)}; {@code
   * fixed} instead of {@code value} for a pattern written into the query as a literal. {@code
   * unindexed}: the query also matches rows without an index on their stored text (legacy plaintext
   * mode), and those rows are checked after opening as well - for a prefix search, whose few
   * searched letters could otherwise match the beginning of an envelope stored in a row whose
   * prefix index is still empty.
   */
  static List<Expression> parameters(
      JdbcMapping indexType,
      Lookup lookup,
      JdbcParameter value,
      String fixed,
      Shape shape,
      Paging paging,
      boolean unindexed) {
    Object source = value != null ? value : new Fixed(fixed);
    List<Expression> out = new ArrayList<>(SLOTS);
    for (int slot = 0; slot < SLOTS; slot++) {
      out.add(new IndexParameter(indexType, lookup, source, slot, shape, paging, unindexed));
    }
    return out;
  }

  /** A searched pattern written into the query; one instance shared by the slots. */
  private record Fixed(String pattern) {
    @Override
    public String toString() {
      return "Fixed[]"; // never the pattern
    }
  }

  /**
   * One slot of the rewritten comparison. Immutable: a translation is cached and shared by every
   * session and thread that runs the same query.
   */
  static final class IndexParameter extends AbstractJdbcParameter {
    /** The candidates of the statement being bound on this thread, computed once per value. */
    private static final ThreadLocal<Bound> LAST = new ThreadLocal<>();

    private final Lookup lookup;

    /** The parameter holding the searched value, or a {@link Fixed} pattern. */
    private final Object value;

    private final int slot;
    private final Shape shape;
    private final Paging paging;

    /** Whether rows without an index are matched too, and so checked after opening. */
    private final boolean unindexed;

    IndexParameter(
        JdbcMapping indexType,
        Lookup lookup,
        Object value,
        int slot,
        Shape shape,
        Paging paging,
        boolean unindexed) {
      super(indexType);
      this.lookup = lookup;
      this.value = value;
      this.slot = slot;
      this.shape = shape;
      this.paging = paging;
      this.unindexed = unindexed;
    }

    @Override
    public void bindParameterValue(
        PreparedStatement statement,
        int startPosition,
        JdbcParameterBindings bindings,
        ExecutionContext executionContext)
        throws SQLException {
      Object searched;
      if (value instanceof Fixed fixed) {
        searched = fixed.pattern();
      } else {
        JdbcParameterBinding binding = bindings.getBinding((JdbcParameter) value);
        if (binding == null) {
          throw new SuojaException(
              "SUOJA-5107", "the value compared with " + lookup.name() + " is not bound");
        }
        searched = binding.getBindValue();
      }
      if (searched == null) {
        statement.setNull(startPosition, Types.VARCHAR); // "= null" matches nothing, as in SQL
        return;
      }
      Bound bound = LAST.get();
      if (bound == null || bound.bindings != bindings || bound.value != value) {
        bound = new Bound(bindings, value, candidates(executionContext.getSession(), searched));
        LAST.set(bound);
      }
      if (slot == SLOTS - 1) {
        LAST.remove(); // the bindings hold the searched value: keep no reference once bound
      }
      if (slot == 0) {
        verifyEveryExecution(executionContext, bound.candidates, searched.toString());
      }
      if (slot < bound.candidates.size()) {
        statement.setString(startPosition, bound.candidates.get(slot));
      } else {
        statement.setNull(startPosition, Types.VARCHAR); // never matches: no index probe
      }
    }

    private List<String> candidates(SharedSessionContractImplementor session, Object searched) {
      String text = searched.toString();
      String wanted = lookup.wanted(text); // refuses a pattern that is no prefix, or too short
      List<String> hex =
          lookup.prefix() == 0
              ? BlindIndexSearch.candidates(
                  BlindIndexSearch.runtime(session.getFactory()),
                  BlindIndexSearch.tenant(session, lookup.owner(), lookup.name()),
                  lookup.owner(),
                  lookup.attribute(),
                  text)
              : BlindIndexSearch.prefixCandidates(
                  BlindIndexSearch.runtime(session.getFactory()),
                  BlindIndexSearch.tenant(session, lookup.owner(), lookup.name()),
                  lookup.owner(),
                  lookup.attribute(),
                  wanted);
      if (hex.size() > SLOTS) {
        throw new SuojaException(
            "SUOJA-5107",
            "the tenant has "
                + hex.size()
                + " key versions, more than the "
                + SLOTS
                + " a query comparing "
                + lookup.name()
                + " can try: finish the key rotation"
                + " (KeyRotation re-encrypts and re-indexes the rows) and retire old versions,"
                + " or use PrivacyQueries.findBy, which tries any number");
      }
      return hex;
    }

    private void verifyEveryExecution(
        ExecutionContext executionContext, List<String> candidates, String searched) {
      if (Boolean.TRUE.equals(executionContext.getQueryOptions().isResultCachingEnabled())) {
        throw new SuojaException(
            "SUOJA-5107",
            "a cacheable query compares "
                + lookup.name()
                + ": rows served from the query cache"
                + " could not be checked against blind-index collisions. Do not mark it"
                + " cacheable, or use PrivacyQueries.findBy");
      }
      Callback callback = executionContext.getCallback();
      if (callback == null) {
        throw new SuojaException(
            "SUOJA-5107",
            "this execution of a query comparing "
                + lookup.name()
                + " offers no after-load"
                + " hook, so blind-index collisions could not be checked; use"
                + " PrivacyQueries.findBy");
      }
      DropFalsePositives filter =
          DropFalsePositives.install(executionContext, lookup, shape, paging);
      if (filter == null) {
        // refused by its shape alone, before any row is read: failing only when a row the actor
        // may not see (or a collision) matched would tell whether the value exists
        throw new SuojaException(
            "SUOJA-5107",
            "a query comparing "
                + lookup.name()
                + " is streamed, scrolled, locked or"
                + " tuple-transformed"
                + (paging.inMemory()
                    ? ""
                    : ", or paged on a dialect" + " whose limit Suoja cannot apply in memory")
                + ": rows the actor may not see"
                + " and blind-index collisions could not be left out of such a result. Run it as a"
                + " list (getResultList, getSingleResult; Spring Data List, Page, Slice, Optional"
                + " or entity returns), or use PrivacyQueries.findBy");
      }
      QuietDenial.arm(executionContext.getSession(), lookup.owner());
      Verification v =
          new Verification(
              lookup, Set.copyOf(candidates), lookup.wanted(searched), filter, unindexed);
      callback.registerAfterLoadAction(
          (entity, type, session) -> v.check(entity, type.getEntityPersister(), session));
    }
  }

  /**
   * The post-filter of a list execution: Hibernate applies the query's result-list transformer
   * after the after-load actions ran, so the entities the verification rejected are removed there.
   * Installed on the query's own options when the statement is bound (only for a list of the
   * entities without paging or locks: then the execution reads those very options); when it runs it
   * puts back the host's transformer, and applies it to what is left.
   */
  static final class DropFalsePositives implements ResultListTransformer<Object> {
    private final MutableQueryOptions options;
    private final ResultListTransformer<?> host;
    private final SharedSessionContractImplementor session;
    private final ExecutionContext execution;

    /** The attribute compared ({@code Entity.attr}), for messages. */
    private final String compared;

    private final Shape shape;
    private final Paging paging;

    /** The page the host asked for; null when unpaged. */
    private final Integer firstRow;

    private final Integer maxRows;
    private final boolean paged;
    private final Set<Object> dropped = Collections.newSetFromMap(new IdentityHashMap<>());

    private DropFalsePositives(
        MutableQueryOptions options,
        ResultListTransformer<?> host,
        ExecutionContext execution,
        String compared,
        Shape shape,
        Paging paging) {
      this.compared = compared;
      this.options = options;
      this.host = host;
      this.session = execution.getSession();
      this.execution = execution;
      this.shape = shape;
      this.paging = paging;
      Limit limit = options.getLimit();
      this.paged = limit != null && !limit.isEmpty();
      this.firstRow = paged ? limit.getFirstRow() : null;
      this.maxRows = paged ? limit.getMaxRows() : null;
    }

    /**
     * Installs a post-filter for this execution (the one a second rewritten comparison of the same
     * execution finds), or returns null where none can run.
     */
    static DropFalsePositives install(
        ExecutionContext executionContext, Lookup lookup, Shape shape, Paging paging) {
      if (executionContext.isScrollResult()
          || !(executionContext.getQueryOptions() instanceof MutableQueryOptions options)
          || options.getTupleTransformer() != null) {
        // scrolled; locked (the options are then wrapped); or rows that are not the entities
        return null;
      }
      ResultListTransformer<?> current = options.getResultListTransformer();
      if (current instanceof DropFalsePositives same && same.execution == executionContext) {
        return same;
      }
      ResultListTransformer<?> host = current;
      if (current instanceof DropFalsePositives stale) {
        stale.restore(); // an execution that failed before its post-filter ran
        host = stale.host;
      }
      boolean paged = options.getLimit() != null && !options.getLimit().isEmpty();
      if (paged && !paging.inMemory()) {
        return null; // a dropped row would leave the page short
      }
      DropFalsePositives filter =
          new DropFalsePositives(options, host, executionContext, lookup.name(), shape, paging);
      if (paged) {
        // every candidate is read and the page cut in memory from the exact ones: the offset
        // and fetch parameters, rendered after the where clause, read these values when they
        // are bound, after this parameter; restore() puts the host's page back
        Limit limit = options.getLimit();
        if (limit.getFirstRow() != null) {
          limit.setFirstRow(0);
        }
        if (limit.getMaxRows() != null) {
          limit.setMaxRows((int) Math.min(paging.candidates() + 1L, Integer.MAX_VALUE));
        }
      }
      options.setResultListTransformer(filter);
      return filter;
    }

    /** Puts back the host's transformer and page on the query's options. */
    private void restore() {
      options.setResultListTransformer(host);
      if (paged) {
        options.getLimit().setFirstRow(firstRow);
        options.getLimit().setMaxRows(maxRows);
      }
    }

    /**
     * Whether {@code entity} can still be removed from the result: the after-load action runs
     * inside the list consumer that applies this filter next (not inside another consumer).
     */
    boolean drop(Object entity) {
      boolean inList =
          StackWalker.getInstance()
              .walk(
                  frames ->
                      frames
                          .map(StackWalker.StackFrame::getClassName)
                          .filter(
                              c -> c.endsWith("ResultsConsumer") || c.endsWith("ResultConsumer"))
                          .findFirst()
                          .map(LIST_CONSUMER::equals)
                          .orElse(false));
      if (inList) {
        dropped.add(entity);
      }
      return inList;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<Object> transformList(List<Object> resultList) {
      restore();
      QuietDenial.disarm();
      for (Object entity : dropped) {
        QuietDenial.evictIfMasked(session, entity);
      }
      if ((paged || shape != Shape.ENTITY) && resultList.size() > paging.candidates()) {
        throw new SuojaException(
            "SUOJA-5130",
            "a paged, counting or exists query compares "
                + compared
                + " and its blind index"
                + " matched more than "
                + paging.candidates()
                + " records: such a query is"
                + " answered in memory over every candidate, at most '"
                + SuojaJpaSettings.LOOKUP_CANDIDATE_LIMIT
                + "' of them. Narrow the query with"
                + " another condition, raise the limit, or use a plain list");
      }
      List<Object> kept = new ArrayList<>(resultList.size());
      for (Object row : resultList) {
        Object entity = entityOf(row);
        if (!dropped.contains(entity)) {
          kept.add(shape == Shape.ID ? idOf(row, entity) : row);
        }
      }
      List<Object> out = shape == Shape.COUNT ? new ArrayList<>(List.of((long) kept.size())) : kept;
      if (paged) {
        int from = Math.min(firstRow == null ? 0 : firstRow, out.size());
        int to = maxRows == null ? out.size() : (int) Math.min((long) from + maxRows, out.size());
        out = new ArrayList<>(out.subList(from, to));
      }
      return host == null ? out : ((ResultListTransformer) host).transformList(out);
    }

    /** The entity a row holds: the row, a proxy's target, or the one item of a tuple. */
    private static Object entityOf(Object row) {
      Object item = row;
      if (row instanceof Tuple tuple && tuple.getElements().size() == 1) {
        item = tuple.get(0);
      } else if (row instanceof Object[] array && array.length == 1) {
        item = array[0];
      }
      return item instanceof HibernateProxy proxy
          ? proxy.getHibernateLazyInitializer().getImplementation()
          : item;
    }

    /** {@code row} with the entity's id in place of the entity, in the row's own form. */
    private Object idOf(Object row, Object entity) {
      Object id = session.getEntityPersister(null, entity).getIdentifier(entity, session);
      if (row instanceof Tuple tuple) {
        return new IdTuple(tuple.getElements().get(0), id);
      }
      return row instanceof Object[] ? new Object[] {id} : id;
    }
  }

  /** A one-item tuple holding an id: the row of an id query answered by loading the entity. */
  private record IdTuple(TupleElement<?> element, Object id) implements Tuple {
    @Override
    public <X> X get(TupleElement<X> tupleElement) {
      if (!tupleElement.equals(element)) {
        throw new IllegalArgumentException("not an element of this tuple");
      }
      return tupleElement.getJavaType().cast(id);
    }

    @Override
    public <X> X get(String alias, Class<X> type) {
      return type.cast(get(alias));
    }

    @Override
    public Object get(String alias) {
      if (alias == null || !alias.equals(element.getAlias())) {
        throw new IllegalArgumentException("no element '" + alias + "' in this tuple");
      }
      return id;
    }

    @Override
    public <X> X get(int i, Class<X> type) {
      return type.cast(get(i));
    }

    @Override
    public Object get(int i) {
      if (i != 0) {
        throw new IllegalArgumentException("no element " + i + " in this one-item tuple");
      }
      return id;
    }

    @Override
    public Object[] toArray() {
      return new Object[] {id};
    }

    @Override
    public List<TupleElement<?>> getElements() {
      return List.of(element);
    }
  }

  private static final String LIST_CONSUMER = "org.hibernate.sql.results.spi.ListResultsConsumer";

  /** The candidates computed for one value of one statement, shared by its slots. */
  private record Bound(JdbcParameterBindings bindings, Object value, List<String> candidates) {
    @Override
    public String toString() {
      return "Bound[" + candidates.size() + " candidates]"; // the bindings hold the value
    }
  }

  /**
   * Checks the entities an execution returns: one of the type whose index is a candidate must hold
   * the searched value. Hibernate runs the execution's after-load actions for every entity of its
   * result once the listeners opened it - those it loaded and, because an action is registered,
   * those already managed in the session (registered as "reloaded" for follow-on locking). A
   * mismatch goes to the post-filter when there is one, else it fails the query.
   */
  private record Verification(
      Lookup lookup,
      Set<String> candidates,
      String wanted,
      DropFalsePositives filter,
      boolean unindexed) {

    @Override
    public String toString() {
      return "Verification[" + lookup.name() + "]"; // never the searched value
    }

    void check(Object entity, EntityPersister persister, SharedSessionContractImplementor session) {
      if (!lookup.owner().isInstance(entity)) {
        return;
      }
      Object index = persister.getPropertyValue(entity, lookup.indexAttribute());
      if (index == null ? !unindexed : !candidates.contains(index.toString())) {
        return; // not matched through this index: loaded for another reason
      }
      Object opened = persister.getPropertyValue(entity, lookup.attribute());
      PersistenceContext context = session.getPersistenceContextInternal();
      boolean masked = SuojaJpaSettings.MASK.equals(opened) && context.isReadOnly(entity);
      boolean matches =
          !masked
              && opened != null
              && lookup.matches(wanted, lookup.normalization().normalise(opened.toString()));
      if (matches || (filter != null && filter.drop(entity))) {
        return; // a match, or a false positive (or unverifiable) the post-filter removes
      }
      if (masked) {
        throw new SuojaException(
            "SUOJA-5107",
            "a query comparing "
                + lookup.name()
                + " matched a record the policy did not open"
                + " (masked): it cannot be checked against blind-index collisions, and a streamed,"
                + " paged, locked or tuple-transformed query cannot leave it out. Use"
                + " getResultList without paging, or PrivacyQueries.findBy");
      }
      throw new SuojaException(
          "SUOJA-5106",
          "a query comparing "
              + lookup.name()
              + " matched a record whose value differs from the"
              + " one searched: its blind index "
              + lookup.entityName()
              + "."
              + lookup.indexAttribute()
              + " collides (the index is truncated), and a streamed,"
              + " paged, locked or tuple-transformed query cannot drop that record from its"
              + " result. Use getResultList without paging, or PrivacyQueries.findBy, which drops"
              + " such false positives");
    }
  }
}
