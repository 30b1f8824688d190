package fi.suoja.spring.boot;

import java.util.function.Supplier;

/**
 * Background work (a scheduled retention sweep, a key rotation) acting as a declared system actor
 * instead of a person. Each job is declared in the properties with the tenant it works in and the
 * roles the policy sees:
 *
 * <pre>
 * suoja.system.retention.tenant=hoiva
 * suoja.system.retention.roles=ORG_ADMIN
 * suoja.system.retention.purpose=ADMINISTRATION
 * </pre>
 *
 * <pre>{@code
 * systemActors.runAsSystem("retention", () -> retentionJob.run());
 * }</pre>
 *
 * <p>Guarantees: the work runs in a {@link fi.suoja.policy.PrivacyContext} whose actor is {@code
 * system:<job>} with the declared tenant, roles and purpose, and with the tenant's log masker;
 * every access inside is decided by the policy and audited under that actor id like any other. A
 * job that is not declared fails with {@code SUOJA-8010} before running anything. Signed-in users
 * can never be {@code system:} actors (the Spring Security resolver refuses the prefix).
 *
 * <p>Warning: a system actor is a standing authorisation. Declare each job with the fewest roles
 * its work needs, and never run a person's request through it.
 */
public interface SystemActors {

  /** Runs {@code work} as the system actor of {@code job}. */
  void runAsSystem(String job, Runnable work);

  /** Like {@link #runAsSystem}, returning the result of {@code work}. */
  <T> T callAsSystem(String job, Supplier<T> work);
}
