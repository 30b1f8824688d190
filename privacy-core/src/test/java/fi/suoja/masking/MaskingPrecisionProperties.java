package fi.suoja.masking;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.masking.testing.PersonalDataArbitraries;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Precision of the pattern detectors (issue 25), each relaxation in both directions:
 *
 * <ul>
 *   <li>Hexadecimal identifiers (hex runs of 16 or more digits, UUIDs, W3C traceparents) with a
 *       HETU-shaped run planted inside never change; a HETU glued to ordinary words, or whose sign
 *       or check character is not a hex digit, glued to anything hex, never survives; a HETU
 *       between two identifiers is masked and the identifiers are not.
 *   <li>A count after a phone number survives, and the phone does not.
 *   <li>Business ids with a valid check digit and zero-padded numbers never change; a business id
 *       with a wrong check digit that looks like a phone number is masked.
 * </ul>
 *
 * URL-encoded personal data is in {@link MaskingPropertiesTest}'s generators (never in output,
 * after decoding).
 */
class MaskingPrecisionProperties {

  private static final Masker PSEUDONYMISER =
      Pseudonymiser.withKey(new SecretKeySpec(new byte[32], "HmacSHA256"));

  private static final String HEX = "0123456789abcdef";
  private static final String HEX_LETTERS = "abcdefABCDEF";

  // ---------------------------------------------------------------- identifiers

  private static Arbitrary<String> hex(int min, int max) {
    return Arbitraries.strings().withChars(HEX).ofMinLength(min).ofMaxLength(max);
  }

  /** Six digits, a hex letter as the sign, three digits, a hex check: a HETU shape in hex. */
  @Provide
  Arbitrary<String> hexShape() {
    Arbitrary<String> made =
        Combinators.combine(
                Arbitraries.strings().numeric().ofLength(6),
                Arbitraries.of(HEX_LETTERS.chars().mapToObj(c -> (char) c).toList()),
                Arbitraries.strings().numeric().ofLength(3),
                hex(0, 1))
            .as((d6, sign, d3, check) -> d6 + sign + d3 + check);
    // real HETUs of the 2000s whose check character happens to be a hex digit
    Arbitrary<String> real =
        PersonalDataArbitraries.validHetus()
            .filter(h -> isHexLetter(h.charAt(6)) && HEX.indexOf(lower(h.charAt(10))) >= 0);
    return Arbitraries.oneOf(made, real);
  }

  /** A hex run of 16–64 digits with a HETU shape inside, any case. */
  @Provide
  Arbitrary<String> hexRun() {
    return Combinators.combine(hex(0, 30), hexShape(), hex(0, 30))
        .as((a, shape, b) -> a + shape + b)
        .filter(s -> s.length() >= Scanner.MIN_HEX_ID_LENGTH && s.length() <= 64)
        .flatMap(
            s -> Arbitraries.of(true, false).map(upper -> upper ? s.toUpperCase(Locale.ROOT) : s));
  }

