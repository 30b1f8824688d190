package fi.suoja.masking;

import java.util.Locale;

/**
 * The single-pass detector behind every {@link Masker}: walks the text once, left to right, and at
 * each position tries only the detectors whose first character fits, each a hand-written matcher
 * with bounded look-ahead (no regular expressions, no backtracking). Nothing is allocated until
 * the first finding; text without findings is returned as the same instance.
 *
 * <p>What it finds (see docs/MASKING.md for the exact shapes):
 *
 * <ul>
 *   <li>HETU shape: six digits, a letter or {@code + -}, three digits, then any letters/digits
 *       glued to it; case-insensitive. Masked whatever the check character; the checksum only
 *       chooses {@code <hetu>} or {@code <hetu?>}. Read through {@link Spelling}: any Unicode
 *       dash or plus, JSON and URL escapes, full-width forms and Unicode digits spell the ASCII
 *       character, invisible characters are skipped, non-ASCII spaces may surround the sign.
 *   <li>E-mail: local part, {@code @}, a domain with a dot and an alphabetic top-level label.
 *   <li>Phone: {@code +} (also escaped or full-width) or {@code 00} and 8–15 digits, or a
 *       national number starting with 0 and 7–12 digits; groups separated by single spaces or
 *       dashes, {@code (0)} and {@code (09)} allowed.
 *   <li>Finnish IBAN: {@code FI} and 16 digits, one separator (space, non-ASCII space, dash)
 *       allowed after {@code FI} and between digits, read through {@link Spelling}; mod-97
 *       chooses {@code <iban>} or {@code <iban?>}.
 *   <li>The literals registered in the current {@link SensitiveValues} scope.
 * </ul>
 *
 * Mask tokens already in the text are skipped, which makes masking idempotent.
 */
final class Scanner {

  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 255;
  static final String TOKEN_ALPHABET = "BCDFGHJKLMNPQRST";
  static final int TOKEN_LENGTH = 12;

  /** What a character can start, so that most characters of a line cost one table look-up. */
  private static final byte[] STARTS = new byte[128];

  private static final byte SPELLED = 1;
  private static final byte DETECTOR = 2;

  static {
    for (char c : "<0123456789+(Ff".toCharArray()) {
      STARTS[c] = DETECTOR;
    }
    STARTS['\\'] = SPELLED;
    STARTS['%'] = SPELLED;
  }

  private Scanner() {}

