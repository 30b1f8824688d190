package fi.suoja.jpa.internal;

import fi.suoja.SuojaException;
import fi.suoja.masking.SensitiveValues;
import fi.suoja.policy.AccessGuard;
import fi.suoja.policy.Actor;
import fi.suoja.policy.NoActorException;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.SessionEventListener;
import org.hibernate.SharedSessionContract;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Which actor each session holds personal data for (docs/JPA.md, "One session, one actor").
 *
 * <p>A session is bound to the actor, tenant and purpose of the unit of work that first opened,
 * masked or wrote a protected entity in it. From then on every operation Suoja can see in that
 * session - a load event (find, getReference, proxy and lazy-to-one initialisation), a lazy
 * collection, an auto-flush, a write, every JDBC statement (queries in and outside transactions,
 * refresh) and every cache read - fails with {@code SUOJA-5020} when another actor, tenant or
 * purpose, or no actor at all, is current: the managed entities hold plaintext opened for the first
 * actor and would be returned without a decision. {@code clear()} releases the binding.
 *
 * <p>A Suoja failure inside a transaction (a denied or failed load, a refused write) makes
 * Hibernate mark the transaction for rollback. Suoja then refuses further work in that transaction
 * ({@code SUOJA-5022}) instead of letting a retried edit be rolled back silently at commit
 * (Hibernate's native {@code Transaction} does not throw on commit then).
 */
final class SessionBindings {
  private final AccessGuard guard;

  /** Whether any protected entity has a tenant attribute (is filtered by the session's tenant). */
  private final boolean tenantFiltered;

  private final Map<SharedSessionContractImplementor, State> states = new ConcurrentHashMap<>();

  SessionBindings(AccessGuard guard, boolean tenantFiltered) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.tenantFiltered = tenantFiltered;
  }

  /** The actor a session serves, as far as the policy can tell them apart. */
  private record Opener(Actor actor, String tenant, Purpose purpose) {}

  /**
   * Fails when {@code session} is bound to another actor than the current one, or its transaction
   * was doomed by a Suoja failure.
   */
  void check(SharedSessionContractImplementor session) {
    if (tenantFiltered) {
      requireOpenedWithTenant(session);
    }
    if (states.isEmpty()) {
      return;
    }
    State s = states.get(session);
    if (s != null) {
      s.check();
    }
  }

  /** Binds {@code session} to the current actor, or checks it when it is bound already. */
  void bind(SharedSessionContractImplementor session) {
    if (tenantFiltered) {
      requireOpenedWithTenant(session);
    }
    State s = state(session);
    s.check();
    if (s.opener == null) {
      s.opener = current();
    }
  }

  /**
   * Makes sure a {@link SensitiveValues} scope is open on this thread before the session opens or
   * writes a value: with no {@code PrivacyContext} open (an actor from the {@code ActorResolver})
   * it opens one for the session, which {@code Suoja.remember} gives the tenant's masker and the
   * session's end releases. Inside a context, the context's scope serves.
   */
  void openValues(SharedSessionContractImplementor session) {
    if (SensitiveValues.current().isPresent()) {
      return;
    }
    State s = state(session);
    if (s.values != null) {
      s.values.release(); // opened on another thread that used this session before
    }
    s.values = SensitiveValues.openWithoutMasker();
  }

  /**
   * Fails when {@code session} was opened outside any {@link PrivacyContext} and is used under an
   * actor with a tenant. Hibernate fixes a session's tenant identifier when it opens ({@code
   * SharedSessionContract.getTenantIdentifier}); Suoja's resolver answered "no tenant" then, so the
   * tenant filter would make every query and find of this session return nothing, silently. Picking
   * up the actor's tenant later is impossible: the identifier also goes into every row the session
   * inserts.
   *
   * @throws SuojaException {@code SUOJA-5030}
   */
  static void requireOpenedWithTenant(SharedSessionContract session) {
    if (!PrivacyContextTenantResolver.NO_TENANT.equals(session.getTenantIdentifierValue())) {
      return;
    }
    PrivacyContext now = PrivacyContext.current().orElse(null);
    if (now != null && now.tenant().isPresent()) {
      throw new SuojaException(
          "SUOJA-5030",
          "this session was opened before any PrivacyContext: Hibernate fixed its tenant to none"
              + " when it opened, so it would find nothing for the current actor. Open the"
              + " session inside runAs / after the actor is set (Spring: let the request's or"
              + " test's PrivacyContext be set before the EntityManager is first used, e.g. a"
              + " filter ahead of open-in-view, or runAs around the @Transactional call)");
    }
  }

  /** The session was cleared: it holds nothing any more, so it serves whoever comes next. */
  void release(SharedSessionContractImplementor session) {
    State s = states.get(session);
    if (s != null) {
      s.opener = null;
      s.verified = null;
    }
  }

  /**
   * A Suoja failure is about to leave {@code session}; inside a transaction Hibernate marks that
   * transaction for rollback.
   */
  void failed(SharedSessionContractImplementor session) {
    if (session.isTransactionInProgress()) {
      state(session).doomed = true;
    }
  }

  private State state(SharedSessionContractImplementor session) {
    State s = states.get(session);
    if (s == null) {
      s = new State(session);
      states.put(session, s);
      session.getEventListenerManager().addListener(s);
    }
    return s;
  }

  private Opener current() {
    PrivacyContext c = guard.currentContext(); // NoActorException without one
    return new Opener(c.actor(), c.tenant().orElse(null), c.purpose().orElse(null));
  }

  /** One session's binding; also told of its JDBC statements, cache reads and its end. */
  private final class State implements SessionEventListener {
    private static final long serialVersionUID = 1L;
    private final transient SharedSessionContractImplementor session;
    private transient volatile Opener opener;
    private transient volatile boolean doomed;
    // the log masking scope openValues opened for this session, released when it ends
    private transient volatile SensitiveValues.Scope values;
    // the scope last found equal to the opener: the same scope object is the same actor, so a
    // load in it skips the comparison (one per row otherwise)
    private transient volatile PrivacyContext verified;

    State(SharedSessionContractImplementor session) {
      this.session = session;
    }

    void check() {
      if (doomed) {
        throw new SuojaException(
            "SUOJA-5022",
            "this transaction was marked for rollback when Suoja refused an access in it;"
                + " nothing done in it can be committed: roll it back and retry in a new"
                + " transaction");
      }
      Opener bound = opener;
      if (bound == null) {
        return;
      }
      PrivacyContext scope = PrivacyContext.current().orElse(null);
      if (scope != null && scope == verified) {
        return;
      }
      Opener now;
      try {
        now = current();
      } catch (NoActorException none) {
        throw new SuojaException(
            "SUOJA-5020",
            "this session holds personal data opened for an actor, and is used outside any"
                + " PrivacyContext: run the work as that actor, or clear() the session first");
      }
      if (!bound.equals(now)) {
        throw new SuojaException(
            "SUOJA-5020",
            "this session holds personal data opened for another actor, tenant or purpose: a"
                + " persistence context serves one actor. Open a session per actor, or clear()"
                + " it before another actor uses it");
      }
      verified = scope;
    }

    @Override
    public void jdbcExecuteStatementStart() {
      check();
    }

    @Override
    public void jdbcExecuteBatchStart() {
      check();
    }

    @Override
    public void cacheGetStart() {
      check();
    }

    @Override
    public void transactionCompletion(boolean successful) {
      doomed = false;
    }

    @Override
    public void end() {
      states.remove(session);
      SensitiveValues.Scope opened = values;
      if (opened != null) {
        opened.release();
      }
    }
  }
}
