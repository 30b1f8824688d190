package fi.suoja.audit;

import fi.suoja.audit.internal.Checks;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who did it: a personal user id (never a shared account), the tenant the actor belongs to, the
 * actor's roles at the time, and whether the actor works for the tenant, for the service provider,
 * or is the system itself (a scheduled job).
 *
 * <p>Ids are internal identifiers; never put a name, an email address or a HETU here.
 *
 * @param userId the actor's internal user id
 * @param tenantId the tenant the actor belongs to (for provider staff: the provider's own id)
 * @param roles role names, kept sorted
 * @param side tenant staff, provider staff or system
 */
public record AuditActor(String userId, String tenantId, Set<String> roles, Side side) {

  /** Which party the actor acts for. */
  public enum Side {
    /** An employee of the tenant (the controller). */
    TENANT,
    /** Staff of the service provider (the processor). */
    PROVIDER,
    /** The system itself: a scheduled job or migration, started by no person. */
    SYSTEM
  }

  /** Validates the ids and copies the roles into an unmodifiable sorted set. */
  public AuditActor {
    userId = Checks.id("actor.userId", userId);
    tenantId = Checks.id("actor.tenantId", tenantId);
    Objects.requireNonNull(side, "actor.side");
    if (roles == null) {
      throw Checks.invalid("actor.roles is missing");
    }
    SortedSet<String> sorted = new TreeSet<>();
    for (String role : roles) {
      sorted.add(Checks.token("actor.roles[]", role));
    }
    roles = Collections.unmodifiableSortedSet(sorted);
  }

  /** A tenant employee. */
  public static AuditActor tenantUser(String userId, String tenantId, Set<String> roles) {
    return new AuditActor(userId, tenantId, roles, Side.TENANT);
  }

  /** A provider staff member. */
  public static AuditActor providerUser(String userId, String providerId, Set<String> roles) {
    return new AuditActor(userId, providerId, roles, Side.PROVIDER);
  }

  /** The system itself, e.g. {@code system("retention-job", "provider")}. */
  public static AuditActor system(String jobId, String tenantId) {
    return new AuditActor(jobId, tenantId, Set.of(), Side.SYSTEM);
  }
}
