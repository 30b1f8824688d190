package fi.suoja.masking.testing;

import fi.suoja.masking.InvalidHetuException.Reason;
import java.time.LocalDate;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of fictitious personal data for tests of any module: valid HETUs (every century
 * sign, temporary numbers included), HETU near-misses with the reason they must be rejected for,
 * e-mail addresses, phone numbers, Finnish IBANs and names. Shipped in privacy-core's test-jar.
 */
public final class PersonalDataArbitraries {

  /** The mod-31 check table of the HETU. */
  public static final String CHECK_TABLE = "0123456789ABCDEFHJKLMNPRSTUVWXY";

  private static final String SIGNS_1800 = "+";
  private static final String SIGNS_1900 = "-YXWVU";
  private static final String SIGNS_2000 = "ABCDEF";
  private static final String NOT_SIGNS = "GHIJKLMNOPQRSTZ";

  private PersonalDataArbitraries() {}

  /** A near-miss HETU and the reason a validator must give. */
  public record NearMiss(String code, Reason reason) {}

  /** Valid HETUs, 1800-01-01 to 2099-12-31, every century sign, individual numbers 002–999. */
  public static Arbitrary<String> validHetus() {
    return Combinators.combine(dates(), Arbitraries.integers().between(2, 999), signIndex())
        .as(PersonalDataArbitraries::hetu);
  }

  /** Valid HETUs with a permanent individual number (002–899). */
  public static Arbitrary<String> permanentHetus() {
    return Combinators.combine(dates(), Arbitraries.integers().between(2, 899), signIndex())
        .as(PersonalDataArbitraries::hetu);
  }

  /** Valid HETUs with a temporary individual number (900–999). */
  public static Arbitrary<String> temporaryHetus() {
    return Combinators.combine(dates(), Arbitraries.integers().between(900, 999), signIndex())
        .as(PersonalDataArbitraries::hetu);
  }

  /**
   * Near-misses: a wrong check character, an impossible date (consistent check character), a letter
   * that is not a century sign, a missing or extra last character, individual number 000/001.
   */
  public static Arbitrary<NearMiss> nearMissHetus() {
    return Arbitraries.oneOf(
        wrongCheckCharacter(), badDate(), wrongSign(), wrongLength(), neverIssued());
  }

  private static Arbitrary<NearMiss> wrongCheckCharacter() {
    return Combinators.combine(validHetus(), Arbitraries.integers().between(1, 30))
        .as(
            (code, shift) -> {
              int right = CHECK_TABLE.indexOf(code.charAt(10));
              char wrong = CHECK_TABLE.charAt((right + shift) % 31);
              return new NearMiss(code.substring(0, 10) + wrong, Reason.CHECK_CHARACTER);
            });
  }

  private static Arbitrary<NearMiss> badDate() {
    Arbitrary<String> ddmm =
        Arbitraries.oneOf(
            Arbitraries.integers().between(32, 39).map(d -> String.format("%02d01", d)),
            Arbitraries.integers().between(13, 19).map(m -> String.format("01%02d", m)),
            Arbitraries.of("0001", "0012", "0000", "3102", "3002", "3104", "3106", "3109", "3111"),
            Arbitraries.of("2902"));
    return Combinators.combine(
            ddmm, Arbitraries.integers().between(0, 99), Arbitraries.integers().between(2, 999))
        .as(
            (dm, yy, individual) -> {
              // century sign '-': 19yy; 29 Feb only in a year that is not leap (1900 is not)
              int year = dm.equals("2902") && yy % 4 == 0 && yy != 0 ? yy + 1 : yy;
              String head = dm + String.format("%02d", year);
              String zzz = String.format("%03d", individual);
              String code = head + "-" + zzz + check(head + zzz);
              return new NearMiss(code, Reason.DATE);
            });
  }

  private static Arbitrary<NearMiss> wrongSign() {
    return Combinators.combine(validHetus(), Arbitraries.of(NOT_SIGNS.chars().boxed().toList()))
        .as(
            (code, sign) ->
                new NearMiss(
                    code.substring(0, 6) + (char) sign.intValue() + code.substring(7),
                    Reason.CENTURY_SIGN));
  }

  private static Arbitrary<NearMiss> wrongLength() {
    return Combinators.combine(validHetus(), Arbitraries.of(true, false), alnum())
        .as(
            (code, drop, extra) ->
                new NearMiss(drop ? code.substring(0, 10) : code + extra, Reason.FORMAT));
  }

