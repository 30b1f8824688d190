package fi.suoja.masking;

import java.util.Locale;

/**
 * The single-pass detector behind every {@link Masker}: walks the text once, left to right, and at
 * each position tries only the detectors whose first character fits, each a hand-written matcher
 * with bounded look-ahead (no regular expressions, no backtracking). Nothing is allocated until the
 * first finding; text without findings is returned as the same instance.
 *
 * <p>What it finds (see docs/MASKING.md for the exact shapes):
 *
 * <ul>
 *   <li>HETU shape: six digits, a letter or {@code + -}, three digits, then any letters/digits
 *       glued to it; case-insensitive. Masked whatever the check character; the checksum only
 *       chooses {@code <hetu>} or {@code <hetu?>}. Read through {@link Spelling}: any Unicode dash
 *       or plus, JSON and URL escapes, full-width forms and Unicode digits spell the ASCII
 *       character, invisible characters are skipped, non-ASCII spaces may surround the sign. Not a
 *       HETU: a run inside a hexadecimal identifier ({@link #isInHexId}).
 *   <li>E-mail: local part, {@code @} (also {@code %40}), a domain with a dot and an alphabetic
 *       top-level label.
 *   <li>Phone: {@code +} (also escaped or full-width) or {@code 00} and a country code, 8–15
 *       digits, or a national number starting with 0 and 7–12 digits; groups separated by single
 *       spaces, dashes, {@code %20}, {@code %2D} or {@code +}, {@code (0)} and {@code (09)}
 *       allowed; a complete number takes no further group, and a business id is not a phone ({@link
 *       #matchPhone}).
 *   <li>Finnish IBAN: {@code FI} and 16 digits, one separator (space, non-ASCII space, dash)
 *       allowed after {@code FI} and between digits, read through {@link Spelling}; mod-97 chooses
 *       {@code <iban>} or {@code <iban?>}.
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
    boolean percent = text.indexOf('%') >= 0;
    // two vectorised scans spare every digit the look-back for an escape ending before it
    boolean escapes = percent || text.indexOf('\\') >= 0;
    int at = nextAt(text, 0, percent);
    int i = 0;
    boolean literalsOn = !literals.isEmpty();
    while (i < n) {
      char c = text.charAt(i);
      // right after a replacement the next pass sees the token's '>': decide as it will
      char prev = i == 0 ? ' ' : (out != null && i == copied) ? '>' : text.charAt(i - 1);
      int end = -1;
      DataKind kind = null;
      boolean verified = true;
      int start = i;

      if (at >= 0 && at < i) {
        at = nextAt(text, i, percent);
      }
      if (at > i && isLocalChar(c) && !isLocalChar(prev)) {
        // a word that runs into an '@' (or "%40"): an e-mail address takes the whole word
        int runEnd = i + 1;
        while (runEnd < n
            && runEnd - i <= MAX_LOCAL
            && runEnd != at
            && isLocalChar(text.charAt(runEnd))) {
          runEnd++;
        }
        if (runEnd == at) {
          int s = skipLocalLead(text, i, at);
          int domainEnd = s < at ? matchDomain(text, at + (text.charAt(at) == '@' ? 1 : 3)) : -1;
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
            int floor = out == null ? 0 : copied;
            end = c != d || mayBeHetu(text, i) ? matchHetu(text, i, floor) : -1;
            if (end > 0) {
              kind = DataKind.HETU;
              verified = hetuVerified(text, i, end);
            } else if (c == d && !isWordChar(lead) && !isDecimalPoint(text, i, floor)) {
              // after an escape the decoded character decides: "q=%200401234567" is a phone
              end = matchPhone(text, i);
              if (end > 0 && isInHexId(text, i, end, floor)) {
                end = -1; // "…-a15e-0655-8504-…": digit groups of a UUID
              }
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
   * {@code i} or {@code prev} is not ASCII): {@code %20131052-308T} is a HETU after a space, {@code
   * %31131052-308T} a longer number.
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
          hex && ((i >= 3 && text.charAt(i - 3) == '%') || (i >= 6 && text.charAt(i - 6) == '\\'));
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

  /**
   * The end of a mask token starting at {@code i} ({@code <hetu>}, {@code <email:BCDF…>}), or -1.
   */
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
   * characters, as it does after most digit runs of a log line (times, counts, ids). Small enough
   * to be inlined into the scan loop, which then calls the spelling-aware {@link #matchHetu} only
   * where it can match.
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
   * end of the match or -1. Read through {@link Spelling}, so a Unicode dash or plus, an escape or
   * a full-width form spells the same character, invisible characters are skipped, and up to two
   * non-ASCII spaces may stand on each side of the sign. A shape inside a hexadecimal identifier (a
   * UUID, trace id, key id or hash: {@link #isInHexId}) is part of that id, not a HETU; text before
   * {@code floor} has been replaced.
   */
  static int matchHetu(String text, int i, int floor) {
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
    char sign = Spelling.charOf(r);
    if (!(isAsciiLetter(sign) || sign == '+' || sign == '-')) {
      return -1;
    }
    r = skipGaps(text, endOf(r));
    if (r == Spelling.NONE || !isAsciiDigit(Spelling.charOf(r))) {
      return -1;
    }
    int end = digits(text, endOf(r), 2);
    if (end < 0) {
      return -1;
    }
    while (true) {
      r = Spelling.read(text, end);
      if (r == Spelling.NONE || !isAsciiAlnum(Spelling.charOf(r))) {
        break;
      }
      end = endOf(r);
    }
    if ((sign == '-' || isHexLetter(sign)) && isInHexId(text, i, end, floor)) {
      return -1;
    }
    return end;
  }

  /** The shortest hex group that makes a token an identifier: a 64-bit id written in hex. */
  static final int MIN_HEX_ID_LENGTH = 16;

  /** The group lengths of a UUID's text form. */
  private static final int[] UUID_GROUPS = {8, 4, 4, 4, 12};

  /**
   * Whether the HETU-shaped run or phone number {@code text[start, end)} is part of a hexadecimal
   * identifier (issue 25). The token around it, the maximal run of ASCII hex digits and {@code -},
   * must be bounded by characters that are neither letters nor digits and consist of non-empty
   * groups of hex digits joined by single dashes; it is an identifier when it is a UUID ({@code
   * 8-4-4-4-12}) or has a group of at least {@value #MIN_HEX_ID_LENGTH} hex digits and a letter
   * {@code a-f} somewhere (all digits is a number). That covers UUIDs, W3C trace ids, span ids and
   * traceparents, B3 headers, key ids, object ids and hashes.
   *
   * <p>Never an identifier: a run glued to a letter past {@code f} or to a non-ASCII letter or
   * digit ({@code asiakas131052-308T}); one with an escape, a Unicode dash, a space or an invisible
   * character inside; one whose sign or check character is outside {@code 0-9 a-f -} ({@code
   * e94c…-131052-308T}); a lone hex run of 12–15 characters, which cannot be told from a HETU with
   * a character glued to it ({@code 290200A248A1}), and is therefore masked. Runs only for a HETU
   * candidate whose sign is {@code -} or a hex letter, and for a phone number found (a UUID's
   * {@code 0655-8504}), so it costs nothing on clean lines. Text before {@code floor} has been
   * replaced and counts as a boundary.
   */
  static boolean isInHexId(String text, int start, int end, int floor) {
    int n = text.length();
    int from = start;
    // text before floor has been replaced by a token ending in '>': a boundary, as when the
    // masked text is masked again
    while (from > floor && isHexOrDash(text.charAt(from - 1))) {
      from--;
    }
    int to = end;
    while (to < n && isHexOrDash(text.charAt(to))) {
      to++;
    }
    if ((from > floor && Character.isLetterOrDigit(text.charAt(from - 1)))
        || (to < n && Character.isLetterOrDigit(text.charAt(to)))) {
      return false; // glued to a letter past f, or to a non-ASCII letter or digit: text
    }
    int group = 0;
    int groups = 0;
    int longest = 0;
    boolean letter = false;
    boolean uuid = true;
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (c == '-') {
        if (group == 0) {
          return false; // a leading, trailing or doubled dash: not an id's shape
        }
        uuid &= groups < 4 && group == UUID_GROUPS[groups];
        groups++;
        longest = Math.max(longest, group);
        group = 0;
      } else if (isAsciiDigit(c)) {
        group++;
      } else if (isHexLetter(c)) {
        group++;
        letter = true;
      } else {
        return false; // an escape, space or other character inside the candidate
      }
    }
    if (group == 0) {
      return false;
    }
    uuid &= groups == 4 && group == 12;
    return uuid || (letter && Math.max(longest, group) >= MIN_HEX_ID_LENGTH);
  }

  private static boolean isHexOrDash(char c) {
    return c == '-' || isAsciiDigit(c) || isHexLetter(c);
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
   * non-ASCII space, dash or {@code +} (form-encoded space) may stand between {@code FI} and the
   * check digits and between any two digits ({@code FI 21 1234 5600 0007 85}); letters and digits
   * glued to the end belong to the match.
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
    // '+' is a space in a form-encoded query string: "iban=FI21+1234+5600+0007+85"
    return c == ' ' || c == '-' || c == '+' || c == Spelling.GAP;
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
      } else if (c != ' ' && c != '-' && c != '+') {
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

  /** Digits of a complete national number, its trunk 0 included: {@code 09 123 4567}. */
  private static final int NATIONAL_COMPLETE = 9;

  /** Digits of a complete international number, country code included: {@code +1 415 555 2671}. */
  private static final int INTERNATIONAL_COMPLETE = 11;

  /**
   * Digits after {@code 00} that an unbroken run needs to be an international number: the shortest
   * common ones ({@code 00298 123456}, Faroe Islands) have 9; a zero-padded order number ({@code
   * 0068728705}) has fewer.
   */
  private static final int MIN_AFTER_DOUBLE_ZERO = 9;

  /**
   * A phone number at {@code i}: {@code +} (also {@code %2B}, escaped or full-width) or {@code 00}
   * and a country code (never 0), 8–15 digits in all; or a national number, {@code 0} or {@code (0}
   * and a digit 1–9, 7–12 digits. Groups of digits separated by one space, dash, no-break space,
   * {@code %20}, {@code %2D} or {@code +} (a space in a form-encoded query); {@code (0)} after the
   * country code is allowed. Returns the end of the last group that kept the number in range, or
   * -1.
   *
   * <p>What follows a number is not part of it (issue 25): once the number is complete (9 digits
   * national, 11 international, or a group of 7 or more digits in range: {@code +123456789 12 ms})
   * no further group is taken, a group of one digit is taken only as the first group or after a
   * first group of at most 4 (a country or area code: {@code +1}, {@code +358 9}), an unbroken
   * {@code 00} run needs {@value #MIN_AFTER_DOUBLE_ZERO} digits after the {@code 00} (and takes no
   * further group when its first group has more than 4), and a business id with a valid check digit
   * ({@code 0558774-4}) is not a phone.
   */
  static int matchPhone(String text, int i) {
    int n = text.length();
    int j = i;
    boolean international;
    boolean doubleZero = false;
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
      if (j + 2 >= n || text.charAt(j + 1) != '0' || !isNonZeroDigit(text.charAt(j + 2))) {
        return -1;
      }
      international = false;
    } else if (c == '0') {
      if (j + 1 >= n || !isAsciiDigit(text.charAt(j + 1))) {
        return -1;
      }
      if (text.charAt(j + 1) == '0') {
        // "00", the international prefix, then a country code, glued or after one separator
        int k = j + 2;
        k += k < n ? separator(text, k) : 0;
        if (k >= n || !isNonZeroDigit(text.charAt(k))) {
          return -1;
        }
        international = true;
        doubleZero = true;
        j = k;
      } else {
        if (isBusinessId(text, j)) {
          return -1;
        }
        international = false;
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
    int complete = international ? INTERNATIONAL_COMPLETE : NATIONAL_COMPLETE;
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
            if (j < n) {
              j += separator(text, j);
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
      if (g == 1 && (groups >= 2 || (groups == 1 && size0 > 4))) {
        break; // "040 123 4567 3 attempts", "09 123 456 7 tries": a count, not a group
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
      boolean inRange =
          digits >= min
              && !isDateShaped(groups, size0, size1, size2, international)
              && !(doubleZero && groups == 1 && digits < MIN_AFTER_DOUBLE_ZERO);
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
      if (digits >= complete || j >= n || (inRange && g >= 7)) {
        break; // complete: a further group is a count, a retry number or a duration
      }
      if (doubleZero && groups == 1 && size0 > 4) {
        break; // after "00" a group is a country code (and area code), not "0068728705 3"
      }
      int sep = separator(text, j);
      if (sep > 0
          && j + sep < n
          && (isAsciiDigit(text.charAt(j + sep)) || text.charAt(j + sep) == '(')) {
        j += sep;
      } else {
        break;
      }
    }
    return lastGood;
  }

  private static boolean isNonZeroDigit(char c) {
    return c >= '1' && c <= '9';
  }

  /**
   * The length of a separator between two groups of a phone number at {@code j}: a space, dash or
   * no-break space, a {@code +} (a space in a form-encoded query string), or {@code %20} or {@code
   * %2D} (URL-encoded space and dash); 0 if none.
   */
  private static int separator(String text, int j) {
    char c = text.charAt(j);
    if (c == ' ' || c == '-' || c == '\u00a0' || c == '+') {
      return 1;
    }
    if (c == '%' && j + 2 < text.length() && text.charAt(j + 1) == '2') {
      char e = text.charAt(j + 2);
      if (e == '0' || e == 'D' || e == 'd') {
        return 3;
      }
    }
    return 0;
  }

  private static final int[] BUSINESS_ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2};

  /**
   * A Finnish business id (Y-tunnus) at {@code j}: seven digits, {@code -}, the check digit, not
   * followed by another digit, and the check digit right: the digits weighted 7 9 10 5 8 4 2, the
   * sum mod 11 is 0 (check 0) or 2–10 (check 11 − remainder); remainder 1 is never issued. A
   * business id names a company, not a person; with a wrong check digit the text is judged as the
   * phone number it may be.
   */
  static boolean isBusinessId(String text, int j) {
    int n = text.length();
    if (j + 9 > n || text.charAt(j + 7) != '-' || !isAsciiDigit(text.charAt(j + 8))) {
      return false;
    }
    if (j + 9 < n && isAsciiAlnum(text.charAt(j + 9))) {
      return false;
    }
    int sum = 0;
    for (int k = 0; k < 7; k++) {
      char d = text.charAt(j + k);
      if (!isAsciiDigit(d)) {
        return false;
      }
      sum += (d - '0') * BUSINESS_ID_WEIGHTS[k];
    }
    int remainder = sum % 11;
    if (remainder == 1) {
      return false;
    }
    int check = remainder == 0 ? 0 : 11 - remainder;
    return text.charAt(j + 8) - '0' == check;
  }

  /** "01-02-2026" and "01 02 26" are dates, not phone numbers. */
  private static boolean isDateShaped(
      int groups, int size0, int size1, int size2, boolean international) {
    return !international && groups == 3 && size0 == 2 && size1 == 2 && (size2 == 4 || size2 == 2);
  }

  // ---------------------------------------------------------------- e-mail

  /**
   * The next {@code @} from {@code from}, or the next {@code %40} (an URL-encoded {@code @}) when
   * the text has a {@code %}: -1 if none.
   */
  private static int nextAt(String text, int from, boolean percent) {
    int at = text.indexOf('@', from);
    if (percent) {
      int encoded = text.indexOf("%40", from);
      if (encoded >= 0 && (at < 0 || encoded < at)) {
        return encoded;
      }
    }
    return at;
  }

  /**
   * Where an address's local part starts in the run {@code text[i, at)}: after leading dots and
   * after URL escapes of characters that cannot be in it ({@code to=%3Csanna%40…} starts at {@code
   * s}), so that the token and the pseudonym cover the address only.
   */
  private static int skipLocalLead(String text, int i, int at) {
    int s = i;
    while (s < at) {
      char c = text.charAt(s);
      if (c == '.') {
        s++;
      } else if (c == '%') {
        long r = Spelling.read(text, s);
        int e = Spelling.endOf(r);
        if (e == s + 3 && e <= at && !isLocalChar(Spelling.charOf(r))) {
          s = e;
        } else {
          break;
        }
      } else {
        break;
      }
    }
    return s;
  }

  /**
   * A domain with at least one dot and an alphabetic top-level label, from {@code i}: end or -1.
   */
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