  /** UUIDs with a HETU shape in the last group, or spanning the first dash ({@code -} sign). */
  @Provide
  Arbitrary<String> uuid() {
    Arbitrary<String> random =
        Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong())).map(UUID::toString);
    Arbitrary<String> inTail =
        Combinators.combine(random, hex(1, 1), hexShape(), hex(0, 2))
            .as(
                (u, a, shape, b) -> {
                  String group = (a + shape + b + "000000000000").substring(0, 12);
                  return u.substring(0, 24) + group;
                });
    Arbitrary<String> acrossDash =
        Combinators.combine(
                random,
                hex(2, 2).filter(h -> isHexLetter(h.charAt(1))),
                Arbitraries.strings().numeric().ofLength(6),
                Arbitraries.strings().numeric().ofLength(3),
                hex(1, 1))
            .as((u, a, d6, d3, b) -> a + d6 + "-" + d3 + b + u.substring(13));
    return Arbitraries.oneOf(random, inTail, acrossDash);
  }

  /**
   * W3C traceparent: {@code 00-<32 hex>-<16 hex>-<2 hex>}, a HETU shape in the trace or span id.
   */
  @Provide
  Arbitrary<String> traceparent() {
    Arbitrary<String> traceId =
        Combinators.combine(hex(0, 20), hexShape(), hex(32, 32))
            .as((a, shape, fill) -> (a + shape + fill).substring(0, 32));
    Arbitrary<String> spanId =
        Combinators.combine(hex(0, 4), hexShape(), hex(16, 16))
            .as((a, shape, fill) -> (a + shape + fill).substring(0, 16));
    Arbitrary<String> across =
        Combinators.combine(
                hex(25, 25),
                Arbitraries.strings().numeric().ofLength(6),
                Arbitraries.strings().numeric().ofLength(3),
                hex(13, 13))
            .as((a, d6, d3, b) -> a + "e" + d6 + "-" + d3 + b);
    Arbitrary<String> separate = Combinators.combine(traceId, spanId).as((t, s) -> t + "-" + s);
    return Combinators.combine(Arbitraries.oneOf(separate, across), Arbitraries.of("00", "01"))
        .as((ids, flags) -> "00-" + ids + "-" + flags);
  }

  @Provide
  Arbitrary<String> identifier() {
    return Arbitraries.oneOf(hexRun(), uuid(), traceparent());
  }

  @Provide
  Arbitrary<String> boundary() {
    return Arbitraries.of(" ", "=", ":", "/", "\"", "(", ")", ",", "_", "{", "}", "[", "]", "\n");
  }

  @Property
  void mask_identifierWithHetuShapeInside_unchanged(
      @ForAll("boundary") String before,
      @ForAll("identifier") String id,
      @ForAll("boundary") String after) {
    String line = "id" + before + id + after + "ok";
    assertThat(Anonymiser.instance().mask(line)).isSameAs(line);
    assertThat(PSEUDONYMISER.mask(line)).isSameAs(line);
  }

  @Property
  void mask_hetuBetweenIdentifiers_hetuMaskedIdentifiersKept(
      @ForAll("identifier") String left,
      @ForAll("boundary") String s1,
      @ForAll("hetu") String hetu,
      @ForAll("boundary") String s2,
      @ForAll("identifier") String right) {
    String prefix = left + " " + s1;
    String suffix = s2 + " " + right;
    String out = Anonymiser.instance().mask(prefix + hetu + suffix);
    assertThat(out).startsWith(prefix).endsWith(suffix);
    // the HETU, and only the HETU, became a token (an id may happen to contain its characters)
    assertThat(out.substring(prefix.length(), out.length() - suffix.length()))
        .matches("<hetu\\??>");
  }

  // ---------------------------------------------------------------- HETUs next to text

  @Provide
  Arbitrary<String> hetu() {
    return Arbitraries.oneOf(
        PersonalDataArbitraries.validHetus(),
        PersonalDataArbitraries.validHetus().map(h -> h.toLowerCase(Locale.ROOT)),
        PersonalDataArbitraries.nearMissHetus().map(PersonalDataArbitraries.NearMiss::code));
  }

  /** Words of ordinary text: letters, at least one of them not a hex digit. */
  @Provide
  Arbitrary<String> word() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .withChars("äöåÄÖÅé")
        .ofMinLength(1)
        .ofMaxLength(12)
        .filter(w -> w.chars().anyMatch(c -> HEX.indexOf(Character.toLowerCase(c)) < 0));
  }

  @Property
  void mask_hetuGluedToWords_neverInOutput(
      @ForAll("word") String before,
      @ForAll("hetu") String hetu,
      @ForAll("word") String after,
      @ForAll("glue") int glue) {
    String glued =
        switch (glue) {
          case 0 -> before + hetu;
          case 1 -> hetu + after;
          default -> before + hetu + after;
        };
    String out = Anonymiser.instance().mask("x " + glued + " y");
    assertNotInOutput(out, hetu);
    assertNotInOutput(PSEUDONYMISER.mask("x " + glued + " y"), hetu);
  }

  @Provide
  Arbitrary<Integer> glue() {
    return Arbitraries.integers().between(0, 2);
  }

  /** HETUs that no hex identifier can hold: the sign or the check character is not hex. */
  @Provide
  Arbitrary<String> nonHexHetu() {
    return hetu()
        .filter(
            h ->
                h.length() >= 11
                    && ((!isHexLetter(h.charAt(6)) && h.charAt(6) != '-')
                        || HEX.indexOf(lower(h.charAt(10))) < 0));
  }

  @Property
  void mask_nonHexHetuGluedToHex_neverInOutput(
      @ForAll("nonHexHetu") String hetu,
      @ForAll("hexRunPrefix") String before,
      @ForAll("hexRunSuffix") String after) {
    String out = Anonymiser.instance().mask("kid=" + before + hetu + after + " ok");
    assertNotInOutput(out, hetu);
  }

  /** Hex glued before a HETU ends in a letter (a digit before it makes a longer number). */
  @Provide
  Arbitrary<String> hexRunPrefix() {
    return Combinators.combine(hex(0, 30), Arbitraries.of("a", "b", "c", "d", "e", "f", "-"))
        .as((h, last) -> h + last);
  }

  @Provide
  Arbitrary<String> hexRunSuffix() {
    return Arbitraries.oneOf(hex(0, 30), hex(1, 30).map(h -> "-" + h));
  }

  // ---------------------------------------------------------------- counts after a phone

  @Property
  void mask_countAfterPhone_survives(
      @ForAll("phone") String phone, @ForAll("count") int count, @ForAll("unit") String unit) {
    String out = Anonymiser.instance().mask("SMS via " + phone + " " + count + unit);
    assertThat(out).isEqualTo("SMS via <phone> " + count + unit);
  }

  @Provide
  Arbitrary<String> phone() {
    return Arbitraries.oneOf(PersonalDataArbitraries.phones(), PersonalDataArbitraries.e164());
  }

  @Provide
  Arbitrary<Integer> count() {
    return Arbitraries.integers().between(0, 999);
  }

  @Provide
  Arbitrary<String> unit() {
    return Arbitraries.of(" attempts", " ms", " s", " retries", " tries", "", ".", ",");
  }

  // ---------------------------------------------------------------- business ids, padding

  @Provide
  Arbitrary<String> sevenDigits() {
    return Arbitraries.oneOf(
        Arbitraries.strings().numeric().ofLength(7),
        Arbitraries.strings().numeric().ofLength(6).map(d -> "0" + d));
  }

  @Property
  void mask_businessIdWithValidCheckDigit_unchanged(@ForAll("sevenDigits") String digits) {
    int check = businessIdCheck(digits);
    if (check < 0) {
      return; // remainder 1: no valid business id has these digits
    }
    String line = "Y-tunnus " + digits + "-" + check + ", " + digits + "-" + check + " ok";
    assertThat(Anonymiser.instance().mask(line)).isSameAs(line);
  }

  @Property
  void mask_phoneShapedBusinessIdWithWrongCheckDigit_masked(
      @ForAll("sevenDigits") String digits, @ForAll("shift") int shift) {
    if (digits.charAt(0) != '0' || digits.charAt(1) == '0') {
      return; // not phone-shaped: not a finding either way
    }
    int right = businessIdCheck(digits);
    int wrong = ((right < 0 ? 0 : right) + shift) % 10;
    String id = digits + "-" + wrong;
    assertThat(Anonymiser.instance().mask("Y-tunnus " + id)).isEqualTo("Y-tunnus <phone>-" + wrong);
  }

  @Provide
  Arbitrary<Integer> shift() {
    return Arbitraries.integers().between(1, 9);
  }

  @Property
  void mask_zeroPaddedNumber_unchanged(
      @ForAll("padded") String number, @ForAll("count") int count, @ForAll("unit") String unit) {
    String line = "order " + number + " " + count + unit;
    assertThat(Anonymiser.instance().mask(line)).isSameAs(line);
  }

  /** Numbers below 10^8 zero-padded to 10 digits (and below 10^6 to 8): two leading zeros. */
  @Provide
  Arbitrary<String> padded() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 99_999_999).map(n -> String.format("%010d", n)),
        Arbitraries.integers().between(0, 999_999).map(n -> String.format("%08d", n)));
  }

  /** Weights 7 9 10 5 8 4 2, mod 11; -1 for remainder 1 (written apart from the scanner). */
  private static int businessIdCheck(String digits) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int k = 0; k < 7; k++) {
      sum += Character.digit(digits.charAt(k), 10) * weights[k];
    }
    int r = sum % 11;
    return r == 1 ? -1 : r == 0 ? 0 : 11 - r;
  }

  // ---------------------------------------------------------------- helpers

  private static boolean isHexLetter(char c) {
    return HEX_LETTERS.indexOf(c) >= 0;
  }

  private static char lower(char c) {
    return Character.toLowerCase(c);
  }

  /**
   * As in {@link MaskingPropertiesTest}: the value never survives, not even decoded and with white
   * space, dashes and plus signs removed, case ignored.
   */
  private static void assertNotInOutput(String out, String value) {
    assertThat(out.toUpperCase(Locale.ROOT)).doesNotContain(value.toUpperCase(Locale.ROOT));
    assertThat(squash(PersonalDataArbitraries.plain(out))).doesNotContain(squash(value));
  }

  private static String squash(String s) {
    return s.replaceAll("[\\s+-]", "").toUpperCase(Locale.ROOT);
  }
}
