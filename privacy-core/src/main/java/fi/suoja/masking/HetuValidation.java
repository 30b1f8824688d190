package fi.suoja.masking;

import java.util.Objects;

/**
 * The result of {@link Hetu#validate} or {@link Hetu#validateStrict}: either {@link Valid} with the
 * parsed {@link Hetu}, or {@link Invalid} with the {@link InvalidHetuException.Reason}. Neither
 * prints the code: {@code Valid}'s {@code toString} shows {@code Hetu[***]}.
 */
public sealed interface HetuValidation permits HetuValidation.Valid, HetuValidation.Invalid {

  /** Whether the input was a valid HETU under the rules asked for. */
  boolean isValid();

  /** The input was a valid HETU. */
  record Valid(Hetu hetu) implements HetuValidation {
    public Valid {
      Objects.requireNonNull(hetu, "hetu");
    }

    @Override
    public boolean isValid() {
      return true;
    }
  }

  /** The input was not a valid HETU, for this reason. */
  record Invalid(InvalidHetuException.Reason reason) implements HetuValidation {
    public Invalid {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean isValid() {
      return false;
    }
  }
}
