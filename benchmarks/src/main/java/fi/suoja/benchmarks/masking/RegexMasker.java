package fi.suoja.benchmarks.masking;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline: what a careful team writes with {@code java.util.regex}. One precompiled pattern
 * per detector, applied one after another, each {@code replaceAll} returning the same string when
 * nothing matched. Same shapes as Suoja's scanner (without checksum labels, which would only make
 * the baseline slower), with the boundaries a careful team adds so that ids, business ids and
 * zero-padded numbers survive (issue 25): a HETU not glued to letters or digits, {@code 00}
 * followed by a country code and 9 digits, no business-id shape, no phone after a dash, and {@code
 * %40}, {@code %20}, {@code %2B}, {@code %2D} read as their characters.
 */
final class RegexMasker {

  private static final Pattern HETU =
      Pattern.compile(
          "(?<![0-9A-Za-z])[0-9]{6}(?:[A-Za-z+-]|%2[BbDd])[0-9]{3}[A-Za-z0-9]?(?![0-9A-Za-z])");
  private static final Pattern EMAIL =
      Pattern.compile(
          "[\\p{L}\\p{N}._%+-]+(?:@|%40)[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");
  private static final String SEP = "(?:[ -]|%20|%2[Dd])?";
  private static final Pattern PHONE =
      Pattern.compile(
          "(?<![0-9])(?:\\+|%2[Bb])[0-9](?:"
              + SEP
              + "(?:\\(0\\))?[ -]?[0-9]){7,14}"
              + "|(?<![0-9])00[1-9](?:"
              + SEP
              + "[0-9]){8,13}"
              + "|(?<![\\p{L}\\p{N}_.,-])(?![0-9]{7}-[0-9](?![0-9]))\\(?0[1-9]\\)?(?:"
              + SEP
              + "[0-9]){5,11}(?![0-9])");
  private static final Pattern IBAN =
      Pattern.compile("(?<![A-Za-z])[Ff][Ii][0-9]{2}(?:(?:[ +-]|%20)?[0-9]){14}[A-Za-z0-9]*");

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
          Pattern.compile(alternation.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
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
