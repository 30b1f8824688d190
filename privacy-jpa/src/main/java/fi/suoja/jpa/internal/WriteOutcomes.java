package fi.suoja.jpa.internal;

import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.AccessGuard;
import fi.suoja.policy.Action;
import fi.suoja.policy.Decision;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.RecordRef;
import java.util.Collection;
import java.util.List;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.action.spi.AfterTransactionCompletionProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a write (CREATE, UPDATE, DELETE) at flush time and makes its audit trail tell the
 * truth about the transaction: the decision is recorded when the statement is about to run
 * (outcome SUCCESS, or DENIED and the flush fails); if the transaction then rolls back, a
 * follow-up event with outcome {@code FAILURE(ROLLED_BACK)} is recorded for the same actor,
 * record and fields. Holds the one version-specific call (Hibernate 7's transaction completion
 * callbacks).
 */
final class WriteOutcomes {
  private static final Logger LOG = LoggerFactory.getLogger(WriteOutcomes.class);

  /** The reason code of the follow-up event for a write whose transaction rolled back. */
  static final String ROLLED_BACK = "ROLLED_BACK";

  private WriteOutcomes() {}

  /**
   * Decides {@code action} for the current actor; when allowed, registers the rollback follow-up
   * with the session's transaction.
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
    AfterTransactionCompletionProcess followUp =
        (success, s) -> {
          if (success) {
            return;
          }
          try {
            guard.recordFailure(
                context.actor(),
                context.purpose().orElse(null),
                action,
                record,
                names,
                decision,
                ROLLED_BACK);
          } catch (RuntimeException e) {
            LOG.error(
                "SUOJA-5120: could not record that {} {}#{} was rolled back",
                action, record.type(), record.id(), e);
            throw e;
          }
        };
    registerAfterCompletion(session, followUp);
    return decision;
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
      java.lang.reflect.Method register =
          (route.callbacks() ? REGISTER_CALLBACK : REGISTER_PROCESS).get(registry.getClass());
      register.invoke(registry, process);
    } catch (IllegalAccessException | NullPointerException e) {
      throw new IllegalStateException("cannot register a transaction completion callback", e);
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("cannot register a transaction completion callback", cause);
    }
  }

  /** How a session class hands out its completion registry. */
  private record Route(java.lang.reflect.Method registry, boolean callbacks) {}

  private static final ClassValue<Route> ROUTES =
      new ClassValue<>() {
        @Override
        protected Route computeValue(Class<?> type) {
          java.lang.reflect.Method callbacks = method(type, "getTransactionCompletionCallbacks");
          return callbacks != null
              ? new Route(callbacks, true)
              : new Route(method(type, "getActionQueue"), false);
        }
      };

  private static final ClassValue<java.lang.reflect.Method> REGISTER_CALLBACK =
      registerMethods("registerCallback");

  private static final ClassValue<java.lang.reflect.Method> REGISTER_PROCESS =
      registerMethods("registerProcess");

  /** The registry's method {@code name}, looked up once per registry class. */
  private static ClassValue<java.lang.reflect.Method> registerMethods(String name) {
    return new ClassValue<>() {
      @Override
      protected java.lang.reflect.Method computeValue(Class<?> type) {
        return registerMethod(type, name);
      }
    };
  }

  private static java.lang.reflect.Method method(Class<?> type, String name) {
    try {
      return type.getMethod(name);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static java.lang.reflect.Method registerMethod(Class<?> type, String name) {
    for (java.lang.reflect.Method m : type.getMethods()) {
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
