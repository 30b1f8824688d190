package fi.suoja.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where {@link CareAccessPolicy} finds the incident grants of a tenant. A host keeps them in its
 * own database by implementing {@link #forTenant}; {@link #inMemory()} is a thread-safe registry
 * for tests, samples and single-node deployments.
 */
@FunctionalInterface
public interface IncidentGrants {

  /** Every grant of the tenant, valid or not (the policy checks validity and revocation). */
  List<IncidentGrant> forTenant(String tenant);

  /** A thread-safe in-memory registry. */
  static Registry inMemory() {
    return new Registry();
  }

  /** The in-memory registry: grant, revoke, look up. */
  final class Registry implements IncidentGrants {
    private final Map<String, IncidentGrant> grants = new ConcurrentHashMap<>();

    Registry() {}

    /** Stores a grant, replacing one with the same id. */
    public void grant(IncidentGrant grant) {
      grants.put(grant.grantId(), grant);
    }

    /** Revokes a grant from {@code when} on; unknown ids are ignored. */
    public void revoke(String grantId, Instant when) {
      grants.computeIfPresent(grantId, (id, g) -> g.revoke(when));
    }

    @Override
    public List<IncidentGrant> forTenant(String tenant) {
      return grants.values().stream().filter(g -> g.tenant().equals(tenant)).toList();
    }
  }
}