  private static Arbitrary<NearMiss> neverIssued() {
    return Combinators.combine(dates(), Arbitraries.integers().between(0, 1), signIndex())
        .as((date, zzz, sign) -> new NearMiss(hetu(date, zzz, sign), Reason.INDIVIDUAL_NUMBER));
  }

  /** E-mail addresses: dotted local parts, sub-domains, hyphens, Finnish letters in names. */
  public static Arbitrary<String> emails() {
    Arbitrary<String> word =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> local =
        Combinators.combine(
                word, Arbitraries.of("", ".", "_", "-", "+"), word, Arbitraries.of("", "1", "42"))
            .as((a, sep, b, n) -> sep.isEmpty() ? a + n : a + sep + b + n);
    Arbitrary<String> domain =
        Combinators.combine(
                word,
                Arbitraries.of("", "mail.", "posti."),
                Arbitraries.of("fi", "com", "org", "net", "eu"))
            .as((d, sub, tld) -> sub + d + "." + tld);
    return Combinators.combine(local, domain, Arbitraries.of(true, false))
        .as(
            (l, d, upper) ->
                upper ? (l + "@" + d).toUpperCase(java.util.Locale.ROOT) : l + "@" + d);
  }

  /**
   * Phone numbers: Finnish national (040 123 4567, 040-1234567, 09 1234 567, (09) 123 4567),
   * international (+358 40 123 4567, +358 (0)40 1234567, 00358 40 1234567) and E.164.
   */
  public static Arbitrary<String> phones() {
    Arbitrary<String> mobilePrefix = Arbitraries.of("40", "41", "44", "45", "46", "50");
    Arbitrary<String> subscriber = Arbitraries.strings().numeric().ofLength(7);
    Arbitrary<Integer> format = Arbitraries.integers().between(0, 8);
    return Combinators.combine(mobilePrefix, subscriber, format)
        .as(
            (p, s, f) ->
                switch (f) {
                  case 0 -> "0" + p + " " + s.substring(0, 3) + " " + s.substring(3);
                  case 1 -> "0" + p + "-" + s;
                  case 2 -> "0" + p + s;
                  case 3 -> "09 " + s.substring(0, 4) + " " + s.substring(4);
                  case 4 -> "(09) " + s.substring(0, 3) + " " + s.substring(3);
                  case 5 -> "+358 " + p + " " + s.substring(0, 3) + " " + s.substring(3);
                  case 6 -> "+358 (0)" + p + " " + s;
                  case 7 -> "00358 " + p + " " + s;
                  default -> "+358" + p + s;
                });
  }

