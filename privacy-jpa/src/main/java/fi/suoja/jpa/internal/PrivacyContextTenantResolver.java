package fi.suoja.jpa.internal;

import fi.suoja.policy.AccessGuard;
import fi.suoja.policy.NoActorException;
import fi.suoja.policy.PrivacyContext;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Hands Hibernate's {@code @TenantId} filter the tenant of the current {@link PrivacyContext}, or,
 * made with the runtime's guard, of the actor the runtime's {@code ActorResolver} supplies when no
 * context is open. Without either it answers a tenant id no record carries, so nothing is visible:
 * no actor, no data. Public only because Hibernate instantiates it by name; not API.
 */
public final class PrivacyContextTenantResolver implements CurrentTenantIdentifierResolver<String> {
  /** The tenant id used when no actor is known; no record ever carries it. */
  public static final String NO_TENANT = "suoja:no-tenant";

  private final AccessGuard guard;

  /** Follows the {@link PrivacyContext} only. */
  public PrivacyContextTenantResolver() {
    this(null);
  }

  /** Follows the {@link PrivacyContext}, else the actor {@code guard}'s resolver supplies. */
  public PrivacyContextTenantResolver(AccessGuard guard) {
    this.guard = guard;
  }

  @Override
  public String resolveCurrentTenantIdentifier() {
    PrivacyContext context = PrivacyContext.current().orElse(null);
    if (context == null && guard != null) {
      try {
        context = guard.currentContext();
      } catch (NoActorException none) {
        return NO_TENANT;
      }
    }
    return context == null ? NO_TENANT : context.tenant().orElse(NO_TENANT);
  }

  @Override
  public boolean validateExistingCurrentSessions() {
    return true;
  }
}
