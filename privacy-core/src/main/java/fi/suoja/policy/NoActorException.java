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
        "no actor in the current unit of work: run the work in PrivacyContext.runAs(...) or"
            + " configure Suoja.builder().actorResolver(...)");
  }
}
