package fi.suoja.jpa.processing;

import fi.suoja.policy.AccessPolicy;
import fi.suoja.policy.Action;
import fi.suoja.policy.Actor;
import fi.suoja.policy.DataCategory;
import fi.suoja.policy.Decision;
import fi.suoja.policy.RecordRef;
import fi.suoja.policy.Role;
import fi.suoja.policy.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The access rules in force, derived by asking the configured {@link AccessPolicy} — whichever it
 * is, the care policy or a host's own rules — for a decision on synthetic requests: each standard
 * role, in each relation to a record (own, a colleague's, another tenant's), for client and for
 * employee data, for every action. Nothing here restates what a policy is believed to do; a changed
 * policy changes the table. The probes go to the policy directly (not through the access guard), so
 * they are not audited and open nothing.
 *
 * <p>What a synthetic request cannot show is named next to the table: rules that depend on state
 * (incident grants in the registry, care relationships a host rule looks up) are decided with the
 * state of the moment at access time; here they are asked without any.
 */
final class AccessMatrix {
  /** One probed request kind and the decision for each action. */
  record Row(String who, String relation, String data, Map<Action, String> decisions) {}

  private record Probe(String who, String relation, Actor actor, String owner, String tenant) {}

  private AccessMatrix() {}

  static List<Row> probe(AccessPolicy policy, String tenant, String otherTenant) {
    List<Probe> probes =
        List.of(
            new Probe(
                "EMPLOYEE",
                "own record",
                Actor.tenantUser("e-101", tenant, Role.EMPLOYEE),
                "e-101",
                tenant),
            new Probe(
                "EMPLOYEE",
                "a colleague's record",
                Actor.tenantUser("e-101", tenant, Role.EMPLOYEE),
                "e-102",
                tenant),
            new Probe(
                "ORG_ADMIN",
                "a colleague's record",
                Actor.tenantUser("a-201", tenant, Role.ORG_ADMIN),
                "e-102",
                tenant),
            new Probe(
                "PROVIDER_SUPPORT",
                "a tenant's record (no incident grant)",
                Actor.providerUser("s-301", Role.PROVIDER_SUPPORT),
                "e-102",
                tenant),
            new Probe(
                "PROVIDER_ADMIN",
                "a tenant's record (no incident grant)",
                Actor.providerUser("p-401", Role.PROVIDER_ADMIN),
                "e-102",
                tenant),
            new Probe(
                "EMPLOYEE or ORG_ADMIN of another tenant",
                "the tenant's record",
                Actor.tenantUser("x-501", otherTenant, Role.EMPLOYEE, Role.ORG_ADMIN),
                "e-102",
                tenant));
    List<Row> rows = new ArrayList<>();
    for (DataCategory category : List.of(DataCategory.CLIENT_DATA, DataCategory.EMPLOYEE_DATA)) {
      for (Probe p : probes) {
        // an employee account's data subject is the employee: "own" means one's own account
        String subject = category == DataCategory.EMPLOYEE_DATA ? p.owner() : "c-901";
        String type = category == DataCategory.EMPLOYEE_DATA ? "Employee" : "Client";
        RecordRef record = new RecordRef(type, "r-1", p.tenant(), p.owner(), subject, category);
        Map<Action, String> decisions = new LinkedHashMap<>();
        for (Action action : Action.values()) {
          decisions.put(action, describe(policy, p.actor(), action, record));
        }
        rows.add(new Row(p.who(), p.relation(), label(category), decisions));
      }
    }
    return rows;
  }

  private static String describe(AccessPolicy policy, Actor actor, Action action, RecordRef r) {
    Decision d;
    try {
      d = policy.decide(actor, action, r);
    } catch (RuntimeException e) {
      // at access time a failing policy denies (fail closed)
      return "deny: POLICY_ERROR";
    }
    if (d == null) {
      return "deny: POLICY_ERROR";
    }
    if (d.allowed() && actor.side() == Side.TENANT && !actor.belongsTo(r.tenant())) {
      return "deny: CROSS_TENANT (the guard overrides the policy)"; // as AccessGuard does
    }
    if (d instanceof Decision.AllowElevated e) {
      return "allow, elevated: " + e.basis();
    }
    if (d instanceof Decision.Allow a) {
      return "allow: " + a.basis();
    }
    if (d instanceof Decision.Deny deny) {
      return "deny: " + deny.reason();
    }
    return "deny (no decision)";
  }

  private static String label(DataCategory c) {
    return c == DataCategory.CLIENT_DATA ? "client data" : "employee data";
  }
}
