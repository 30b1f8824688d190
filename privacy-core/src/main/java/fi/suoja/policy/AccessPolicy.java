package fi.suoja.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an actor may perform an action on a record. The SPI behind every access to
 * personal data; {@link CareAccessPolicy} is the default.
 *
 * <p>Contract: deterministic for the same inputs and clock; never returns {@code null}; never
 * throws for an ordinary refusal (return {@link Decision.Deny}). The enforcement point ({@link
 * AccessGuard}) treats an exception as {@link DenyReason#POLICY_ERROR}, refuses any cross-tenant
 * allow whatever the policy says, and audits every decision.
 *
 * <p>A host composes its own rules with {@link #firstApplicable}: the first rule that has an
 * opinion decides; when none has, the access is denied.
 */
@FunctionalInterface
public interface AccessPolicy {

  /**
   * Decides whether {@code actor} may do {@code action} on {@code record}.
   *
   * @param actor the person acting, never {@code null} (no actor is denied before a policy runs)
   * @param action what the actor wants to do
   * @param record the record concerned
   * @return the decision, never {@code null}
   */
  Decision decide(Actor actor, Action action, RecordRef record);

  /**
   * A policy made of rules, tried in order; the first rule that returns a decision wins. When no
   * rule applies the access is denied with {@link DenyReason#ROLE_NOT_PERMITTED}.
   */
  static AccessPolicy firstApplicable(List<AccessRule> rules) {
    List<AccessRule> copy = List.copyOf(rules);
    return (actor, action, record) -> {
      for (AccessRule rule : copy) {
        Optional<Decision> d = rule.evaluate(actor, action, record);
        if (d.isPresent()) {
          return d.get();
        }
      }
      return Decision.deny(DenyReason.ROLE_NOT_PERMITTED);
    };
  }

  /** {@link #firstApplicable(List)} with rules given inline. */
  static AccessPolicy firstApplicable(AccessRule... rules) {
    return firstApplicable(List.of(rules));
  }

  /**
   * This policy, consulted after {@code rules}: a host's own rules (for example a care-relationship
   * rule) take precedence, the rest falls through to this policy.
   */
  default AccessPolicy withRulesFirst(AccessRule... rules) {
    List<AccessRule> all = new ArrayList<>(List.of(rules));
    all.add((actor, action, record) -> Optional.of(decide(actor, action, record)));
    return firstApplicable(all);
  }
}
