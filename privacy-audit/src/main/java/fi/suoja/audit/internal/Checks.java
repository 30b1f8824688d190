package fi.suoja.audit.internal;

import fi.suoja.audit.AuditException;

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
  private static final int HETU_LENGTH = 11;
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

  /**
   * True when {@code value} contains a HETU with a valid check character: {@code [0-3]d[01]ddd}
   * (DDMMYY), a century sign ({@code + -}, {@code A-F}, {@code U-Y}), three digits and the check
   * character, standing alone (no ASCII letter or digit right before or after it: a UUID such as
   * {@code ab010190-9991-...} must not match). Hand-written (it runs for every audit event):
   * allocation-free, one pass.
   */
  static boolean containsHetu(String value) {
    int n = value.length();
    for (int i = 0; i + HETU_LENGTH <= n; i++) {
      // the century sign first: it rejects almost every position of ordinary identifiers
      // (lower-case UUIDs, names) with one comparison
      if (!isCenturySign(value.charAt(i + 6))) {
        continue;
      }
      char first = value.charAt(i);
      char month = value.charAt(i + 2);
      if (first < '0' || first > '3'
          || (month != '0' && month != '1')
          || (i > 0 && isAsciiAlnum(value.charAt(i - 1)))
          || (i + HETU_LENGTH < n && isAsciiAlnum(value.charAt(i + HETU_LENGTH)))) {
        continue;
      }
      int number = 0;
      boolean digits = true;
      for (int k = 0; k < 10 && digits; k++) {
        if (k == 6) {
          continue;
        }
        char c = value.charAt(i + k);
        digits = c >= '0' && c <= '9';
        number = number * 10 + (c - '0');
      }
      if (digits && CHECK_CHARS.charAt(number % 31) == value.charAt(i + 10)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isCenturySign(char c) {
    return c == '-' || c == '+' || (c >= 'A' && c <= 'F') || (c >= 'U' && c <= 'Y');
  }

  private static boolean isTokenChar(char c) {
    return isAsciiAlnum(c) || c == '_' || c == ':' || c == '.' || c == '-' || c == '/' || c == '@'
        || c == '#';
  }

  /** Like {@link #id} and restricted to letters, digits and {@code _ : . - / @ #}. */
  public static String token(String field, String value) {
    id(field, value);
    boolean allowed = true;
    for (int i = 0; i < value.length() && allowed; i++) {
      allowed = isTokenChar(value.charAt(i));
    }
    if (!allowed) {
      throw invalid(field + " may only contain letters, digits and _ : . - / @ #");
    }
    return value;
  }

  /** Null stays null; anything else must be a valid {@link #id}. */
  public static String optionalId(String field, String value) {
    return value == null ? null : id(field, value);
  }
}
