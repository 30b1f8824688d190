package fi.suoja.policy;

import java.util.Objects;

/**
 * The outcome of an access decision: a value to act on, log and test, never a boolean.
 *
 * <ul>
 *   <li>{@link Allow}: an ordinary access on a basis such as {@code OWNER};
 *   <li>{@link AllowElevated}: an access beyond the ordinary, such as an organisation admin reading
 *       another employee's client ({@code ORG_ADMIN}) or provider support under an incident grant
 *       ({@code INCIDENT:<id>}); always audited with its basis;
 *   <li>{@link Deny}: refused, with a {@link DenyReason}.
 * </ul>
 */
public sealed interface Decision {

  /** True for {@link Allow} and {@link AllowElevated}. */
  boolean allowed();

  /** An ordinary access. */
  record Allow(String basis) implements Decision {
    public Allow {
      requireBasis(basis);
    }

    @Override
    public boolean allowed() {
      return true;
    }
  }

  /** An elevated access: allowed, and always audited with its basis. */
  record AllowElevated(String basis) implements Decision {
    public AllowElevated {
      requireBasis(basis);
    }

    @Override
    public boolean allowed() {
      return true;
    }
  }

  /** A refusal. */
  record Deny(DenyReason reason) implements Decision {
    public Deny {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean allowed() {
      return false;
    }
  }

  static Decision allow(String basis) {
    return new Allow(basis);
  }

  static Decision elevated(String basis) {
    return new AllowElevated(basis);
  }

  static Decision deny(DenyReason reason) {
    return new Deny(reason);
  }

  private static void requireBasis(String basis) {
    if (basis == null || basis.isBlank()) {
      throw new IllegalArgumentException("SUOJA-3009: an allow decision needs its basis");
    }
  }
}
