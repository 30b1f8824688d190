package fi.suoja.masking.slf4j;

import fi.suoja.masking.Masker;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A masked copy of a throwable, handed to the logging backend instead of the original: same stack
 * trace, masked message, and masked copies of its causes and suppressed throwables. The original is
 * not referenced, so fields of the original (an entity in a constraint violation, say) cannot reach
 * the backend.
 *
 * <p>The original class name is kept: {@link #toString()} prints {@code java.sql.SQLException:
 * masked message} (what {@code printStackTrace} and JUL show), and the message starts with it, so
 * backends that print the runtime class (Logback, Log4j 2) show {@code
 * fi.suoja.masking.slf4j.MaskedThrowable: java.sql.SQLException: masked message}.
 */
public final class MaskedThrowable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String originalClassName;
  private final String maskedMessage;

  private MaskedThrowable(String originalClassName, String maskedMessage) {
    // the one-argument constructor leaves the cause unset, so initCause can set the masked copy
    super(maskedMessage == null ? originalClassName : originalClassName + ": " + maskedMessage);
    this.originalClassName = originalClassName;
    this.maskedMessage = maskedMessage;
  }

  /** A masked copy of {@code original} and of every cause and suppressed throwable in it. */
  public static MaskedThrowable of(Throwable original, Masker masker) {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(masker, "masker");
    return copy(original, masker, new IdentityHashMap<>());
  }

  private static MaskedThrowable copy(
      Throwable t, Masker masker, Map<Throwable, MaskedThrowable> seen) {
    MaskedThrowable done = seen.get(t);
    if (done != null) {
      return done;
    }
    String message;
    try {
      message = t.getMessage();
    } catch (RuntimeException e) {
      message = "<message unavailable>";
    }
    MaskedThrowable copy =
        new MaskedThrowable(t.getClass().getName(), message == null ? null : masker.mask(message));
    seen.put(t, copy);
    copy.setStackTrace(t.getStackTrace());
    Throwable cause = t.getCause();
    if (cause != null && cause != t) {
      copy.initCause(copy(cause, masker, seen));
    }
    for (Throwable suppressed : t.getSuppressed()) {
      copy.addSuppressed(copy(suppressed, masker, seen));
    }
    return copy;
  }

  /** The class name of the throwable this copies, e.g. {@code java.sql.SQLException}. */
  public String originalClassName() {
    return originalClassName;
  }

  /** {@code originalClassName: masked message}, as the original's toString would read. */
  // deliberately toString: it names the original class, where Throwable's names this one
  @SuppressWarnings("OverrideThrowableToString")
  @Override
  public String toString() {
    return maskedMessage == null ? originalClassName : originalClassName + ": " + maskedMessage;
  }
}
