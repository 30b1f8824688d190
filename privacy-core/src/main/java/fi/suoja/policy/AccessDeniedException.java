package fi.suoja.policy;

import fi.suoja.SuojaException;
import java.util.Objects;

/**
 * The access policy denied an access; the {@link Decision.Deny} says why. The message names the
 * action, the record type and the reason code - never a value of the record, nor its id: the actor
 * who may not see the record should not learn which record matched (the audit event names it for
 * the people who may).
 */
public class AccessDeniedException extends SuojaException {
  private static final long serialVersionUID = 1L;

  private final transient Decision.Deny decision;

  public AccessDeniedException(Decision.Deny decision, Action action, RecordRef record) {
    super(
        "SUOJA-3100",
        "access denied: " + action + " " + record.type() + " (" + decision.reason() + ")");
    this.decision = Objects.requireNonNull(decision, "decision");
  }

  /** The decision that denied the access. */
  public Decision.Deny decision() {
    return decision;
  }
}
