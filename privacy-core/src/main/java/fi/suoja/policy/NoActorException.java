package fi.suoja.policy;

import fi.suoja.SuojaException;

/**
 * Personal data was touched outside any {@link PrivacyContext} and no {@link ActorResolver} knew
 * the actor. No actor means deny: the access fails.
 */
public class NoActorException extends SuojaException {
  private static final long serialVersionUID = 1L;

  public NoActorException() {
    super(
        "SUOJA-3002",
        "no actor in the current unit of work: run it in PrivacyContext.runAs(actor, purpose,"
            + " work) or in try (var scope = PrivacyContext.open(actor, purpose)) { ... }, or"
            + " give the runtime an ActorResolver that knows the person"
            + " (Suoja.builder().actorResolver(...))");
  }
}
