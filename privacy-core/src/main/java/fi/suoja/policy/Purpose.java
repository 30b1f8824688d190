package fi.suoja.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Why an actor is processing data in the current unit of work. Recorded in every audit event;
 * policies may use it.
 *
 * @param code upper-case identifier, e.g. {@code CARE}
 */
public record Purpose(String code) {
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_:.-]{0,63}");

  /** Providing care or service to the client. */
  public static final Purpose CARE = new Purpose("CARE");

  /** Managing the tenant's own organisation and staff. */
  public static final Purpose ADMINISTRATION = new Purpose("ADMINISTRATION");

  /** Provider staff managing employee accounts. */
  public static final Purpose ACCOUNT_MANAGEMENT = new Purpose("ACCOUNT_MANAGEMENT");

  /** Provider staff investigating an error under an incident grant. */
  public static final Purpose INCIDENT_INVESTIGATION = new Purpose("INCIDENT_INVESTIGATION");

  /** Answering a data subject's request (export, erasure). */
  public static final Purpose DATA_SUBJECT_REQUEST = new Purpose("DATA_SUBJECT_REQUEST");

  public Purpose {
    Objects.requireNonNull(code, "code");
    if (!CODE.matcher(code).matches()) {
      throw new InvalidActorException(
          "SUOJA-3004", "a purpose code is an upper-case identifier, got length " + code.length());
    }
  }

  @Override
  public String toString() {
    return code;
  }
}
