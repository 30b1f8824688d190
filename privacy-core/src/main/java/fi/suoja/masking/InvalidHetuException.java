package fi.suoja.masking;

import fi.suoja.SuojaException;
import java.util.Objects;

/**
 * A string is not a valid HETU. Code {@code SUOJA-2001}. The message names the {@link Reason} only:
 * it never contains the input, not even a part of it.
 */
public final class InvalidHetuException extends SuojaException {
  private static final long serialVersionUID = 1L;

  /** Why a string is not a valid HETU; the first failed rule in the order declared here. */
  public enum Reason {
    /**
     * Not eleven characters {@code DDMMYYCZZZQ} of the right classes: wrong length, a non-digit in
     * the date or the individual number, lower-case letters, or a character outside the check table
     * in the last position.
     */
    FORMAT("not of the form DDMMYYCZZZQ (upper case, 11 characters)"),
    /** The seventh character is not one of {@code + - Y X W V U A B C D E F}. */
    CENTURY_SIGN("unknown century sign"),
    /** DDMMYY with the century is not a calendar date (leap years included). */
    DATE("no such calendar date"),
    /**
     * Individual number 000 or 001 (never issued), or a temporary number 900–999 where the strict
     * rules were asked for.
     */
    INDIVIDUAL_NUMBER("individual number not allowed"),
    /** The check character does not match the mod-31 check of DDMMYYZZZ. */
    CHECK_CHARACTER("check character does not match");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** A fixed English description, free of any input. */
    public String description() {
      return description;
    }
  }

  private final Reason reason;

  /**
   * @param reason why the input was rejected
   */
  public InvalidHetuException(Reason reason) {
    super("SUOJA-2001", "invalid HETU: " + Objects.requireNonNull(reason, "reason").description());
    this.reason = reason;
  }

  /** Why the input was rejected. */
  public Reason reason() {
    return reason;
  }
}
