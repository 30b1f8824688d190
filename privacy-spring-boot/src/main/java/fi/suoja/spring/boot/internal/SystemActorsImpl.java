package fi.suoja.spring.boot.internal;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import fi.suoja.spring.boot.SuojaProperties;
import fi.suoja.spring.boot.SystemActors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The declared jobs of {@code suoja.system.*}, each validated once at start-up. */
public final class SystemActorsImpl implements SystemActors {
  /** The user-id space of system actors; no signed-in user may take it. */
  public static final String PREFIX = "system:";

  private static final Logger LOG = LoggerFactory.getLogger(SystemActorsImpl.class);
  private static final Pattern JOB = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final Suoja suoja;
  private final Map<String, Job> jobs;

  private record Job(Actor actor, Purpose purpose) {}

  public SystemActorsImpl(Suoja suoja, Map<String, SuojaProperties.SystemJob> declared) {
    this.suoja = Objects.requireNonNull(suoja, "suoja");
    Map<String, Job> out = new LinkedHashMap<>();
    declared.forEach((name, job) -> out.put(name, job(name, job)));
    this.jobs = Map.copyOf(out);
  }

  private static Job job(String name, SuojaProperties.SystemJob job) {
    String where = "suoja.system." + name;
    if (!JOB.matcher(name).matches()) {
      throw invalid(where + " is not a job name of lower-case letters, digits and ._-");
    }
    try {
      Role[] roles = job.getRoles().stream().map(Role::of).toArray(Role[]::new);
      if (roles.length == 0) {
        throw invalid(where + ".roles is empty: a system job needs at least one role");
      }
      boolean provider =
          job.getRoles().stream()
              .map(Role::of)
              .anyMatch(r -> r.equals(Role.PROVIDER_SUPPORT) || r.equals(Role.PROVIDER_ADMIN));
      Actor actor;
      if (provider) {
        actor = Actor.providerUser(PREFIX + name, roles);
      } else if (job.getTenant() == null || job.getTenant().isBlank()) {
        throw invalid(where + ".tenant is not set: a tenant-side job works in one tenant");
      } else {
        actor = Actor.tenantUser(PREFIX + name, job.getTenant(), roles);
      }
      return new Job(actor, new Purpose(job.getPurpose()));
    } catch (StartupFailure e) {
      throw e;
    } catch (SuojaException | IllegalArgumentException | NullPointerException e) {
      throw new StartupFailure("SUOJA-8011", where + " is not a valid system job", action(), e);
    }
  }

  private static StartupFailure invalid(String what) {
    return new StartupFailure("SUOJA-8011", what, action());
  }

  private static String action() {
    return "Declare the job as suoja.system.<job>.roles (Suoja role names), .tenant (unless it"
        + " holds a provider role) and .purpose.";
  }

  @Override
  public void runAsSystem(String job, Runnable work) {
    Objects.requireNonNull(work, "work");
    callAsSystem(
        job,
        () -> {
          work.run();
          return null;
        });
  }

  @Override
  public <T> T callAsSystem(String job, Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    Job j = jobs.get(job);
    if (j == null) {
      throw new SuojaConfigurationException(
          "SUOJA-8010",
          "'" + job + "' is not a declared system job: declare suoja.system." + job + ".*");
    }
    LOG.info("SUOJA-8016: running job '{}' as system actor {}", job, j.actor().userId());
    return PrivacyContext.callAs(j.actor(), j.purpose(), work);
  }
}
