package fi.suoja.policy;

import java.util.Optional;

/**
 * One rule of an {@link AccessPolicy}: returns a decision when it applies to the request, or empty
 * to let the next rule decide. Rules are how a host adds its own logic (a home-care "care
 * relationship" rule, a ward rule) on the same SPI:
 *
 * <pre>{@code
 * AccessRule careRelationship = (actor, action, record) ->
 *     record.category() == DataCategory.CLIENT_DATA
 *             && action == Action.READ
 *             && visits.isScheduled(actor.userId(), record.subjectId())
 *         ? Optional.of(new Decision.Allow("CARE_RELATIONSHIP"))
 *         : Optional.empty();
 * AccessPolicy policy = careAccessPolicy.withRulesFirst(careRelationship);
 * }</pre>
 *
 * <p>Warning: a rule that allows across tenants is overruled by the {@link AccessGuard}, which
 * never lets a tenant-side actor reach another tenant's record.
 */
@FunctionalInterface
public interface AccessRule {
  Optional<Decision> evaluate(Actor actor, Action action, RecordRef record);
}
