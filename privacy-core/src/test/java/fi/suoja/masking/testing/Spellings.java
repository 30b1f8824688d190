package fi.suoja.masking.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Random;

/**
 * Re-spells an ASCII HETU or IBAN the way pasted, serialised or encoded text shows it, and turns
 * such text back into what a reader sees. Written without the masker's code, so that a shared
 * mistake cannot hide a leak.
 */
final class Spellings {

  /** Dashes people paste as the century sign: Pd class members and minus signs. */
  private static final char[] DASHES = {
    '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63',
    '\uff0d', '\u058a', '\u2e3a', '\u301c', '\u1806'
  };

  private static final char[] PLUSES = {'\uff0b', '\ufe62', '\u207a'};
  private static final char[] SPACES = {'\u00a0', '\u202f', '\u2007', '\u2009'};
  private static final char[] INVISIBLES = {'\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'};

  /** Zero of some decimal digit blocks besides ASCII: full-width, Arabic-Indic, Devanagari. */
  private static final char[] ZEROS = {'\uff10', '\u0660', '\u0966'};

  private static final String ESCAPE = "\\" + "u";

  private Spellings() {}

  /**
   * {@code code} (ASCII, 10–12 characters, sign at index 6) re-spelled in one of seven styles;
   * style 6 mixes the others. The result never equals {@code code}.
   */
  static String hetu(String code, int style, Random random) {
    StringBuilder out = new StringBuilder();
    boolean mixed = style == 6;
    boolean changed = false;
    for (int k = 0; k < code.length(); k++) {
      char c = code.charAt(k);
      boolean sign = k == 6;
      int s = mixed ? random.nextInt(6) : style;
      String spelled;
      if (sign && s == 0) {
        spelled = String.valueOf(unicodeSign(c, random));
      } else if (s == 3 && (sign || random.nextInt(4) == 0)) {
        spelled = jsonEscape(sign && c == '-' && random.nextBoolean() ? '\u2013' : c, random);
      } else if (s == 4 && (sign || random.nextInt(4) == 0)) {
        spelled = urlEscape(sign && c == '-' && random.nextBoolean() ? '\u2013' : c, random);
      } else if (s == 5) {
        spelled = String.valueOf(wide(c, random));
      } else {
        spelled = String.valueOf(c);
      }
      if (sign && s == 2) {
        int where = random.nextInt(3);
        String space = String.valueOf(SPACES[random.nextInt(SPACES.length)]);
        spelled = (where != 1 ? space : "") + spelled + (where != 0 ? space : "");
      }
      if (k > 0 && (s == 1 && (sign || random.nextInt(3) == 0))) {
        spelled = INVISIBLES[random.nextInt(INVISIBLES.length)] + spelled;
      }
      changed |= !spelled.equals(String.valueOf(c));
      out.append(spelled);
    }
    if (!changed) {
      // a mixed style that happened to keep every character: force a dash or a wide sign
      return code.substring(0, 6) + unicodeSign(code.charAt(6), random) + code.substring(7);
    }
    return out.toString();
  }

  /** A compact {@code FIkk…} IBAN (any case) grouped by four in one of six styles. */
  static String iban(String compact, int style, Random random) {
    char sep =
        switch (style) {
          case 2 -> SPACES[random.nextInt(SPACES.length)];
          case 3 -> DASHES[random.nextInt(4)];
          default -> ' ';
        };
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < compact.length(); k++) {
      char c = compact.charAt(k);
      boolean groupStart = k > 0 && k % 4 == 0;
      boolean afterCountry = k == 2 && (style == 1 || (random.nextBoolean() && style != 0));
      if (groupStart || afterCountry) {
        if (style == 4 && random.nextBoolean()) {
          out.append(random.nextBoolean() ? "%20" : "%C2%A0");
        } else {
          out.append(sep);
        }
      }
      if (style == 4 && k > 0 && random.nextInt(4) == 0) {
        out.append(INVISIBLES[random.nextInt(INVISIBLES.length)]);
      }
      out.append(style == 5 ? wide(c, random) : c);
    }
    return out.toString();
  }

  private static char unicodeSign(char sign, Random random) {
    if (sign == '-') {
      return DASHES[random.nextInt(DASHES.length)];
    }
    if (sign == '+') {
      return PLUSES[random.nextInt(PLUSES.length)];
    }
    return (char) (sign + 0xFEE0); // a full-width letter
  }

  private static char wide(char c, Random random) {
    if (c >= '0' && c <= '9') {
      return (char) (ZEROS[random.nextInt(ZEROS.length)] + (c - '0'));
    }
    if (c == '-') {
      return '\uff0d';
    }
    return (char) (c + 0xFEE0); // full-width letters and '+'
  }

  private static String jsonEscape(char c, Random random) {
    String hex = String.format("%04x", (int) c);
    return ESCAPE + (random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
  }

  private static String urlEscape(char c, Random random) {
    StringBuilder out = new StringBuilder();
    for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
      String hex = String.format("%02X", b & 0xff);
      out.append('%').append(random.nextBoolean() ? hex : hex.toLowerCase(java.util.Locale.ROOT));
    }
    return out.toString();
  }

  static String plain(String spelled) {
    String decoded = urlDecode(jsonDecode(spelled));
    String nfkc = Normalizer.normalize(decoded, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(nfkc.length());
    for (int k = 0; k < nfkc.length(); k++) {
      char c = nfkc.charAt(k);
      int type = Character.getType(c);
      if (type == Character.FORMAT) {
        continue;
      }
      if (type == Character.DASH_PUNCTUATION || c == '\u2212' || c == '\u2796') {
        out.append('-');
      } else if (c == '\u2795') {
        out.append('+');
      } else if (type == Character.SPACE_SEPARATOR) {
        out.append(' ');
      } else if (type == Character.DECIMAL_DIGIT_NUMBER) {
        out.append((char) ('0' + Character.digit(c, 10)));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String jsonDecode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int k = 0;
    while (k < s.length()) {
      int j = k;
      while (j < s.length() && s.charAt(j) == '\\') {
        j++;
      }
      if (j > k && j + 5 <= s.length() && s.charAt(j) == 'u' && isHex(s, j + 1, j + 5)) {
        out.append((char) Integer.parseInt(s.substring(j + 1, j + 5), 16));
        k = j + 5;
      } else {
        out.append(s.charAt(k));
        k++;
      }
    }
    return out.toString();
  }

  private static String urlDecode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int k = 0;
    while (k < s.length()) {
      if (s.charAt(k) == '%' && k + 3 <= s.length() && isHex(s, k + 1, k + 3)) {
        bytes.write(HexFormat.fromHexDigits(s, k + 1, k + 3));
        k += 3;
        continue;
      }
      if (bytes.size() > 0) {
        out.append(bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
      }
      out.append(s.charAt(k));
      k++;
    }
    out.append(bytes.toString(StandardCharsets.UTF_8));
    return out.toString();
  }

  private static boolean isHex(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (Character.digit(s.charAt(k), 16) < 0 || s.charAt(k) > 'f') {
        return false;
      }
    }
    return true;
  }
}
