package fi.suoja.jpa.internal;

import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.AccessGuard;
import fi.suoja.policy.Action;
import fi.suoja.policy.Decision;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.RecordRef;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hibernate.action.spi.AfterTransactionCompletionProcess;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a write (CREATE, UPDATE, DELETE) at flush time and makes its audit trail tell the truth
 * about the transaction: the decision is recorded when the statement is about to run (outcome
 * SUCCESS, or DENIED and the flush fails); if the transaction then rolls back, a follow-up event
 * with outcome {@code FAILURE(ROLLED_BACK)} is recorded for the same actor, record and fields. The
 * CREATE of a row whose id the database assigns is recorded once the insert returned the id (see
 * {@link #requireBeforeId}), so its event names the row. The allowed writes a thread makes in one
 * session until the transaction completes are kept in one {@link Batch}, registered once with the
 * transaction: a callback that failed stopped Hibernate from running the ones after it, and one
 * callback per write was timed per row of a bulk insert (benchmarks/README.md, "JPA"). Holds the
 * one version-specific call (Hibernate 7's transaction completion callbacks).
 */
final class WriteOutcomes {
  private static final Logger LOG = LoggerFactory.getLogger(WriteOutcomes.class);

  /** The reason code of the follow-up event for a write whose transaction rolled back. */
  static final String ROLLED_BACK = "ROLLED_BACK";

  /** This thread's batch for the session it last wrote in, until that transaction completes. */
  private static final ThreadLocal<Batch> CURRENT = new ThreadLocal<>();

  private WriteOutcomes() {}

  /**
   * Decides {@code action} for the current actor; when allowed, adds the write to the batch whose
   * rollback follow-ups the session's transaction will record.
   *
   * @throws AccessDeniedException when denied (the denial is recorded)
   */
  static Decision require(
      AccessGuard guard,
      SharedSessionContractImplementor session,
      Action action,
      RecordRef record,
      Collection<String> fields) {
    PrivacyContext context = guard.currentContext();
    List<String> names = List.copyOf(fields);
    Decision decision =
        guard.decide(context.actor(), context.purpose().orElse(null), action, record, names);
    if (decision instanceof Decision.Deny deny) {
      throw new AccessDeniedException(deny, action, record);
    }
    batch(guard, session).writes.add(new Write(context, action, record, names, decision));
    return decision;
  }

  /**
   * Decides the CREATE of a row whose id the database assigns during the insert ({@code IDENTITY}):
   * a denial is recorded (with no record id: no row was created) and thrown; an allowance is
   * recorded by {@link #created} once the insert returned the id, so the event names the row.
   *
   * @throws AccessDeniedException when denied (the denial is recorded)
   */
  static Deferred requireBeforeId(AccessGuard guard, RecordRef record, Collection<String> fields) {
    PrivacyContext context = guard.currentContext();
    List<String> names = List.copyOf(fields);
    Decision decision =
        guard.decideBeforeId(
            context.actor(), context.purpose().orElse(null), Action.CREATE, record, names);
    if (decision instanceof Decision.Deny deny) {
      throw new AccessDeniedException(deny, Action.CREATE, record);
    }
    return new Deferred(context, names, decision);
  }

  /**
   * Records the CREATE {@code deferred} allowed, for the row as inserted ({@code record} names its
   * id), and adds it to the batch whose rollback follow-ups the transaction records. Runs before
   * anything else in the transaction; a failure dooms it.
   *
   * @throws AccessDeniedException ({@code AUDIT_UNAVAILABLE}) when the event cannot be recorded
   */
  static void created(
      AccessGuard guard,
      SharedSessionContractImplementor session,
      Deferred deferred,
      RecordRef record) {
    PrivacyContext context = deferred.context();
    guard.recordAllowed(
        context.actor(),
        context.purpose().orElse(null),
        Action.CREATE,
        record,
        deferred.names(),
        deferred.decision());
    batch(guard, session)
        .writes
        .add(new Write(context, Action.CREATE, record, deferred.names(), deferred.decision()));
  }

  /** A CREATE allowed before its row had an id, not yet recorded. */
  record Deferred(PrivacyContext context, List<String> names, Decision decision) {}

  /** This thread's open batch for {@code session}; a new one is registered with the session. */
  private static Batch batch(AccessGuard guard, SharedSessionContractImplementor session) {
    Batch b = CURRENT.get();
    if (b == null || !b.openFor(session, guard)) {
      b = new Batch(guard, session);
      registerAfterCompletion(session, b);
      CURRENT.set(b);
    }
    return b;
  }

  /** An allowed write, as its follow-up event needs it. */
  private record Write(
      PrivacyContext context,
      Action action,
      RecordRef record,
      List<String> names,
      Decision decision) {}

  /**
   * The writes one thread made in one session before its transaction completes. The session is held
   * weakly and let go at completion, so a pooled thread does not keep a closed session (and its
   * persistence context) reachable. A session used by several threads in turn (never at once, as
   * Hibernate requires) gets one batch per thread, each registered and reported on its own.
   */
  private static final class Batch implements AfterTransactionCompletionProcess {
    private final AccessGuard guard;
    private final WeakReference<SharedSessionContractImplementor> session;
    private final List<Write> writes = new ArrayList<>();
    private volatile boolean completed;

    Batch(AccessGuard guard, SharedSessionContractImplementor session) {
      this.guard = guard;
      this.session = new WeakReference<>(session);
    }

    boolean openFor(SharedSessionContractImplementor s, AccessGuard g) {
      return !completed && session.get() == s && guard == g;
    }

    /**
     * On rollback, records the follow-up of every write; a follow-up that cannot be recorded is
     * logged ({@code SUOJA-5120}) and the others are still attempted, then the first failure goes
     * to Hibernate.
     */
    @Override
    public void doAfterTransactionCompletion(boolean success, SharedSessionContractImplementor s) {
      completed = true;
      session.clear();
      if (CURRENT.get() == this) {
        CURRENT.remove();
      }
      RuntimeException first = null;
      if (!success) {
        for (Write w : writes) {
          try {
            guard.recordFailure(
                w.context().actor(),
                w.context().purpose().orElse(null),
                w.action(),
                w.record(),
                w.names(),
                w.decision(),
                ROLLED_BACK);
          } catch (RuntimeException e) {
            LOG.error(
                "SUOJA-5120: could not record that {} {}#{} was rolled back",
                w.action(),
                w.record().type(),
                w.record().id(),
                e);
            if (first == null) {
              first = e;
            }
          }
        }
      }
      writes.clear();
      if (first != null) {
        throw first;
      }
    }
  }

  /**
   * The one call that differs between the Hibernate lines this jar runs on: 7.x registers
   * completion callbacks with {@code session.getTransactionCompletionCallbacks()
   * .registerCallback(AfterCompletionCallback)} (which {@code AfterTransactionCompletionProcess}
   * extends there; {@code getActionQueue()} is deprecated for removal), 6.6 with {@code
   * session.getActionQueue().registerProcess(AfterTransactionCompletionProcess)}. Resolved
   * reflectively so one jar serves both (the methods are looked up once per class: a lookup per
   * write cost more than sealing the row's values); a Hibernate offering neither fails the write
   * (fail closed).
   */
  private static void registerAfterCompletion(
      SharedSessionContractImplementor session, AfterTransactionCompletionProcess process) {
    try {
      Route route = ROUTES.get(session.getClass());
      Object registry = route.registry().invoke(session);
      Method register =
          (route.callbacks() ? REGISTER_CALLBACK : REGISTER_PROCESS).get(registry.getClass());
      register.invoke(registry, process);
    } catch (IllegalAccessException | NullPointerException e) {
      throw new IllegalStateException("cannot register a transaction completion callback", e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("cannot register a transaction completion callback", cause);
    }
  }

  /** How a session class hands out its completion registry. */
  private record Route(Method registry, boolean callbacks) {}

  private static final ClassValue<Route> ROUTES =
      new ClassValue<>() {
        @Override
        protected Route computeValue(Class<?> type) {
          Method callbacks = method(type, "getTransactionCompletionCallbacks");
          return callbacks != null
              ? new Route(callbacks, true)
              : new Route(method(type, "getActionQueue"), false);
        }
      };

  private static final ClassValue<Method> REGISTER_CALLBACK = registerMethods("registerCallback");

  private static final ClassValue<Method> REGISTER_PROCESS = registerMethods("registerProcess");

  /** The registry's method {@code name}, looked up once per registry class. */
  private static ClassValue<Method> registerMethods(String name) {
    return new ClassValue<>() {
      @Override
      protected Method computeValue(Class<?> type) {
        return registerMethod(type, name);
      }
    };
  }

  private static Method method(Class<?> type, String name) {
    try {
      return type.getMethod(name);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Method registerMethod(Class<?> type, String name) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name)
          && m.getParameterCount() == 1
          && m.getParameterTypes()[0].isAssignableFrom(AfterTransactionCompletionProcess.class)
          && !m.getParameterTypes()[0].getSimpleName().startsWith("Before")) {
        return m;
      }
    }
    throw new IllegalStateException(
        "this Hibernate version offers no way to register an after-completion callback");
  }
}
