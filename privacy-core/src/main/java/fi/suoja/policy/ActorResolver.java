package fi.suoja.policy;

import java.util.Optional;

/**
 * Supplies the current actor from the host's own security framework (Spring Security, Jakarta
 * Security, a request filter), so the host need not wrap each request in {@link
 * PrivacyContext#runAs}. An explicit {@link PrivacyContext} always wins over the resolver.
 *
 * <pre>{@code
 * ActorResolver fromSpring = () ->
 *     Optional.ofNullable(SecurityContextHolder.getContext().getAuthentication())
 *         .map(auth -> Actor.tenantUser(auth.getName(), tenantOf(auth), rolesOf(auth)));
 * }</pre>
 *
 * <p>Return empty when nobody is signed in: no actor means deny. Never return a shared or service
 * account to make an access pass.
 */
@FunctionalInterface
public interface ActorResolver {

  /** The person acting in the current thread, or empty when unknown. */
  Optional<Actor> currentActor();

  /** A resolver that never knows an actor: only explicit {@link PrivacyContext}s count. */
  static ActorResolver none() {
    return Optional::empty;
  }
}
