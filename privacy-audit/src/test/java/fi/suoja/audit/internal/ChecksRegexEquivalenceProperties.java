package fi.suoja.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.AuditException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-written checks of {@link Checks} accept and reject exactly what their defining regular
 * expressions (the previous implementation, kept here as the reference) do.
 */
class ChecksRegexEquivalenceProperties {

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_:.\\-/@#]+");
  private static final Pattern HETU_SHAPE =
      Pattern.compile(
          "(?<![0-9A-Za-z])([0-3]\\d[01]\\d\\d\\d)[-+A-FU-Y](\\d{3})([0-9A-FHJ-NPR-Y])(?![0-9A-Za-z])");
  private static final String CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY";

  private static boolean referenceContainsHetu(String value) {
    Matcher m = HETU_SHAPE.matcher(value);
    while (m.find()) {
      int number = Integer.parseInt(m.group(1) + m.group(2));
      if (CHECK_CHARS.charAt(number % 31) == m.group(3).charAt(0)) {
        return true;
      }
    }
    return false;
  }

  /** A HETU shape with a correct check character about half of the time. */
  @Provide
  Arbitrary<String> hetuLike() {
    Arbitrary<String> birth =
        Combinators.combine(
                Arbitraries.integers().between(0, 39),
                Arbitraries.integers().between(0, 19),
                Arbitraries.integers().between(0, 99))
            .as((d, m, y) -> String.format("%02d%02d%02d", d, m, y));
    Arbitrary<Character> sign = Arbitraries.of('-', '+', 'A', 'C', 'F', 'G', 'U', 'Y', 'Z', '0');
    Arbitrary<Integer> individual = Arbitraries.integers().between(0, 999);
    return Combinators.combine(birth, sign, individual, Arbitraries.integers().between(0, 31))
        .as(
            (b, s, n, wrong) -> {
              String digits = b + String.format("%03d", n);
              char check = CHECK_CHARS.charAt((int) (Long.parseLong(digits) % 31));
              char c = wrong == 31 ? 'Z' : wrong % 2 == 0 ? check : CHECK_CHARS.charAt(wrong);
              return b + s + String.format("%03d", n) + c;
            });
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.strings().withChars("0123456789-+AFUYZafz _:./@#éx\u0661").ofMaxLength(8);
  }

  @Property(tries = 2000)
  void containsHetu_anyEmbedding_agreesWithRegex(
      @ForAll("noise") String before,
      @ForAll("hetuLike") String hetu,
      @ForAll("noise") String after,
      @ForAll("hetuLike") String second) {
    String value = before + hetu + after + second;
    assertThat(Checks.containsHetu(value)).as(value).isEqualTo(referenceContainsHetu(value));
    assertThat(Checks.containsHetu(hetu)).as(hetu).isEqualTo(referenceContainsHetu(hetu));
  }

  @Property(tries = 1000)
  void token_anyString_acceptedExactlyWhenRegexMatches(
      @ForAll("noise") String a, @ForAll("noise") String b) {
    String value = "t" + a + b;
    boolean expected = TOKEN.matcher(value).matches() && !referenceContainsHetu(value);
    for (int call = 0; call < 2; call++) { // the second call may be answered by the cache
      if (expected) {
        assertThat(Checks.token("field", value)).isEqualTo(value);
      } else {
        assertThatThrownBy(() -> Checks.token("field", value)).isInstanceOf(AuditException.class);
      }
    }
  }

  /**
   * Strings of the UUID text form, digits only or mixed with hex letters of either case, and near
   * misses (one character or one hyphen off): the fast path of {@link Checks#isUuid} must agree
   * with the full checks on all of them.
   */
  @Provide
  Arbitrary<String> uuidLike() {
    Arbitrary<String> hex =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("0123456789").ofLength(32),
            Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(32));
    Arbitrary<Integer> tweak = Arbitraries.integers().between(-1, 40);
    Arbitrary<Character> odd = Arbitraries.of('-', '+', 'A', 'Y', 'g', ' ', '0', '\n');
    return Combinators.combine(hex, tweak, odd)
        .as(
            (h, at, c) -> {
              String u =
                  h.substring(0, 8)
                      + "-"
                      + h.substring(8, 12)
                      + "-"
                      + h.substring(12, 16)
                      + "-"
                      + h.substring(16, 20)
                      + "-"
                      + h.substring(20);
              return at < 0 || at >= u.length() ? u : u.substring(0, at) + c + u.substring(at + 1);
            });
  }

  @Property(tries = 3000)
  void idAndToken_uuidShapedOrNearly_agreeWithRegex(@ForAll("uuidLike") String value) {
    boolean validId =
        !referenceContainsHetu(value) && value.chars().noneMatch(Character::isISOControl);
    boolean validToken = validId && TOKEN.matcher(value).matches();
    for (int call = 0; call < 2; call++) {
      if (validId) {
        assertThat(Checks.id("field", value)).isEqualTo(value);
      } else {
        assertThatThrownBy(() -> Checks.id("field", value)).isInstanceOf(AuditException.class);
      }
      if (validToken) {
        assertThat(Checks.token("field", value)).isEqualTo(value);
      } else {
        assertThatThrownBy(() -> Checks.token("field", value)).isInstanceOf(AuditException.class);
      }
    }
  }
}