  /** E.164 numbers of other countries: {@code +} and 9–15 digits, first digit 1–9. */
  public static Arbitrary<String> e164() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 9),
            Arbitraries.strings().numeric().ofMinLength(8).ofMaxLength(14))
        .as((first, rest) -> "+" + first + rest);
  }

  /** Finnish IBANs, valid or with a wrong check, with or without spaces, any case. */
  public static Arbitrary<String> ibans() {
    return Combinators.combine(
            Arbitraries.strings().numeric().ofLength(14),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(
            (bban, validCheck, spaced, lower) -> {
              int check = 98 - mod97(bban + "151800");
              int kk = validCheck ? check : (check + 1) % 100;
              String compact = String.format("FI%02d%s", kk, bban);
              String out = spaced ? spaced(compact) : compact;
              return lower ? out.toLowerCase(java.util.Locale.ROOT) : out;
            });
  }

  /**
   * The same HETUs spelled as people and tools write them (security review D7): a Unicode dash or
   * plus as the century sign, a no-break or zero-width space between the parts, JSON ({@code
   * \\u002d}) or URL ({@code %2D}, {@code %E2%80%93}) escapes of any character, full-width or other
   * Unicode digits and letters. Every spelling differs from the ASCII code; {@link #plain} turns it
   * back.
   */
  public static Arbitrary<String> hetuSpellings(Arbitrary<String> codes) {
    return Combinators.combine(codes, Arbitraries.integers().between(0, 6), Arbitraries.longs())
        .as((code, style, seed) -> Spellings.hetu(code, style, new Random(seed)));
  }

  /**
   * Finnish IBANs ({@link #ibans()}, compact form) in grouped spellings: {@code FI21 1234 …},
   * {@code FI 21 1234 …}, separated by no-break or narrow no-break spaces or Unicode dashes, with
   * zero-width characters, full-width, or URL/JSON-escaped separators. {@link #plain} and removing
   * separators give the compact form back.
   */
  public static Arbitrary<String> ibanSpellings() {
    return Combinators.combine(ibans(), Arbitraries.integers().between(0, 5), Arbitraries.longs())
        .as((iban, style, seed) -> Spellings.iban(iban.replace(" ", ""), style, new Random(seed)));
  }

  /**
   * {@code values} as they stand in a request URL or query string (issue 25): each {@code @},
   * space, {@code +} and {@code -} percent-encoded ({@code %40 %20 %2B %2D}, hex in either case)
   * or, for a space, written {@code +} as form encoding does; every value has at least one such
   * character encoded. {@link #plain} decodes the percent escapes.
   */
  public static Arbitrary<String> urlEncoded(Arbitrary<String> values) {
    return Combinators.combine(values, Arbitraries.longs())
        .as((value, seed) -> urlEncode(value, new Random(seed)))
        .filter(encoded -> encoded.indexOf('%') >= 0);
  }

  private static String urlEncode(String value, Random random) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < value.length(); k++) {
      char c = value.charAt(k);
      String hex =
          switch (c) {
            case '@' -> "40";
            case ' ' -> "20";
            case '+' -> "2B";
            case '-' -> "2D";
            default -> null;
          };
      if (hex == null || random.nextInt(5) == 0) {
        out.append(c);
      } else if (c == ' ' && random.nextInt(3) == 0) {
        out.append('+');
      } else {
        out.append('%').append(random.nextBoolean() ? hex : hex.toLowerCase(java.util.Locale.ROOT));
      }
    }
    return out.toString();
  }

  /**
   * The text a reader sees in {@code spelled}: JSON {@code \\uXXXX} and URL {@code %XX} escapes
   * decoded (UTF-8), NFKC (full-width to ASCII), other Unicode digits to ASCII, every dash and
   * minus to {@code -}, Unicode plus signs to {@code +}, format characters (zero-width) removed,
   * every space to an ASCII space. Independent of the masker's own code.
   */
  public static String plain(String spelled) {
    return Spellings.plain(spelled);
  }

  /** Names (first and last), including Finnish and Sámi letters and hyphens. */
  public static Arbitrary<String> names() {
    return Arbitraries.of(
        "Matti",
        "Virtanen",
        "Äijälä",
        "Östen",
        "Ánde",
        "Maija-Liisa",
        "Korhonen",
        "Nieminen",
        "Mäkelä",
        "Hämäläinen",
        "Lahtinen",
        "Sámi",
        "Jääskeläinen",
        "Heikki",
        "Tuula",
        "Onni",
        "Aino",
        "Eino",
        "Ahmed",
        "Nguyen");
  }

  /** A check character for nine digits, as the HETU defines it. */
  public static char check(String nineDigits) {
    return CHECK_TABLE.charAt(Integer.parseInt(nineDigits) % 31);
  }

  private static String spaced(String compact) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < compact.length(); i++) {
      if (i > 0 && i % 4 == 0) {
        out.append(' ');
      }
      out.append(compact.charAt(i));
    }
    return out.toString();
  }

  private static int mod97(String digits) {
    int r = 0;
    for (int i = 0; i < digits.length(); i++) {
      r = (r * 10 + (digits.charAt(i) - '0')) % 97;
    }
    return r;
  }

  private static Arbitrary<LocalDate> dates() {
    long from = LocalDate.of(1800, 1, 1).toEpochDay();
    long to = LocalDate.of(2099, 12, 31).toEpochDay();
    return Arbitraries.longs().between(from, to).map(LocalDate::ofEpochDay);
  }

  private static Arbitrary<Integer> signIndex() {
    return Arbitraries.integers().between(0, 5);
  }

  private static Arbitrary<String> alnum() {
    return Arbitraries.of("0", "7", "A", "K", "Y");
  }

  private static String hetu(LocalDate date, int individual, int signIndex) {
    int year = date.getYear();
    String signs = year < 1900 ? SIGNS_1800 : year < 2000 ? SIGNS_1900 : SIGNS_2000;
    char sign = signs.charAt(signIndex % signs.length());
    String head =
        String.format("%02d%02d%02d", date.getDayOfMonth(), date.getMonthValue(), year % 100);
    String zzz = String.format("%03d", individual);
    return head + sign + zzz + check(head + zzz);
  }
}
