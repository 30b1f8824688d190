package fi.suoja.masking;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.masking.testing.PersonalDataArbitraries;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The masking invariants (SECURITY.md, "HETU and log masking": personal data never reaches the logs
 * in clear), over generated personal data embedded in generated text: never in the output, for both
 * maskers; masking is idempotent; text without personal data comes out as the same instance.
 *
 * <p>Embedding: arbitrary text (Unicode letters, digits, punctuation, line breaks) on both sides,
 * joined to the value by one separator (space, line break, tab, quote, bracket, {@code = : ; | / <
 * >}). A value glued to other letters or digits is a different token (see docs/MASKING.md).
 *
 * <p>Every kind also comes URL-encoded ({@code %40 %20 %2B %2D}, a {@code +} for a space), as in
 * request URLs and query strings (issue 25).
 *
 * <p>HETUs and IBANs come also in the spellings of security review D7 (Unicode dashes and plus
 * signs, no-break and zero-width spaces, JSON and URL escapes, full-width and other Unicode digits,
 * grouped IBANs): "never in the output" then means not even after decoding and normalising the
 * output as a reader would ({@code assertNotInOutput}).
 */
class MaskingPropertiesTest {

  private static final Masker PSEUDONYMISER =
      Pseudonymiser.withKey(new SecretKeySpec(new byte[32], "HmacSHA256"));

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars(" .,;:-+_/\\()[]{}<>\"'=!?#%&*\n\r\t@äöåÄÖÅéü€–—")
            .withCharRange('\u0400', '\u0450')
            .ofMaxLength(30),
        Arbitraries.strings().all().ofMaxLength(30));
  }

  @Provide
  Arbitrary<String> separator() {
    return Arbitraries.of(
        " ", "\n", "\r\n", "\t", "\"", "'", "(", ")", "[", "]", "=", ":", ";", "|", "/", "<", ">",
        ": ", " (", ") ");
  }

  @Provide
  Arbitrary<String> personalData() {
    Arbitrary<String> hetus =
        Arbitraries.oneOf(
            PersonalDataArbitraries.validHetus(),
            PersonalDataArbitraries.validHetus().map(h -> h.toLowerCase(Locale.ROOT)),
            PersonalDataArbitraries.nearMissHetus().map(PersonalDataArbitraries.NearMiss::code));
    return Arbitraries.oneOf(
        hetus,
        PersonalDataArbitraries.hetuSpellings(hetus),
        PersonalDataArbitraries.emails(),
        PersonalDataArbitraries.phones(),
        PersonalDataArbitraries.e164(),
        PersonalDataArbitraries.ibans(),
        PersonalDataArbitraries.ibanSpellings(),
        // as in request URLs and query strings: %40 %20 %2B %2D, '+' for a space (issue 25)
        PersonalDataArbitraries.urlEncoded(
            Arbitraries.oneOf(
                hetus,
                PersonalDataArbitraries.emails(),
                PersonalDataArbitraries.phones(),
                PersonalDataArbitraries.e164(),
                PersonalDataArbitraries.ibans())));
  }

  /**
   * {@code value} must not survive in {@code out}, neither as written nor in any form a reader (or
   * a JSON or URL decoder) would recognise: after {@link PersonalDataArbitraries#plain}, with white
   * space, dashes and plus signs removed, case ignored. For a HETU with sign {@code -} or {@code +}
   * that means its nine digits and check character never survive together, whatever separators are
   * around them.
   */
  private static void assertNotInOutput(String out, String value) {
    assertThat(out).doesNotContain(value);
    String recognisable = squash(PersonalDataArbitraries.plain(value));
    assertThat(squash(PersonalDataArbitraries.plain(out))).doesNotContain(recognisable);
  }

  /** Upper case without white space, dashes and plus signs: a value whatever its layout. */
  private static String squash(String plain) {
    StringBuilder out = new StringBuilder(plain.length());
    for (int k = 0; k < plain.length(); k++) {
      char c = plain.charAt(k);
      if (!Character.isWhitespace(c) && c != '-' && c != '+') {
        out.append(c);
      }
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  @Provide
  Arbitrary<String> embedded() {
    return Combinators.combine(text(), separator(), personalData(), separator(), text())
        .as((before, s1, value, s2, after) -> before + s1 + value + s2 + after);
  }

  @Property
  void anonymiser_embeddedPersonalData_neverInOutput(
      @ForAll("text") String before,
      @ForAll("separator") String s1,
      @ForAll("personalData") String value,
      @ForAll("separator") String s2,
      @ForAll("text") String after) {
    String out = Anonymiser.instance().mask(before + s1 + value + s2 + after);
    assertNotInOutput(out, value);
  }

  @Property
  void pseudonymiser_embeddedPersonalData_neverInOutput(
      @ForAll("text") String before,
      @ForAll("separator") String s1,
      @ForAll("personalData") String value,
      @ForAll("separator") String s2,
      @ForAll("text") String after) {
    String out = PSEUDONYMISER.mask(before + s1 + value + s2 + after);
    assertNotInOutput(out, value);
  }

  @Property
  void anonymiser_registeredLiteralAnywhere_neverInOutput(
      @ForAll("text") String before, @ForAll("literal") String name, @ForAll("text") String after) {
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      scope.register(name);
      // a literal such as "nal" may occur inside a token's own text: look outside the tokens
      String out = withoutTokens(Anonymiser.instance().mask(before + name + after));
      assertThat(out.toLowerCase(Locale.ROOT)).doesNotContain(name.toLowerCase(Locale.ROOT));
      String upper =
          withoutTokens(Anonymiser.instance().mask(before + " " + name.toUpperCase(Locale.ROOT)));
      assertThat(upper).doesNotContain(name.toUpperCase(Locale.ROOT));
    }
  }

  private static String withoutTokens(String masked) {
    return masked.replaceAll(
        "<(hetu|email|phone|iban|personal)\\??(:[BCDFGHJKLMNPQRST]{12})?>", "\u0000");
  }

  @Provide
  Arbitrary<String> literal() {
    return Arbitraries.oneOf(
        PersonalDataArbitraries.names(),
        Combinators.combine(PersonalDataArbitraries.names(), PersonalDataArbitraries.names())
            .as((a, b) -> a + " " + b),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("äöå")
            .ofMinLength(3)
            .ofMaxLength(12));
  }

  @Property
  void mask_embedded_isIdempotent(@ForAll("embedded") String in) {
    for (Masker masker : new Masker[] {Anonymiser.instance(), PSEUDONYMISER}) {
      String once = masker.mask(in);
      assertThat(masker.mask(once)).isEqualTo(once);
    }
  }

  @Provide
  Arbitrary<String> dataLikeNoise() {
    return Arbitraries.strings()
        .withChars("0123456789 -+()@.<>:FIfi?abcxyzBCDFGHJKLMNPQRST_hetuemailphoneibanpersonal")
        .withChars("%\\uABEF\u2013\u00a0\u200b\uff10\uff11\uff26\uff29")
        .ofMaxLength(60);
  }

  @Property
  void mask_dataLikeNoise_isIdempotent(@ForAll("dataLikeNoise") String in) {
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      scope.register("fix");
      for (Masker masker : new Masker[] {Anonymiser.instance(), PSEUDONYMISER}) {
        String once = masker.mask(in);
        assertThat(masker.mask(once)).isEqualTo(once);
      }
    }
  }

  @Provide
  Arbitrary<String> clean() {
    Arbitrary<String> word =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("äöåÄÖÉ")
            .ofMinLength(1)
            .ofMaxLength(10);
    Arbitrary<String> number = Arbitraries.integers().between(1, 9999).map(String::valueOf);
    Arbitrary<String> punctuation =
        Arbitraries.of(".", ",", ";", ":", "!", "?", "(", ")", "\"", "'", "\n", "-", "=", "/");
    // what D7's spellings are made of, without the data: the scanner must still not allocate
    Arbitrary<String> spellingParts =
        Arbitraries.of(
            "\u2013",
            "\u2212",
            "\u00a0",
            "\u202f",
            "\u200b",
            "\ufeff",
            "%20",
            "%2B",
            "%2d",
            "%E2%80%93",
            "\\u002d",
            "\\u00e4",
            "\\n",
            "\uff11",
            // full-width letters, but not "FI": followed by numbers it reads as a near-valid IBAN
            "\uff21\uff22");
    return Arbitraries.oneOf(word, word, number, punctuation, spellingParts)
        .list()
        .ofMaxSize(25)
        .map(tokens -> String.join(" ", tokens));
  }

  @Property
  void mask_textWithoutPersonalData_sameInstance(@ForAll("clean") String in) {
    assertThat(Anonymiser.instance().mask(in)).isSameAs(in);
    assertThat(PSEUDONYMISER.mask(in)).isSameAs(in);
  }

  @Property
  void tokens_neverLookLikeData(@ForAll("personalData") String value) {
    String anonymised = Anonymiser.instance().mask(value);
    String pseudonymised = PSEUDONYMISER.mask(value);
    for (String token : new String[] {anonymised, pseudonymised}) {
      assertThat(token).matches("<(hetu|email|phone|iban|personal)\\??(:[BCDFGHJKLMNPQRST]{12})?>");
    }
  }
}
