package fi.suoja.cli;

import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine.Mixin;

/**
 * A command that runs one of the library's jobs over the host's entities, as the person {@code
 * --actor} names, in {@code --tenant}: opens the {@link Host}, runs the job in a {@link
 * PrivacyContext} of that actor, closes the host.
 */
abstract class HostJob extends Base {
  /** A Finnish personal identity code's shape: an internal id is asked for instead. */
  private static final Pattern HETU_SHAPE =
      Pattern.compile("\\d{6}[-+A-FU-Y]\\d{3}[0-9A-Y]", Pattern.CASE_INSENSITIVE);

  @Mixin HostOptions host = new HostOptions();
  @Mixin ActorOptions who = new ActorOptions();

  /** Runs {@code job} as the actor, for {@code purpose}, over the opened host. */
  <T> T runAs(Purpose purpose, Function<Host, T> job) {
    Actor actor = who.actor(host, purpose);
    try (Host h = Host.open(host, env())) {
      return h.withHostLoader(() -> PrivacyContext.callAs(actor, purpose, () -> job.apply(h)));
    }
  }

  /**
   * Refuses a subject id shaped like a personal identity code: the library's subject ids are
   * internal ids, and an identity code must not reach the audit trail or the shell history.
   */
  static String subject(String id) {
    if (id == null || id.isBlank()) {
      throw new CliException("SUOJA-9001", SuojaCommand.USAGE, "--subject must not be empty");
    }
    if (HETU_SHAPE.matcher(id.strip()).matches()) {
      throw new CliException(
          "SUOJA-9070",
          SuojaCommand.USAGE,
          "--subject looks like a personal identity code: give the data subject's internal id");
    }
    return id.strip();
  }
}
