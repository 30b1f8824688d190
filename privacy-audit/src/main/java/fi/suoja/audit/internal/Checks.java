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
   * Slots of the caches below; a power of two. Package-visible for the test that makes two strings
   * share a slot.
   */
  static final int CACHE_SLOTS = 512;

  /**
   * Strings that passed {@link #id} (and, separately, {@link #token}), by identity, in the slot
   * their hash selects. Every event repeats most of its identifiers - the entity type, the tenant,
   * the field names, purpose, application, node - as the very same {@code String} objects, and
   * checking them again on every event was most of the cost of building one. A racy cache: a slot
   * is written only after its string passed, a {@code String} is immutable and safely published
   * through its final fields, and a hit needs the identical object (not an equal one in the same
   * slot), so a hit is always a string that passed. A miss costs the check, as before.
   */
  private static final String[] VALID_IDS = new String[CACHE_SLOTS];

  private static final String[] VALID_TOKENS = new String[CACHE_SLOTS];

  /**
   * An identifier: present, not blank, at most 256 chars, no control characters and not shaped like
   * a HETU.
   */
  // the cache hits on the identical string only (see VALID_IDS)
  @SuppressWarnings("ReferenceEquality")
  public static String id(String field, String value) {
    if (value == null) {
      throw invalid(field + " is missing");
    }
    if (isUuid(value)) {
      return value; // fresh on every event (event, row and subject ids): not worth a slot
    }
    int slot = value.hashCode() & (CACHE_SLOTS - 1);
    if (VALID_IDS[slot] == value) {
      return value;
    }
    checkId(field, value);
    VALID_IDS[slot] = value;
    return value;
  }

  /**
   * True for the 36-character text form of a UUID ({@code 8-4-4-4-12} hex digits, either case).
   * Such a string passes {@link #id} and {@link #token}: hex digits and hyphens are token
   * characters, and it cannot hold a HETU standing alone: a HETU starts the string or follows a
   * non-alphanumeric character, and from each such position of a UUID (0, 9, 14, 19, 24) its eleven
   * characters either meet a hyphen where a digit is needed or end right before a hex digit ({@code
   * ChecksTest} and {@code ChecksRegexEquivalenceProperties} check this against the full rules).
   * One pass instead of three for the identifiers that are new on every event.
   */
  static boolean isUuid(String value) {
    if (value.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = value.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return false;
        }
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private static void checkId(String field, String value) {
    if (value.isBlank()) {
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
      if (first < '0'
          || first > '3'
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
    return isAsciiAlnum(c)
        || c == '_'
        || c == ':'
        || c == '.'
        || c == '-'
        || c == '/'
        || c == '@'
        || c == '#';
  }

  /** Like {@link #id} and restricted to letters, digits and {@code _ : . - / @ #}. */
  // the cache hits on the identical string only (see VALID_IDS)
  @SuppressWarnings("ReferenceEquality")
  public static String token(String field, String value) {
    if (value != null && isUuid(value)) {
      return value; // a valid id and made of token characters
    }
    id(field, value);
    int slot = value.hashCode() & (CACHE_SLOTS - 1);
    if (VALID_TOKENS[slot] == value) {
      return value;
    }
    boolean allowed = true;
    for (int i = 0; i < value.length() && allowed; i++) {
      allowed = isTokenChar(value.charAt(i));
    }
    if (!allowed) {
      throw invalid(field + " may only contain letters, digits and _ : . - / @ #");
    }
    VALID_TOKENS[slot] = value;
    return value;
  }

  /** Null stays null; anything else must be a valid {@link #id}. */
  public static String optionalId(String field, String value) {
    return value == null ? null : id(field, value);
  }
}
