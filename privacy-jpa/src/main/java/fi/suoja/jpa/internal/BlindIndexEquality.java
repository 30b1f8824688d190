package fi.suoja.jpa.internal;

import fi.suoja.SuojaException;
import fi.suoja.crypto.Normalization;
import fi.suoja.jpa.SuojaJpaSettings;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.proxy.HibernateProxy;
import org.hibernate.query.ResultListTransformer;
import org.hibernate.query.spi.MutableQueryOptions;
import org.hibernate.sql.ast.tree.expression.Expression;
import org.hibernate.sql.ast.tree.expression.JdbcParameter;
import org.hibernate.sql.exec.internal.AbstractJdbcParameter;
import org.hibernate.sql.exec.spi.Callback;
import org.hibernate.sql.exec.spi.ExecutionContext;
import org.hibernate.sql.exec.spi.JdbcParameterBinding;
import org.hibernate.sql.exec.spi.JdbcParameterBindings;

/**
 * The transparent form of a blind-index lookup: {@code where c.hetu = :h} on a {@code @BlindIndex}ed
 * attribute, rewritten by the query translator to {@code where c.hetuIndex in (?, ..., ?)} with
 * {@value #SLOTS} parameters of this class. Each one reads the value bound to the original {@code
 * :h} and binds one of its candidate indexes (one per live key version of the session's tenant;
 * SQL NULL, which matches nothing, in the slots left over), so the query's SQL does not depend on
 * the number of key versions and stays cacheable.
 *
 * <p>The index is truncated, so the database may return rows whose index merely collides. An
 * entity of the type whose index is one of the candidates must hold the searched value,
 * normalised as the index declares: checked for every entity of the execution's result once the
 * listener opened it, by an after-load action on the execution's own callback (entities the
 * session already held included). One that differs (or that the policy denied in mask mode, so
 * it cannot be verified) is removed by {@link DropFalsePositives} when the execution is a plain
 * list; where no such post-filter can run (streamed, paged, locked, tuple-transformed) the query
 * fails instead ({@code SUOJA-5106}, masked: {@code SUOJA-5107}). A returned entity was
 * therefore verified: the query never silently returns another person's record.
 */
final class BlindIndexEquality {
  /** Parameters rendered per rewritten comparison: the most key versions a lookup can try. */
  static final int SLOTS = 8;

  private BlindIndexEquality() {}

  /** An encrypted attribute searched through its blind index. */
  record Lookup(
      Class<?> owner,
      String entityName,
      String attribute,
      String indexAttribute,
      Normalization normalization) {

    static Lookup of(Class<?> owner, String entityName, String attribute) {
      return new Lookup(
          owner,
          entityName,
          attribute,
          BlindIndexSearch.indexAttribute(owner, attribute),
          BlindIndexSearch.normalization(owner, attribute));
    }

    String name() {
      return entityName + "." + attribute;
    }
  }

  /** The {@value #SLOTS} parameters standing for {@code value} in {@code index in (...)}. */
  static List<Expression> parameters(JdbcMapping indexType, Lookup lookup, JdbcParameter value) {
    List<Expression> out = new ArrayList<>(SLOTS);
    for (int slot = 0; slot < SLOTS; slot++) {
      out.add(new IndexParameter(indexType, lookup, value, slot));
    }
    return out;
  }

  /**
   * One slot of the rewritten comparison. Immutable: a translation is cached and shared by every
   * session and thread that runs the same query.
   */
  static final class IndexParameter extends AbstractJdbcParameter {
    /** The candidates of the statement being bound on this thread, computed once per value. */
    private static final ThreadLocal<Bound> LAST = new ThreadLocal<>();

    private final Lookup lookup;
    private final JdbcParameter value;
    private final int slot;

    IndexParameter(JdbcMapping indexType, Lookup lookup, JdbcParameter value, int slot) {
      super(indexType);
      this.lookup = lookup;
      this.value = value;
      this.slot = slot;
    }

    @Override
    public void bindParameterValue(
        PreparedStatement statement,
        int startPosition,
        JdbcParameterBindings bindings,
        ExecutionContext executionContext)
        throws SQLException {
      JdbcParameterBinding binding = bindings.getBinding(value);
      if (binding == null) {
        throw new SuojaException(
            "SUOJA-5107", "the value compared with " + lookup.name() + " is not bound");
      }
      Object searched = binding.getBindValue();
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
      List<String> hex =
          BlindIndexSearch.candidates(
              BlindIndexSearch.runtime(session.getFactory()),
              BlindIndexSearch.tenant(session, lookup.name()),
              lookup.owner(),
              lookup.attribute(),
              searched.toString());
      if (hex.size() > SLOTS) {
        throw new SuojaException(
            "SUOJA-5107",
            "the tenant has " + hex.size() + " key versions, more than the " + SLOTS
                + " a query comparing " + lookup.name() + " can try: finish the key rotation"
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
            "a cacheable query compares " + lookup.name() + ": rows served from the query cache"
                + " could not be checked against blind-index collisions. Do not mark it"
                + " cacheable, or use PrivacyQueries.findBy");
      }
      Callback callback = executionContext.getCallback();
      if (callback == null) {
        throw new SuojaException(
            "SUOJA-5107",
            "this execution of a query comparing " + lookup.name() + " offers no after-load"
                + " hook, so blind-index collisions could not be checked; use"
                + " PrivacyQueries.findBy");
      }
      DropFalsePositives filter = DropFalsePositives.install(executionContext);
      if (filter == null) {
        // refused by its shape alone, before any row is read: failing only when a row the actor
        // may not see (or a collision) matched would tell whether the value exists
        throw new SuojaException(
            "SUOJA-5107",
            "a query comparing " + lookup.name() + " is streamed, scrolled, paged, locked or"
                + " tuple-transformed: rows the actor may not see and blind-index collisions could"
                + " not be left out of such a result. Run it as a plain list (getResultList,"
                + " getSingleResult; Spring Data List, Optional or entity returns), or use"
                + " PrivacyQueries.findBy");
      }
      QuietDenial.arm(executionContext.getSession(), lookup.owner());
      Verification v =
          new Verification(
              lookup,
              Set.copyOf(candidates),
              lookup.normalization().normalise(searched),
              filter);
      callback.registerAfterLoadAction(
          (entity, type, session) -> v.check(entity, type.getEntityPersister(), session));
    }
  }