  static String mask(String text, Replacer replacer, Literals literals) {
    int n = text.length();
    StringBuilder out = null;
    int copied = 0;
    int at = text.indexOf('@');
    int i = 0;
    boolean literalsOn = !literals.isEmpty();
    // two vectorised scans spare every digit the look-back for an escape ending before it
    boolean escapes = text.indexOf('%') >= 0 || text.indexOf('\\') >= 0;
    while (i < n) {
      char c = text.charAt(i);
      // right after a replacement the next pass sees the token's '>': decide as it will
      char prev = i == 0 ? ' ' : (out != null && i == copied) ? '>' : text.charAt(i - 1);
      int end = -1;
      DataKind kind = null;
      boolean verified = true;
      int start = i;

      if (at >= 0 && at < i) {
        at = text.indexOf('@', i);
      }
      if (at > i && isLocalChar(c) && !isLocalChar(prev)) {
        // a word that runs into an '@': an e-mail address takes the whole word
        int runEnd = i + 1;
        while (runEnd < n && runEnd - i <= MAX_LOCAL && isLocalChar(text.charAt(runEnd))) {
          runEnd++;
        }
        if (runEnd == at) {
          int s = i;
          while (s < at && text.charAt(s) == '.') {
            s++;
          }
          int domainEnd = s < at ? matchDomain(text, at + 1) : -1;
          if (domainEnd > 0) {
            end = domainEnd;
            kind = DataKind.EMAIL;
            start = s;
          }
        }
      }
      int start0 = end < 0 ? (c < 128 ? STARTS[c] : SPELLED) : 0;
      if (start0 != 0) {
        // what a reader sees at i: escapes, full-width and Unicode digits and dashes decoded
        char d = c;
        if (start0 == SPELLED) {
          long r = Spelling.read(text, i);
          d = r == Spelling.NONE ? c : Spelling.charOf(r);
        }
        if (c == '<') {
          int tokenEnd = skipToken(text, i);
          if (tokenEnd > 0) {
            i = tokenEnd;
            continue;
          }
        } else if (d >= '0' && d <= '9') {
          char lead = lead(text, i, prev, escapes, out == null ? 0 : copied);
          if (!isAsciiDigit(lead)) {
            end = c != d || mayBeHetu(text, i) ? matchHetu(text, i, lead) : -1;
            if (end > 0) {
              kind = DataKind.HETU;
              verified = hetuVerified(text, i, end);
            } else if (c == d
                && !isWordChar(prev)
                && !isDecimalPoint(text, i, out == null ? 0 : copied)) {
              // phones keep the raw neighbour: "02%3A00 200 18 ms" is a time and a duration
              end = matchPhone(text, i);
              kind = DataKind.PHONE;
            }
          }
        } else if (d == '+' || c == '(') {
          if (!isAsciiDigit(prev)) {
            end = matchPhone(text, i);
            kind = DataKind.PHONE;
          }
        } else if (d == 'F' || d == 'f') {
          boolean glued = isAsciiLetter(lead(text, i, prev, escapes, out == null ? 0 : copied));
          end = glued || (c == d && !mayBeIban(text, i)) ? -1 : matchIban(text, i);
          if (end > 0) {
            kind = DataKind.IBAN;
            verified = ibanVerified(text, i, end);
          }
        }
      }
      if (end < 0 && literalsOn) {
        end = literals.match(text, i);
        kind = DataKind.PERSONAL;
        verified = true;
      }
      if (end > 0) {
        if (out == null) {
          out = new StringBuilder(n + 16);
        }
        out.append(text, copied, start);
        replacer.replace(out, kind, verified, text, start, end);
        copied = end;
        i = end;
      } else {
        i++;
      }
    }
    if (out == null) {
      return text;
    }
    out.append(text, copied, n);
    return out.toString();
  }

  // ---------------------------------------------------------------- character classes

  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiAlnum(char c) {
    return isAsciiDigit(c) || isAsciiLetter(c);
  }

  private static boolean isWordChar(char c) {
    return c < 128 ? isAsciiAlnum(c) || c == '_' : Character.isLetterOrDigit(c);
  }

  private static boolean isLocalChar(char c) {
    if (c < 128) {
      return isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }
    return Character.isLetterOrDigit(c);
  }

  private static boolean isDomainChar(char c) {
    return c < 128 ? isAsciiAlnum(c) || c == '-' : Character.isLetterOrDigit(c);
  }

  /**
   * The character before {@code i} as a reader sees it ({@code prev} unless an escape ends at
   * {@code i} or {@code prev} is not ASCII): {@code %20131052-308T} is a HETU after a space,
   * {@code %31131052-308T} a longer number.
   */
  private static char lead(String text, int i, char prev, boolean escapes, int replacedUpTo) {
    if (prev < 128) {
      if (!escapes) {
        return prev;
      }
      boolean hex =
          (prev >= '0' && prev <= '9')
              || (prev >= 'a' && prev <= 'f')
              || (prev >= 'A' && prev <= 'F');
      // an escape ends with a hex digit and starts with '%' three or '\' six characters back
      boolean escapeEnds =
          hex
              && ((i >= 3 && text.charAt(i - 3) == '%') || (i >= 6 && text.charAt(i - 6) == '\\'));
      if (!escapeEnds) {
        return prev;
      }
    }
    return i <= replacedUpTo ? prev : Spelling.before(text, i, replacedUpTo);
  }

  /** Position {@code i} follows "digit." or "digit,": the fraction of a decimal number. */
  private static boolean isDecimalPoint(String text, int i, int replacedUpTo) {
    if (i - 2 < replacedUpTo) {
      return false;
    }
    char p = text.charAt(i - 1);
    return (p == '.' || p == ',') && isAsciiDigit(text.charAt(i - 2));
  }

  // ---------------------------------------------------------------- mask tokens

