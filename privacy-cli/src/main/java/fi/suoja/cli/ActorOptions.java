package fi.suoja.cli;

import fi.suoja.policy.Actor;
import fi.suoja.policy.InvalidActorException;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Who a job acts as (a {@code @Mixin}): the person running it, in one tenant, with roles the policy
 * judges. The library's jobs act as the current actor (docs/OPERATIONS.md, "Jobs"); the command
 * line never invents one.
 */
final class ActorOptions {
  @Option(
      names = "--actor",
      required = true,
      paramLabel = "USER",
      description =
          "Your own account id: the person the audit trail names (shared accounts such as admin"
              + " are refused).")
  String actor;

  @Option(
      names = "--tenant",
      paramLabel = "TENANT",
      description = "The tenant to act in (default: --single-tenant).")
  String tenant;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description =
          "A role of the actor, repeatable (default ORG_ADMIN, which the care policy lets erase,"
              + " export and off-board in its own tenant).")
  List<String> roles = new ArrayList<>();

  /**
   * The actor, acting for {@code purpose}.
   *
   * @throws CliException {@code SUOJA-9065} without a tenant, or with an invalid id or role
   */
  Actor actor(HostOptions host, Purpose purpose) {
    String t = tenant != null ? tenant : host.singleTenant;
    if (t == null || t.isBlank()) {
      throw new CliException(
          "SUOJA-9065", SuojaCommand.USAGE, "--tenant is required (or --single-tenant)");
    }
    try {
      List<Role> rs = new ArrayList<>();
      for (String r : roles.isEmpty() ? List.of("ORG_ADMIN") : roles) {
        rs.add(Role.of(r));
      }
      return Actor.tenantUser(actor, t, rs.toArray(Role[]::new)).withPurpose(purpose);
    } catch (InvalidActorException e) {
      throw new CliException("SUOJA-9065", SuojaCommand.USAGE, "--actor: " + e.getMessage());
    }
  }

  /** The tenant acted in. */
  String tenant(HostOptions host) {
    return tenant != null ? tenant : host.singleTenant;
  }
}
