package fi.suoja.policy;

import fi.suoja.SuojaException;
import java.util.Objects;

/**
 * The access policy denied an access; the {@link Decision.Deny} says why. The message names the
 * record type, the record id and the reason code, never a value of the record.
 */
public class AccessDeniedException extends SuojaException {
  private static final long serialVersionUID = 1L;

  private final transient Decision.Deny decision;

  public AccessDeniedException(Decision.Deny decision, Action action, RecordRef record) {
    super(
        "SUOJA-3100",
        "access denied: "
            + action
            + " "
            + record.type()
            + "#"
            + record.id()
            + " ("
            + decision.reason()
            + ")");
    this.decision = Objects.requireNonNull(decision, "decision");
  }

  /** The decision that denied the access. */
  public Decision.Deny decision() {
    return decision;
  }
}
