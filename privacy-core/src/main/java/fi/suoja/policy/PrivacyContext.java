package fi.suoja.policy;

import fi.suoja.masking.SensitiveValues;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The actor and purpose of the current unit of work. Immutable; the current one is bound to the
 * thread for the duration of {@link #runAs} / {@link #callAs}, nested scopes restore the outer one
 * when they end (even on exceptions), and {@link #wrap} carries it into other threads.
 *
 * <pre>{@code
 * PrivacyContext.runAs(Actor.tenantUser("e-1042", "tenant-a", Role.EMPLOYEE), Purpose.CARE, () -> {
 *   Client c = clients.find(id);   // opened only if the policy allows e-1042
 * });
 * }</pre>
 *
 * <p>Each scope also opens a {@link SensitiveValues} scope: every value Suoja decrypts inside it is
 * registered there, so the log maskers mask it in this unit of work's log lines.
 *
 * <p>Outside any scope there is no actor, and every access to personal data is denied (or the
 * host's {@link ActorResolver} supplies one, see {@link #resolve}).
 */
public final class PrivacyContext {
  private static final ThreadLocal<PrivacyContext> CURRENT = new ThreadLocal<>();

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

  /** Runs {@code work} with {@code actor} acting for {@code purpose}. */
  public static void runAs(Actor actor, Purpose purpose, Runnable work) {
    Objects.requireNonNull(work, "work");
    callAs(
        actor,
        purpose,
        () -> {
          work.run();
          return null;
        });
  }

  /** Runs {@code work} with {@code actor} acting for {@code purpose} and returns its result. */
  public static <T> T callAs(Actor actor, Purpose purpose, Supplier<T> work) {
    return callAs(actor, null, purpose, work);
  }

  /**
   * Runs {@code work} with a provider-side {@code actor} working on one tenant's data (account
   * management, incident investigation). The tenant selects whose records the session sees; the
   * policy still decides every access.
   *
   * @throws InvalidActorException if a tenant-side actor names another tenant than its own
   */
  public static void runOn(String tenant, Actor actor, Purpose purpose, Runnable work) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(work, "work");
    callAs(
        actor,
        tenant,
        purpose,
        () -> {
          work.run();
          return null;
        });
  }

  /** Like {@link #runOn}, returning the result of {@code work}. */
  public static <T> T callOn(String tenant, Actor actor, Purpose purpose, Supplier<T> work) {
    return callAs(actor, Objects.requireNonNull(tenant, "tenant"), purpose, work);
  }

  private static <T> T callAs(Actor actor, String tenant, Purpose purpose, Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    PrivacyContext context =
        new PrivacyContext(actor, purpose != null ? purpose : actor.purpose().orElse(null), tenant);
    return context.call(work);
  }

  /** The context of the current thread, if a scope is open. */
  public static Optional<PrivacyContext> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * The current context, or one made from {@code resolver}'s actor when no scope is open.
   *
   * @throws NoActorException when neither knows an actor
   */
  public static PrivacyContext resolve(ActorResolver resolver) {
    PrivacyContext context = CURRENT.get();
    if (context != null) {
      return context;
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
    PrivacyContext captured = CURRENT.get();
    if (captured == null) {
      return task;
    }
    Runnable withValues = SensitiveValues.wrap(task);
    return () -> {
      PrivacyContext outer = CURRENT.get();
      CURRENT.set(captured);
      try {
        withValues.run();
      } finally {
        restore(outer);
      }
    };
  }

  /** {@code task}, made to run in the context current now, whichever thread runs it. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    PrivacyContext captured = CURRENT.get();
    if (captured == null) {
      return task;
    }
    Callable<T> withValues = SensitiveValues.wrap(task);
    return () -> {
      PrivacyContext outer = CURRENT.get();
      CURRENT.set(captured);
      try {
        return withValues.call();
      } finally {
        restore(outer);
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
   * tenant a provider-side actor works on ({@link #runOn}); empty for a provider-side actor
   * working on no tenant.
   */
  public Optional<String> tenant() {
    return Optional.ofNullable(tenant);
  }

  /** The purpose of the unit of work, if declared. */
  public Optional<Purpose> purpose() {
    return Optional.ofNullable(purpose);
  }

  private <T> T call(Supplier<T> work) {
    PrivacyContext outer = CURRENT.get();
    CURRENT.set(this);
    SensitiveValues.Scope values = SensitiveValues.open();
    try {
      return work.get();
    } finally {
      values.close();
      restore(outer);
    }
  }

  private static void restore(PrivacyContext outer) {
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
}
