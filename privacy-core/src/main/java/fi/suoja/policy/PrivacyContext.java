package fi.suoja.policy;

import fi.suoja.SuojaException;
import fi.suoja.masking.SensitiveValues;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The actor and purpose of the current unit of work. Immutable; the current one is bound to the
 * thread for the duration of {@link #runAs} / {@link #callAs}, or from {@link #open} until the
 * returned {@link Scope} is closed; nested scopes restore the outer one when they end (even on
 * exceptions), and {@link #wrap} carries it into other threads.
 *
 * <pre>{@code
 * PrivacyContext.runAs(Actor.tenantUser("e-1042", "tenant-a", Role.EMPLOYEE), Purpose.CARE, () -> {
 *   Client c = clients.find(id);   // opened only if the policy allows e-1042
 * });
 *
 * // a servlet filter: no lambda, so checked exceptions pass as they are
 * try (PrivacyContext.Scope scope = PrivacyContext.open(actorOf(request), Purpose.CARE)) {
 *   chain.doFilter(request, response);
 * }
 * }</pre>
 *
 * <p>Each scope also opens a {@link SensitiveValues} scope (sharing the values of an outer one):
 * every value Suoja decrypts inside it is registered there, so the log maskers mask it in this unit
 * of work's log lines. The integration that opens the first value gives that scope the log masker
 * of the context's tenant ({@link SensitiveValues.Scope#maskWith}); until then, and for a
 * provider-side actor working on no tenant, log lines are anonymised.
 *
 * <p>Outside any scope there is no actor, and every access to personal data is denied (or the
 * host's {@link ActorResolver} supplies one, see {@link #resolve}).
 */
public final class PrivacyContext {
  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

  private final Actor actor;
  private final Purpose purpose;
  private final String tenant;

  private PrivacyContext(Actor actor, Purpose purpose, String tenant) {
    this.actor = Objects.requireNonNull(actor, "actor");
    this.purpose = purpose;
    if (actor.side() == Side.TENANT) {
      String home = actor.tenant().orElseThrow();
      if (tenant != null && !tenant.equals(home)) {
        throw new InvalidActorException(
            "SUOJA-3011", "a tenant-side actor works only in its own tenant");
      }
      this.tenant = home;
    } else {
      this.tenant = tenant;
    }
  }

  /**
   * Makes {@code actor}, acting for {@code purpose} (null: the actor's own purpose, if any), the
   * current context of this thread until the returned scope is closed; for code that cannot put the
   * unit of work in a lambda (a servlet filter, an interceptor). Use try-with-resources.
   */
  public static Scope open(Actor actor, Purpose purpose) {
    return open(actor, null, purpose);
  }

  /**
   * As {@link #open}, for a provider-side {@code actor} working on one tenant's data (see {@link
   * #runOn}).
   *
   * @throws InvalidActorException if a tenant-side actor names another tenant than its own
   */
  public static Scope openOn(String tenant, Actor actor, Purpose purpose) {
    return open(actor, Objects.requireNonNull(tenant, "tenant"), purpose);
  }

  private static Scope open(Actor actor, String tenant, Purpose purpose) {
    Objects.requireNonNull(actor, "actor");
    PrivacyContext context =
        new PrivacyContext(actor, purpose != null ? purpose : actor.purpose().orElse(null), tenant);
    return new Scope(context, SensitiveValues.openWithoutMasker());
  }

  /** Runs {@code work} with {@code actor} acting for {@code purpose}. */
  @SuppressWarnings("try") // the scope is the point, the body need not name it
  public static void runAs(Actor actor, Purpose purpose, Runnable work) {
    Objects.requireNonNull(work, "work");
    try (Scope scope = open(actor, purpose)) {
      work.run();
    }
  }

  /** Runs {@code work} with {@code actor} acting for {@code purpose} and returns its result. */
  @SuppressWarnings("try") // the scope is the point, the body need not name it
  public static <T> T callAs(Actor actor, Purpose purpose, Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    try (Scope scope = open(actor, purpose)) {
      return work.get();
    }
  }

  /**
   * Runs {@code work} with a provider-side {@code actor} working on one tenant's data (account
   * management, incident investigation). The tenant selects whose records the session sees; the
   * policy still decides every access.
   *
   * @throws InvalidActorException if a tenant-side actor names another tenant than its own
   */
  @SuppressWarnings("try") // the scope is the point, the body need not name it
  public static void runOn(String tenant, Actor actor, Purpose purpose, Runnable work) {
    Objects.requireNonNull(work, "work");
    try (Scope scope = openOn(tenant, actor, purpose)) {
      work.run();
    }
  }

  /** Like {@link #runOn}, returning the result of {@code work}. */
  @SuppressWarnings("try") // the scope is the point, the body need not name it
  public static <T> T callOn(String tenant, Actor actor, Purpose purpose, Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    try (Scope scope = openOn(tenant, actor, purpose)) {
      return work.get();
    }
  }

  /** The context of the current thread, if a scope is open. */
  public static Optional<PrivacyContext> current() {
    Scope scope = CURRENT.get();
    return scope == null ? Optional.empty() : Optional.of(scope.context);
  }

  /**
   * The current context, or one made from {@code resolver}'s actor when no scope is open.
   *
   * @throws NoActorException when neither knows an actor
   */
  public static PrivacyContext resolve(ActorResolver resolver) {
    Scope scope = CURRENT.get();
    if (scope != null) {
      return scope.context;
    }
    Actor actor = resolver.currentActor().orElseThrow(NoActorException::new);
    return new PrivacyContext(actor, actor.purpose().orElse(null), null);
  }

  /**
   * The current context.
   *
   * @throws NoActorException outside any scope
   */
  public static PrivacyContext require() {
    return resolve(ActorResolver.none());
  }

  /** {@code task}, made to run in the context current now, whichever thread runs it. */
  public static Runnable wrap(Runnable task) {
    Objects.requireNonNull(task, "task");
    Scope captured = CURRENT.get();
    if (captured == null) {
      return task;
    }
    Runnable withValues = SensitiveValues.wrap(task);
    return () -> {
      Scope frame = new Scope(captured.context, null);
      try {
        withValues.run();
      } finally {
        frame.end();
      }
    };
  }

  /** {@code task}, made to run in the context current now, whichever thread runs it. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    Scope captured = CURRENT.get();
    if (captured == null) {
      return task;
    }
    Callable<T> withValues = SensitiveValues.wrap(task);
    return () -> {
      Scope frame = new Scope(captured.context, null);
      try {
        return withValues.call();
      } finally {
        frame.end();
      }
    };
  }

  /**
   * An executor that runs each task in the context that was current when the task was submitted.
   */
  public static Executor propagating(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return task -> executor.execute(wrap(task));
  }

  /** The person acting. */
  public Actor actor() {
    return actor;
  }

  /**
   * The tenant whose data this unit of work touches: a tenant-side actor's own tenant, or the
   * tenant a provider-side actor works on ({@link #runOn}); empty for a provider-side actor working
   * on no tenant.
   */
  public Optional<String> tenant() {
    return Optional.ofNullable(tenant);
  }

  /** The purpose of the unit of work, if declared. */
  public Optional<Purpose> purpose() {
    return Optional.ofNullable(purpose);
  }

  private static void restore(Scope outer) {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }

  @Override
  public String toString() {
    return "PrivacyContext[" + actor + (purpose == null ? "" : ", " + purpose) + "]";
  }

  /**
   * A context made current by {@link #open}: closing it makes the context that was current before
   * current again and closes its {@link SensitiveValues} scope. Close it on the thread that opened
   * it, innermost first (try-with-resources does both).
   */
  public static final class Scope implements AutoCloseable {
    private final PrivacyContext context;
    private final SensitiveValues.Scope values; // null for a frame of wrap()
    private final Scope outer;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private Scope(PrivacyContext context, SensitiveValues.Scope values) {
      this.context = context;
      this.values = values;
      this.outer = CURRENT.get();
      CURRENT.set(this);
    }

    /** The context this scope made current. */
    public PrivacyContext context() {
      return context;
    }

    /**
     * Makes the context that was current when this scope opened current again. Closing twice does
     * nothing.
     *
     * @throws SuojaException {@code SUOJA-3012} when scopes opened after this one are still open:
     *     they are closed with it (the thread never keeps their actor), then this fails; {@code
     *     SUOJA-3013} when closed on another thread than the one that opened it (nothing changes)
     */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (Thread.currentThread() != owner) {
        throw new SuojaException(
            "SUOJA-3013",
            "a PrivacyContext scope was closed on another thread than the one that opened it");
      }
      if (CURRENT.get() != this) {
        end(); // false when a frame of wrap() it was opened in ended it already
        closed = true;
        throw outOfOrder();
      }
      closed = true;
      try {
        values.close(); // strict: a host's SensitiveValues scope left open inside fails here
      } catch (SuojaException leftOpen) {
        values.release();
        throw leftOpen;
      } finally {
        restore(outer);
      }
    }

    private static SuojaException outOfOrder() {
      return new SuojaException(
          "SUOJA-3012",
          "a PrivacyContext scope was closed while scopes opened after it were still open; they"
              + " were closed with it: close scopes innermost first (try-with-resources)");
    }

    /**
     * Ends this scope and every scope opened after it on this thread that is still open, innermost
     * first, leniently; false when this scope is not on the thread's stack.
     */
    private boolean end() {
      Scope current = CURRENT.get();
      Scope s = current;
      while (s != null && s != this) {
        s = s.outer;
      }
      if (s == null) {
        return false;
      }
      for (s = current; s != this; s = s.outer) {
        s.closed = true;
        if (s.values != null) {
          s.values.release();
        }
      }
      closed = true;
      if (values != null) {
        values.release();
      }
      restore(outer);
      return true;
    }

    @Override
    public String toString() {
      return "PrivacyContext.Scope[" + context + (closed ? ", closed]" : "]");
    }
  }
}