  /**
   * The post-filter of a list execution: Hibernate applies the query's result-list transformer
   * after the after-load actions ran, so the entities the verification rejected are removed
   * there. Installed on the query's own options when the statement is bound (only for a list of
   * the entities without paging or locks: then the execution reads those very options); when it
   * runs it puts back the host's transformer, and applies it to what is left.
   */
  static final class DropFalsePositives implements ResultListTransformer<Object> {
    private final MutableQueryOptions options;
    private final ResultListTransformer<?> host;
    private final SharedSessionContractImplementor session;
    private final Set<Object> dropped = Collections.newSetFromMap(new IdentityHashMap<>());

    private DropFalsePositives(
        MutableQueryOptions options,
        ResultListTransformer<?> host,
        SharedSessionContractImplementor session) {
      this.options = options;
      this.host = host;
      this.session = session;
    }

    /** Installs a post-filter for this execution, or returns null where none can run. */
    static DropFalsePositives install(ExecutionContext executionContext) {
      if (executionContext.isScrollResult()
          || !(executionContext.getQueryOptions() instanceof MutableQueryOptions options)
          || (options.getLimit() != null && !options.getLimit().isEmpty())
          || options.getTupleTransformer() != null) {
        // scrolled; paged (a dropped row would leave the page short) or locked (the options are
        // then wrapped); or rows that are not the entities themselves
        return null;
      }
      ResultListTransformer<?> current = options.getResultListTransformer();
      DropFalsePositives filter =
          new DropFalsePositives(
              options,
              current instanceof DropFalsePositives stale ? stale.host : current,
              executionContext.getSession());
      options.setResultListTransformer(filter);
      return filter;
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
                          .filter(c -> c.endsWith("ResultsConsumer") || c.endsWith("ResultConsumer"))
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
      options.setResultListTransformer(host);
      QuietDenial.disarm();
      List<Object> kept = resultList;
      if (!dropped.isEmpty()) {
        for (Object entity : dropped) {
          QuietDenial.evictIfMasked(session, entity);
        }
        kept = new ArrayList<>(resultList.size());
        for (Object row : resultList) {
          Object entity =
              row instanceof HibernateProxy proxy
                  ? proxy.getHibernateLazyInitializer().getImplementation()
                  : row;
          if (!dropped.contains(entity)) {
            kept.add(row);
          }
        }
      }
      return host == null ? kept : ((ResultListTransformer) host).transformList(kept);
    }
  }

  private static final String LIST_CONSUMER = "org.hibernate.sql.results.spi.ListResultsConsumer";

  /** The candidates computed for one value of one statement, shared by its slots. */
  private record Bound(
      JdbcParameterBindings bindings, JdbcParameter value, List<String> candidates) {
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
      Lookup lookup, Set<String> candidates, String wanted, DropFalsePositives filter) {

    @Override
    public String toString() {
      return "Verification[" + lookup.name() + "]"; // never the searched value
    }

    void check(Object entity, EntityPersister persister, SharedSessionContractImplementor session) {
      if (!lookup.owner().isInstance(entity)) {
        return;
      }
      Object index = persister.getPropertyValue(entity, lookup.indexAttribute());
      if (index == null || !candidates.contains(index.toString())) {
        return;
      }
      Object opened = persister.getPropertyValue(entity, lookup.attribute());
      PersistenceContext context = session.getPersistenceContextInternal();
      boolean masked = SuojaJpaSettings.MASK.equals(opened) && context.isReadOnly(entity);
      boolean matches =
          !masked
              && opened != null
              && wanted.equals(lookup.normalization().normalise(opened.toString()));
      if (matches || (filter != null && filter.drop(entity))) {
        return; // a match, or a false positive (or unverifiable) the post-filter removes
      }
      if (masked) {
        throw new SuojaException(
            "SUOJA-5107",
            "a query comparing " + lookup.name() + " matched a record the policy did not open"
                + " (masked): it cannot be checked against blind-index collisions, and a streamed,"
                + " paged, locked or tuple-transformed query cannot leave it out. Use"
                + " getResultList without paging, or PrivacyQueries.findBy");
      }
      throw new SuojaException(
          "SUOJA-5106",
          "a query comparing " + lookup.name() + " matched a record whose value differs from the"
              + " one searched: its blind index " + lookup.entityName() + "."
              + lookup.indexAttribute() + " collides (the index is truncated), and a streamed,"
              + " paged, locked or tuple-transformed query cannot drop that record from its"
              + " result. Use getResultList without paging, or PrivacyQueries.findBy, which drops"
              + " such false positives");
    }
  }
}
