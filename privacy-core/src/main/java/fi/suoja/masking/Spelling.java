package fi.suoja.masking;

/**
 * What a character of a HETU, IBAN or phone number looks like to a reader, whatever way the text
 * spells it (security review D7): JSON escapes ({@code \u005cu002d}, also with the backslash
 * doubled), URL escapes ({@code %2B}, UTF-8 sequences such as {@code %E2%80%93}), full-width forms,
 * Unicode decimal digits, every dash of the Pd class and the minus signs, Unicode plus signs,
 * non-ASCII spaces, and invisible format characters (class Cf: zero-width spaces and joiners, word
 * joiner, byte order mark, soft hyphen), which are skipped.
 *
 * <p>The detectors read their characters through {@link #read}, which returns the normalised
 * character and where it ends, packed into a {@code long}: no allocation, and for an ASCII
 * character other than {@code \} and {@code %} three comparisons, so the scanner's clean path costs
 * about what it did before (benchmarks/README.md). Only {@link #plain}, used once a finding is
 * certain, allocates.
 */
final class Spelling {

  /** Every non-ASCII space (no-break, narrow no-break, figure, thin, ideographic) reads as this. */
  static final char GAP = '\u00a0';

  /** No character: the end of the text. */
  static final long NONE = -1L;

  /** What {@link #fold} returns for an invisible character, which readers skip. */
  private static final char INVISIBLE = 0;

  /** A character decoded from an escape that is neither ASCII nor known: a non-digit. */
  private static final char OTHER = '\ufffd';

  private Spelling() {}

  static char charOf(long read) {
    return (char) (read >>> 32);
  }

  static int endOf(long read) {
    return (int) read;
  }

  private static long pack(char c, int end) {
    return ((long) c << 32) | end;
  }

  /**
   * The character that starts at {@code pos}, after skipping invisible characters, as a reader sees
   * it: ASCII where it stands for an ASCII character, {@link #GAP} for a non-ASCII space, else the
   * character itself. Packed with the position after it; {@link #NONE} at the end.
   */
  static long read(String text, int pos) {
    // small enough to be inlined into every matcher: the slow path is a call of its own
    if (pos < text.length()) {
      char c = text.charAt(pos);
      if (c < 128 && c != '\\' && c != '%') {
        return pack(c, pos + 1);
      }
    }
    return readSpelled(text, pos);
  }

  private static long readSpelled(String text, int pos) {
    int n = text.length();
    int p = pos;
    while (p < n) {
      char c = text.charAt(p);
      if (c < 128 && c != '\\' && c != '%') {
        return pack(c, p + 1);
      }
      int end = p + 1;
      if (c == '\\' || c == '%') {
        long decoded = c == '\\' ? jsonEscape(text, p) : urlEscape(text, p);
        if (decoded < 0) {
          return pack(c, end);
        }
        c = charOf(decoded);
        end = endOf(decoded);
        if (c < 128) {
          return pack(c, end);
        }
      }
      char folded = fold(c);
      if (folded != INVISIBLE) {
        return pack(folded, end);
      }
      p = end;
    }
    return NONE;
  }

  /**
   * The character before {@code i} as a reader sees it, decoding an escape that ends at {@code i}
   * and starts at or after {@code floor} (text before {@code floor} has been replaced). Invisible
   * characters are returned as they are (they are neither digits nor letters).
   */
  static char before(String text, int i, int floor) {
    char c = text.charAt(i - 1);
    if (c >= 128) {
      char folded = fold(c);
      return folded == INVISIBLE ? c : folded;
    }
    if (hex(c) < 0) {
      return c;
    }
    if (i - 3 >= floor && text.charAt(i - 3) == '%' && hex(text.charAt(i - 2)) >= 0) {
      int b = hex(text.charAt(i - 2)) << 4 | hex(c);
      return b < 128 ? (char) b : OTHER; // the last byte of a UTF-8 sequence: not ASCII
    }
    if (i - 6 >= floor && text.charAt(i - 5) == 'u' && text.charAt(i - 6) == '\\') {
      int u = hex4(text, i - 4);
      if (u >= 0) {
        char decoded = (char) u;
        if (decoded < 128) {
          return decoded;
        }
        char folded = fold(decoded);
        return folded == INVISIBLE ? decoded : folded;
      }
    }
    return c;
  }

