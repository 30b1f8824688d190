package fi.suoja.audit;

import fi.suoja.audit.internal.Checks;
import java.util.Objects;

/**
 * How the audited operation ended: {@link Status#SUCCESS}, {@link Status#DENIED} by policy, or
 * {@link Status#FAILURE}. Denied and failed outcomes carry a reason code (a short stable token such
 * as {@code OTHER_TENANT} or {@code DECRYPTION_FAILED}, never a message with values).
 *
 * @param status the kind of outcome
 * @param reason reason code; null exactly when the status is SUCCESS
 */
public record Outcome(Status status, String reason) {

  /** Kind of outcome. */
  public enum Status {
    /** The operation was carried out. */
    SUCCESS,
    /** The access policy refused the operation. */
    DENIED,
    /** The operation was allowed but failed. */
    FAILURE
  }

  private static final Outcome SUCCESS = new Outcome(Status.SUCCESS, null);

  /** Validates: SUCCESS has no reason, the others need one. */
  public Outcome {
    Objects.requireNonNull(status, "status");
    if (status == Status.SUCCESS) {
      if (reason != null) {
        throw Checks.invalid("outcome.reason must be absent for SUCCESS");
      }
    } else {
      reason = Checks.token("outcome.reason", reason);
    }
  }

  /** The operation succeeded. */
  public static Outcome success() {
    return SUCCESS;
  }

  /** The policy refused; {@code reason} is a stable reason code. */
  public static Outcome denied(String reason) {
    return new Outcome(Status.DENIED, reason);
  }

  /** The operation failed; {@code reason} is a stable reason code. */
  public static Outcome failure(String reason) {
    return new Outcome(Status.FAILURE, reason);
  }
}
