package fi.suoja.audit.internal;

import fi.suoja.audit.AuditException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation shared by the event model and the codecs. Error messages name the field, never the
 * value: a rejected value may be exactly the personal data the check keeps out.
 */
public final class Checks {
  /** Code for an incomplete or invalid event. */
  public static final String INVALID = "SUOJA-4001";
  /** Code for an identifier shaped like a Finnish personal identity code. */
  public static final String LOOKS_LIKE_HETU = "SUOJA-4002";

  private static final int MAX_LENGTH = 256;
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_:.\\-/@#]+");
  // DDMMYY, century sign (+, -, A-F, U-Y), three digits, check character, standing alone (not
  // inside a longer token: a UUID such as ab010190-9991-... must not match).
  private static final Pattern HETU_SHAPE =
      Pattern.compile(
          "(?<![0-9A-Za-z])([0-3]\\d[01]\\d\\d\\d)[-+A-FU-Y](\\d{3})([0-9A-FHJ-NPR-Y])(?![0-9A-Za-z])");
  private static final String CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY";

  private Checks() {}

  /** An exception for an invalid event; {@code what} names fields, never values. */
  public static AuditException invalid(String what) {
    return new AuditException(INVALID, "invalid audit event: " + what);
  }

  /**
   * An identifier: present, not blank, at most 256 chars, no control characters and not shaped
   * like a HETU.
   */
  public static String id(String field, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(field + " is missing");
    }
    if (value.length() > MAX_LENGTH) {
      throw invalid(field + " is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw invalid(field + " contains a control character");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw invalid(field + " contains an unpaired surrogate");
      }
    }
    if (containsHetu(value)) {
      throw new AuditException(
          LOOKS_LIKE_HETU,
          field
              + " looks like a personal identity code (HETU); audit events carry internal"
              + " identifiers only");
    }
    return value;
  }

  /** True when {@code value} contains a HETU with a valid check character. */
  static boolean containsHetu(String value) {
    Matcher m = HETU_SHAPE.matcher(value);
    while (m.find()) {
      int number = Integer.parseInt(m.group(1) + m.group(2));
      if (CHECK_CHARS.charAt(number % 31) == m.group(3).charAt(0)) {
        return true;
      }
    }
    return false;
  }

  /** Like {@link #id} and restricted to letters, digits and {@code _ : . - / @ #}. */
  public static String token(String field, String value) {
    id(field, value);
    if (!TOKEN.matcher(value).matches()) {
      throw invalid(field + " may only contain letters, digits and _ : . - / @ #");
    }
    return value;
  }

  /** Null stays null; anything else must be a valid {@link #id}. */
  public static String optionalId(String field, String value) {
    return value == null ? null : id(field, value);
  }
}
