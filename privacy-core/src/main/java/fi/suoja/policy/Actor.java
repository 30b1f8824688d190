package fi.suoja.policy;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The person doing something now. Immutable.
 *
 * <p>An actor is always one identifiable person: the law requires that every view and change of
 * personal data names who did it, so shared and generic accounts ({@code admin}, {@code support},
 * {@code test}, {@code system}, ...) are refused when the actor is created. A tenant-side actor
 * belongs to exactly one tenant; a provider-side actor belongs to none and reaches tenant data only
 * through the rules of the policy.
 *
 * <p>{@code toString} prints the user id (a pseudonymous account identifier the audit trail records
 * anyway), side, tenant and roles.
 */
public final class Actor {
  private static final Pattern USER_ID = Pattern.compile("[\\p{L}\\p{N}._@+:-]{1,128}");

  /** Account names that denote a role or a team rather than a person. */
  private static final Set<String> GENERIC_ACCOUNTS =
      Set.of(
          "admin",
          "administrator",
          "root",
          "system",
          "support",
          "helpdesk",
          "test",
          "tester",
          "user",
          "guest",
          "shared",
          "service",
          "anonymous",
          "anon",
          "demo",
          "default",
          "operator",
          "nurse",
          "staff",
          "team",
          "office",
          "info",
          "postmaster",
          "noreply",
          "no-reply",
          "unknown",
          "null",
          "nobody");

  private final String userId;
  private final Side side;
  private final String tenant;
  private final Set<Role> roles;
  private final Purpose purpose;

  private Actor(String userId, Side side, String tenant, Set<Role> roles, Purpose purpose) {
    this.userId = checkUserId(userId);
    this.side = Objects.requireNonNull(side, "side");
    if (side == Side.TENANT) {
      if (tenant == null || tenant.isBlank()) {
        throw new InvalidActorException("SUOJA-3006", "a tenant-side actor needs its tenant");
      }
    } else if (tenant != null) {
      throw new InvalidActorException(
          "SUOJA-3006", "a provider-side actor has no home tenant; its access is decided per rule");
    }
    this.tenant = tenant;
    if (roles.isEmpty()) {
      throw new InvalidActorException("SUOJA-3007", "an actor needs at least one role");
    }
    this.roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
    this.purpose = purpose;
  }

  /** A tenant's staff member (employee or organisation admin). */
  public static Actor tenantUser(String userId, String tenant, Role... roles) {
    return new Actor(userId, Side.TENANT, tenant, Set.of(roles), null);
  }

  /** A member of the provider's staff. */
  public static Actor providerUser(String userId, Role... roles) {
    return new Actor(userId, Side.PROVIDER, null, Set.of(roles), null);
  }

  /** This actor, acting for the given purpose. */
  public Actor withPurpose(Purpose purpose) {
    return new Actor(userId, side, tenant, roles, Objects.requireNonNull(purpose, "purpose"));
  }

  /** The person's account identifier; never a shared account. */
  public String userId() {
    return userId;
  }

  public Side side() {
    return side;
  }

  /** The home tenant of a tenant-side actor; empty for provider staff. */
  public Optional<String> tenant() {
    return Optional.ofNullable(tenant);
  }

  /** The roles, in the order given. */
  public Set<Role> roles() {
    return roles;
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  /** The purpose the actor declared, if any; {@link PrivacyContext} may also carry one. */
  public Optional<Purpose> purpose() {
    return Optional.ofNullable(purpose);
  }

  /** True when this actor works for the given tenant (tenant side, same tenant). */
  public boolean belongsTo(String tenant) {
    return side == Side.TENANT && this.tenant.equals(tenant);
  }

  private static String checkUserId(String userId) {
    if (userId == null || userId.isBlank()) {
      throw new InvalidActorException("SUOJA-3005", "an actor needs a user id");
    }
    if (!USER_ID.matcher(userId).matches()) {
      throw new InvalidActorException(
          "SUOJA-3005",
          "a user id is 1-128 letters, digits or ._@+:- characters (length "
              + userId.length()
              + ")");
    }
    String local = userId.toLowerCase(Locale.ROOT);
    int at = local.indexOf('@');
    if (at > 0) {
      local = local.substring(0, at);
    }
    String stem = local.replaceAll("[0-9._-]+$", "");
    if (GENERIC_ACCOUNTS.contains(local) || GENERIC_ACCOUNTS.contains(stem)) {
      throw new InvalidActorException(
          "SUOJA-3001", "generic or team accounts are refused: every access must name one person");
    }
    return userId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Actor a
        && userId.equals(a.userId)
        && side == a.side
        && Objects.equals(tenant, a.tenant)
        && roles.equals(a.roles)
        && Objects.equals(purpose, a.purpose);
  }

  @Override
  public int hashCode() {
    return Objects.hash(userId, side, tenant, roles, purpose);
  }

  @Override
  public String toString() {
    return "Actor["
        + userId
        + ", "
        + side
        + (tenant == null ? "" : ", " + tenant)
        + ", "
        + roles
        + "]";
  }
}
