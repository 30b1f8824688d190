package fi.suoja.spring.boot.internal;

import fi.suoja.policy.AccessPolicy;
import fi.suoja.policy.Action;
import fi.suoja.policy.Actor;
import fi.suoja.policy.Decision;
import fi.suoja.policy.DenyReason;
import fi.suoja.policy.RecordRef;
import fi.suoja.policy.Role;
import fi.suoja.policy.Side;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The policy of {@code suoja.policy.permissions.<ROLE>=READ,CREATE,...}: a tenant-side actor may do
 * what one of its roles lists, with the basis {@code ROLE:<role>}; anything unlisted, and every
 * provider-side actor, is denied ({@code ROLE_NOT_PERMITTED}). For applications whose records have
 * no responsible employee ({@code @Owner}), which the care rules need for every write. The guard
 * still denies across tenants and audits every decision.
 */
public final class RolePermissionsPolicy implements AccessPolicy {
  private final Map<Role, Set<Action>> permissions;

  public RolePermissionsPolicy(Map<String, ? extends Collection<Action>> byRole) {
    Map<Role, Set<Action>> copy = new LinkedHashMap<>();
    byRole.forEach(
        (role, actions) ->
            copy.put(
                Role.of(role),
                actions.isEmpty()
                    ? Set.of()
                    : Set.copyOf(EnumSet.copyOf(Objects.requireNonNull(actions, role)))));
    this.permissions = Map.copyOf(copy);
  }

  @Override
  public Decision decide(Actor actor, Action action, RecordRef record) {
    if (actor.side() != Side.TENANT) {
      return Decision.deny(DenyReason.ROLE_NOT_PERMITTED);
    }
    for (Map.Entry<Role, Set<Action>> e : permissions.entrySet()) {
      if (actor.hasRole(e.getKey()) && e.getValue().contains(action)) {
        return Decision.allow("ROLE:" + e.getKey().name());
      }
    }
    return Decision.deny(DenyReason.ROLE_NOT_PERMITTED);
  }
}