  /** The end of a mask token starting at {@code i} ({@code <hetu>}, {@code <email:BCDF…>}), or -1. */
  static int skipToken(String text, int i) {
    int n = text.length();
    int j = i + 1;
    while (j < n && j - i <= 9 && text.charAt(j) >= 'a' && text.charAt(j) <= 'z') {
      j++;
    }
    if (j >= n || !isLabel(text, i + 1, j)) {
      return -1;
    }
    if (text.charAt(j) == '?') {
      j++;
    }
    if (j < n && text.charAt(j) == ':') {
      j++;
      int k = 0;
      while (j < n && k < TOKEN_LENGTH && TOKEN_ALPHABET.indexOf(text.charAt(j)) >= 0) {
        j++;
        k++;
      }
      if (k != TOKEN_LENGTH) {
        return -1;
      }
    }
    return j < n && text.charAt(j) == '>' ? j + 1 : -1;
  }

  private static boolean isLabel(String text, int from, int to) {
    for (DataKind kind : DataKind.values()) {
      String label = kind.label();
      if (label.length() == to - from && text.regionMatches(from, label, 0, label.length())) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- HETU

  /**
   * For an ASCII digit at {@code i}: false when a plain ASCII non-digit follows within six
   * characters, as it does after most digit runs of a log line (times, counts, ids). Small
   * enough to be inlined into the scan loop, which then calls the spelling-aware {@link
   * #matchHetu} only where it can match.
   */
  private static boolean mayBeHetu(String text, int i) {
    if (i + 10 > text.length()) {
      return false;
    }
    for (int k = i + 1; k < i + 6; k++) {
      char c = text.charAt(k);
      if (c < '0' || c > '9') {
        return c >= 128 || c == '\\' || c == '%';
      }
    }
    return true;
  }

  /**
   * HETU shape at {@code i} (a digit, as {@link Spelling#read} sees it, not preceded by a digit):
   * end of the match or -1. Read through {@link Spelling}, so a Unicode dash or plus, an escape
   * or a full-width form spells the same character, invisible characters are skipped, and up to
   * two non-ASCII spaces may stand on each side of the sign. A shape inside a longer hexadecimal
   * run (a hash or trace id) is part of that id, not a HETU.
   */
  static int matchHetu(String text, int i, char prev) {
    if (i + 10 > text.length()) {
      return -1;
    }
    int p = digits(text, i, 6);
    if (p < 0) {
      return -1;
    }
    long r = skipGaps(text, p);
    if (r == Spelling.NONE) {
      return -1;
    }
    boolean hex = endOf(r) == p + 1; // a HETU in a hex id has no gap and no escape in its sign
    char sign = Spelling.charOf(r);
    if (!(isAsciiLetter(sign) || sign == '+' || sign == '-')) {
      return -1;
    }
    hex &= isHexLetter(sign);
    r = skipGaps(text, endOf(r));
    if (r == Spelling.NONE || !isAsciiDigit(Spelling.charOf(r))) {
      return -1;
    }
    int end = digits(text, endOf(r), 2);
    if (end < 0) {
      return -1;
    }
    int length = 10;
    while (true) {
      r = Spelling.read(text, end);
      if (r == Spelling.NONE || !isAsciiAlnum(Spelling.charOf(r))) {
        break;
      }
      hex &= isAsciiDigit(Spelling.charOf(r)) || isHexLetter(Spelling.charOf(r));
      end = endOf(r);
      length++;
    }
    if (hex && (length >= 16 || (length > 11 && isHexLetter(prev)))) {
      return -1;
    }
    return end;
  }

  private static int endOf(long read) {
    return Spelling.endOf(read);
  }

  /** The end of {@code count} digits from {@code p}, or -1. */
  private static int digits(String text, int p, int count) {
    int q = p;
    for (int k = 0; k < count; k++) {
      long r = Spelling.read(text, q);
      if (r == Spelling.NONE || !isAsciiDigit(Spelling.charOf(r))) {
        return -1;
      }
      q = endOf(r);
    }
    return q;
  }

  /** The first character from {@code p} after at most two non-ASCII spaces. */
  private static long skipGaps(String text, int p) {
    long r = Spelling.read(text, p);
    for (int k = 0; k < 2 && r != Spelling.NONE && Spelling.charOf(r) == Spelling.GAP; k++) {
      r = Spelling.read(text, endOf(r));
    }
    return r;
  }

  private static boolean isHexLetter(char c) {
    return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean hetuVerified(String text, int start, int end) {
    String plain = Spelling.plain(text, start, end);
    if (plain.length() != 11) {
      return false;
    }
    char sign = Character.toUpperCase(plain.charAt(6));
    char check = Character.toUpperCase(plain.charAt(10));
    return Hetu.centuryOf(sign) > 0
        && Hetu.checkCharacter(plain) == check
        && Hetu.validate(plain.toUpperCase(Locale.ROOT)).isValid();
  }

  // ---------------------------------------------------------------- IBAN

  /** For an ASCII F at {@code i}: false when the text is too short or plainly not FI; inlined. */
  private static boolean mayBeIban(String text, int i) {
    if (i + 18 > text.length()) {
      return false;
    }
    char second = text.charAt(i + 1);
    return second == 'I' || second == 'i' || second >= 128 || second == '\\' || second == '%';
  }

  /**
   * {@code FI} and 16 digits at {@code i}, read through {@link Spelling}: end or -1. One space,
   * non-ASCII space or dash may stand between {@code FI} and the check digits and between any
   * two digits ({@code FI 21 1234 5600 0007 85}); letters and digits glued to the end belong to
   * the match.
   */
  static int matchIban(String text, int i) {
    if (i + 18 > text.length()) {
      return -1;
    }
    long r = Spelling.read(text, endOf(Spelling.read(text, i)));
    if (r == Spelling.NONE || (Spelling.charOf(r) != 'I' && Spelling.charOf(r) != 'i')) {
      return -1;
    }
    int j = endOf(r);
    int digits = 0;
    while (digits < 16) {
      r = Spelling.read(text, j);
      if (r != Spelling.NONE && isIbanSeparator(Spelling.charOf(r))) {
        r = Spelling.read(text, endOf(r));
      }
      if (r == Spelling.NONE || !isAsciiDigit(Spelling.charOf(r))) {
        break;
      }
      digits++;
      j = endOf(r);
    }
    if (digits < 16) {
      return -1;
    }
    while (true) {
      r = Spelling.read(text, j);
      if (r == Spelling.NONE || !isAsciiAlnum(Spelling.charOf(r))) {
        return j;
      }
      j = endOf(r);
    }
  }

  private static boolean isIbanSeparator(char c) {
    return c == ' ' || c == '-' || c == Spelling.GAP;
  }

  private static boolean ibanVerified(String text, int start, int end) {
    // "FI" kk + 16 digits exactly; ISO 13616: move "FIkk" to the end, F=15, I=18, mod 97 == 1
    String plain = Spelling.plain(text, start, end);
    int[] digits = new int[16];
    int count = 0;
    for (int j = 2; j < plain.length(); j++) {
      char c = plain.charAt(j);
      if (isAsciiDigit(c)) {
        if (count == 16) {
          return false;
        }
        digits[count++] = c - '0';
      } else if (c != ' ' && c != '-') {
        return false;
      }
    }
    if (count != 16) {
      return false;
    }
    int remainder = 0;
    for (int k = 2; k < 16; k++) {
      remainder = (remainder * 10 + digits[k]) % 97;
    }
    remainder = (remainder * 100 + 15) % 97;
    remainder = (remainder * 100 + 18) % 97;
    remainder = (remainder * 100 + digits[0] * 10 + digits[1]) % 97;
    return remainder == 1;
  }

  // ---------------------------------------------------------------- phone

  /**
   * A phone number at {@code i}: {@code +} or {@code 00} then 8–15 digits; or {@code 0} or
   * {@code (0} then 7–12 digits. Groups of digits separated by one space or dash; a {@code (0)}
   * after the country code is allowed. Returns the end of the last group that kept the digit
   * count in range, or -1.
   */
  static int matchPhone(String text, int i) {
    int n = text.length();
    int j = i;
    boolean international;
    int min;
    int max;
    char c = text.charAt(j);
    if (c == '+' || c >= 128 || c == '\\' || c == '%') {
      // "+", or a plus spelled otherwise: %2B, a JSON escape, full-width
      long r = Spelling.read(text, j);
      if (r == Spelling.NONE || Spelling.charOf(r) != '+') {
        return -1;
      }
      c = '+';
      j = endOf(r);
      if (j >= n || !isAsciiDigit(text.charAt(j))) {
        return -1;
      }
      international = true;
    } else if (c == '(') {
      if (j + 2 >= n || text.charAt(j + 1) != '0' || !isAsciiDigit(text.charAt(j + 2))) {
        return -1;
      }
      international = false;
    } else if (c == '0') {
      if (j + 1 >= n || !isAsciiDigit(text.charAt(j + 1))) {
        return -1;
      }
      international = j + 2 < n && text.charAt(j + 1) == '0' && isAsciiDigit(text.charAt(j + 2));
      if (international) {
        j += 2;
      }
    } else {
      return -1;
    }
    if (international) {
      min = 8;
      max = 15;
    } else {
      min = 7;
      max = 12;
    }
    int digits = 0;
    int groups = 0;
    int lastGood = -1;
    int size0 = 0;
    int size1 = 0;
    int size2 = 0;
    boolean inParens = false;
    boolean trunkZeroUsed = false;
    while (j < n) {
      char d = text.charAt(j);
      if (d == '(' && !inParens && groups <= 1) {
        // "(09) 123 4567" or "+358 (0)40 ..."
        if (j + 1 < n && text.charAt(j + 1) == '0') {
          if (international && !trunkZeroUsed && j + 2 < n && text.charAt(j + 2) == ')') {
            trunkZeroUsed = true;
            j += 3;
            if (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '-')) {
              j++;
            }
            continue;
          }
          if (!international && groups == 0) {
            inParens = true;
            j++;
            continue;
          }
        }
        break;
      }
      if (!isAsciiDigit(d)) {
        break;
      }
      int g = 0;
      while (j < n && isAsciiDigit(text.charAt(j))) {
        j++;
        g++;
      }
      digits += g;
      if (groups == 0) {
        size0 = g;
      } else if (groups == 1) {
        size1 = g;
      } else if (groups == 2) {
        size2 = g;
      }
      groups++;
      if (digits > max) {
        break;
      }
      if (inParens) {
        if (j < n && text.charAt(j) == ')') {
          inParens = false;
          j++;
        } else {
          return lastGood;
        }
      }
      boolean glued = j < n && isAsciiLetter(text.charAt(j));
      boolean inRange = digits >= min && !isDateShaped(groups, size0, size1, size2, international);
      if (glued) {
        // digits glued to letters: an identifier, unless it clearly started as "+..."
        if (international && c == '+' && inRange) {
          lastGood = j;
        }
        break;
      }
      if (inRange) {
        lastGood = j;
      }
      if (j + 1 < n
          && (text.charAt(j) == ' ' || text.charAt(j) == '-' || text.charAt(j) == '\u00a0')
          && (isAsciiDigit(text.charAt(j + 1)) || text.charAt(j + 1) == '(')) {
        j++;
      } else {
        break;
      }
    }
    return lastGood;
  }

  /** "01-02-2026" and "01 02 26" are dates, not phone numbers. */
  private static boolean isDateShaped(
      int groups, int size0, int size1, int size2, boolean international) {
    return !international && groups == 3 && size0 == 2 && size1 == 2 && (size2 == 4 || size2 == 2);
  }

  // ---------------------------------------------------------------- e-mail

  /** A domain with at least one dot and an alphabetic top-level label, from {@code i}: end or -1. */
  static int matchDomain(String text, int i) {
    int n = text.length();
    int j = i;
    int lastDot = -1;
    int bestEnd = -1;
    while (j < n && j - i <= MAX_DOMAIN) {
      int labelStart = j;
      while (j < n && isDomainChar(text.charAt(j))) {
        j++;
      }
      if (j == labelStart) {
        break;
      }
      if (lastDot >= 0 && isTopLevel(text, labelStart, j)) {
        bestEnd = j;
      }
      if (j + 1 < n && text.charAt(j) == '.' && isDomainChar(text.charAt(j + 1))) {
        lastDot = j;
        j++;
      } else {
        break;
      }
    }
    return bestEnd;
  }

  private static boolean isTopLevel(String text, int from, int to) {
    if (to - from < 2) {
      return false;
    }
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (!(c < 128 ? isAsciiLetter(c) : Character.isLetter(c))) {
        return false;
      }
    }
    return true;
  }
}