  /**
   * The characters of {@code text[start, end)} as {@link #read} sees them, without invisible
   * characters and non-ASCII spaces: the form that validation and pseudonyms use. Allocates.
   */
  static String plain(String text, int start, int end) {
    if (isPlainAscii(text, start, end)) {
      return text.substring(start, end); // the usual case: nothing to decode, one copy
    }
    StringBuilder out = new StringBuilder(end - start);
    int p = start;
    while (p < end) {
      long r = read(text, p);
      if (r == NONE || endOf(r) > end) {
        break;
      }
      char c = charOf(r);
      if (c != GAP) {
        out.append(c);
      }
      p = endOf(r);
    }
    return out.toString();
  }

  private static boolean isPlainAscii(String text, int start, int end) {
    for (int k = start; k < end; k++) {
      char c = text.charAt(k);
      if (c >= 128 || c == '\\' || c == '%') {
        return false;
      }
    }
    return true;
  }

  /** A non-ASCII character as a reader sees it; {@link #INVISIBLE} for a format character. */
  static char fold(char c) {
    if (c >= '\uff01' && c <= '\uff5e') {
      return (char) (c - 0xfee0); // full-width ASCII
    }
    switch (Character.getType(c)) {
      case Character.DECIMAL_DIGIT_NUMBER -> {
        return (char) ('0' + Character.digit(c, 10));
      }
      case Character.DASH_PUNCTUATION -> {
        return '-';
      }
      case Character.SPACE_SEPARATOR -> {
        return GAP;
      }
      case Character.FORMAT -> {
        return INVISIBLE;
      }
      default -> {}
    }
    return switch (c) {
      // minus sign, superscript, subscript and heavy minus
      case '\u2212', '\u207b', '\u208b', '\u2796' -> '-';
      // small, superscript, subscript and heavy plus
      case '\ufe62', '\u207a', '\u208a', '\u2795' -> '+';
      default -> c;
    };
  }

  /** {@code \}{@code uXXXX}, or with the backslash doubled (a JSON string inside a JSON string). */
  private static long jsonEscape(String text, int p) {
    int u = p + 1;
    if (u < text.length() && text.charAt(u) == '\\') {
      u++;
    }
    if (u + 5 > text.length() || text.charAt(u) != 'u') {
      return NONE;
    }
    int value = hex4(text, u + 1);
    return value < 0 ? NONE : pack((char) value, u + 5);
  }

  /** {@code %XX}: one byte, or a UTF-8 sequence of two or three escaped bytes. */
  private static long urlEscape(String text, int p) {
    int b0 = escapedByte(text, p);
    if (b0 < 0) {
      return NONE;
    }
    if (b0 < 0x80) {
      return pack((char) b0, p + 3);
    }
    int more = b0 >= 0xc2 && b0 <= 0xdf ? 1 : b0 >= 0xe0 && b0 <= 0xef ? 2 : 0;
    if (more == 0) {
      return NONE;
    }
    int value = b0 & (more == 1 ? 0x1f : 0x0f);
    for (int k = 1; k <= more; k++) {
      int b = escapedByte(text, p + 3 * k);
      if (b < 0x80 || b > 0xbf) {
        return NONE;
      }
      value = value << 6 | (b & 0x3f);
    }
    return pack((char) value, p + 3 * (more + 1));
  }

  private static int escapedByte(String text, int p) {
    if (p + 3 > text.length() || text.charAt(p) != '%') {
      return -1;
    }
    int hi = hex(text.charAt(p + 1));
    int lo = hex(text.charAt(p + 2));
    return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
  }

  private static int hex4(String text, int p) {
    if (p + 4 > text.length()) {
      return -1;
    }
    int value = 0;
    for (int k = p; k < p + 4; k++) {
      int h = hex(text.charAt(k));
      if (h < 0) {
        return -1;
      }
      value = value << 4 | h;
    }
    return value;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
