package fi.suoja.benchmarks.masking;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline: what a careful team writes with {@code java.util.regex}. One precompiled pattern
 * per detector, applied one after another, each {@code replaceAll} returning the same string when
 * nothing matched. Same shapes as Suoja's scanner (without checksum labels, which would only make
 * the baseline slower).
 */
final class RegexMasker {

  private static final Pattern HETU =
      Pattern.compile("(?<![0-9])[0-9]{6}[A-Za-z+-][0-9]{3}[A-Za-z0-9]*");
  private static final Pattern EMAIL =
      Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");
  private static final Pattern PHONE =
      Pattern.compile(
          "(?<![0-9])(?:\\+|00)[0-9](?:[ -]?(?:\\(0\\))?[ -]?[0-9]){7,14}"
              + "|(?<![\\p{L}\\p{N}_.,])\\(?0[0-9]\\)?(?:[ -]?[0-9]){5,11}(?![0-9])");
  private static final Pattern IBAN =
      Pattern.compile("(?<![A-Za-z])[Ff][Ii][0-9]{2}(?:[ -]?[0-9]){14}[A-Za-z0-9]*");

  private final Pattern literals;

  RegexMasker(List<String> registered) {
    if (registered.isEmpty()) {
      literals = null;
    } else {
      StringBuilder alternation = new StringBuilder();
      for (String literal : registered) {
        if (alternation.length() > 0) {
          alternation.append('|');
        }
        alternation.append(Pattern.quote(literal));
      }
      literals =
          Pattern.compile(
              alternation.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
  }

  String mask(String text) {
    String out = replace(HETU, text, "<hetu>");
    out = replace(EMAIL, out, "<email>");
    out = replace(IBAN, out, "<iban>");
    out = replace(PHONE, out, "<phone>");
    if (literals != null) {
      out = replace(literals, out, "<personal>");
    }
    return out;
  }

  private static String replace(Pattern pattern, String text, String token) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.replaceAll(token) : text;
  }
}
