package fi.suoja.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spellings of a HETU or IBAN that people and tools actually produce (security review D7): text
 * pasted from word processors (Unicode dashes, no-break and zero-width spaces), JSON string
 * escapes, URL encoding and full-width forms. Each must be masked like its ASCII form; text that
 * only uses the same escapes and characters without personal data must stay untouched.
 *
 * <p>Non-ASCII characters are written as Java escapes ({@code "\u2013"} is an en dash in the
 * string); a backslash in the text under test is written {@code "\\u002d"}.
 */
class MaskerSpellingsTest {

  private static final String HETU_HEAD = "131052";
  private static final String HETU_TAIL = "308T";

  private final Masker anonymiser = Anonymiser.instance();

  private String mask(String spelledValue) {
    return anonymiser.mask("client " + spelledValue + " admitted");
  }

  /** Every dash of the Unicode Pd class in the BMP, and the minus signs people type instead. */
  static IntStream dashes() {
    IntStream pd =
        IntStream.rangeClosed(0x80, 0xFFFF)
            .filter(c -> Character.getType(c) == Character.DASH_PUNCTUATION);
    return IntStream.concat(pd, IntStream.of(0x2212, 0x207B, 0x208B, 0x2796));
  }

  @Test
  void dashes_includeTheReportedOnes() {
    assertThat(dashes().boxed().toList())
        .contains(0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE63, 0xFF0D);
  }

  @ParameterizedTest
  @MethodSource("dashes")
  void mask_hetuWithUnicodeDashAsCenturySign_maskedAsValid(int dash) {
    String spelled = HETU_HEAD + (char) dash + HETU_TAIL;
    assertThat(mask(spelled)).isEqualTo("client <hetu> admitted");
  }

  @ParameterizedTest
  @ValueSource(ints = {0xFF0B, 0xFE62, 0x207A, 0x208A, 0x2795})
  void mask_hetuWithUnicodePlusAsCenturySign_maskedAsValid(int plus) {
    String spelled = HETU_HEAD + (char) plus + HETU_TAIL;
    assertThat(mask(spelled)).isEqualTo("client <hetu> admitted");
  }

  static Stream<String> spacedHetus() {
    List<String> out = new ArrayList<>();
    for (char space : new char[] {'\u00a0', '\u202f', '\u2007', '\u2009', '\u3000'}) {
      out.add(HETU_HEAD + space + "-" + HETU_TAIL);
      out.add(HETU_HEAD + "-" + space + HETU_TAIL);
      out.add(HETU_HEAD + space + "\u2013" + space + HETU_TAIL);
      out.add(HETU_HEAD + space + "A" + HETU_TAIL);
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("spacedHetus")
  void mask_hetuWithNoBreakSpaceAroundSign_masked(String spelled) {
    assertThat(mask(spelled)).isEqualTo("client <hetu> admitted");
  }

  static Stream<String> invisibleHetus() {
    List<String> out = new ArrayList<>();
    for (char invisible : new char[] {'\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'}) {
      out.add(HETU_HEAD + invisible + "-" + HETU_TAIL);
      out.add(HETU_HEAD + "-" + invisible + HETU_TAIL);
      out.add("13" + invisible + "10" + invisible + "52-308" + invisible + "T");
      out.add(HETU_HEAD + invisible + "\u00a0-" + HETU_TAIL);
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("invisibleHetus")
  void mask_hetuWithZeroWidthCharacterBetweenParts_masked(String spelled) {
    assertThat(mask(spelled)).isEqualTo("client <hetu> admitted");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "131052\\u002d308T",
        "131052\\u002D308T",
        "131052\\u2013308T",
        "131052\\u2011308T",
        "131052\\u002b308T",
        "131052\\u002B308T",
        "131052\\u0041308T",
        "131052\\u0061308t",
        "131052\\\\u002d308T",
        "\\u0031\\u00331052-308T",
        "131052-308\\u0054",
        "131052\\u00a0-308T",
        "131052\\u200b-308T",
        "\\uff11\\uff13\\uff11\\uff10\\uff15\\uff12\\uff0d\\uff13\\uff10\\uff18\\uff34",
      })
  void mask_hetuWithJsonEscapes_maskedAsValid(String spelled) {
    assertThat(mask(spelled)).isEqualTo("client <hetu> admitted");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "131052%2B308T",
        "131052%2b308T",
        "131052%2D308T",
        "131052%2d308T",
        "131052%41308T",
        "131052%E2%80%93308T",
        "131052%e2%80%90308T",
        "131052%C2%A0-308T",
        "%31%33%31%30%35%32%2D%33%30%38%54",
      })
  void mask_hetuWithUrlEscapes_maskedAsValid(String spelled) {
    assertThat(mask(spelled)).isEqualTo("client <hetu> admitted");
  }

  @Test
  void mask_hetuAfterEscapedSeparator_masked() {
    assertThat(anonymiser.mask("q=x%20131052-308T&y=1")).isEqualTo("q=x%20<hetu>&y=1");
    assertThat(anonymiser.mask("{\"n\":\"x\\u00a0131052-308T\"}"))
        .isEqualTo("{\"n\":\"x\\u00a0<hetu>\"}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\uff11\uff13\uff11\uff10\uff15\uff12-\uff13\uff10\uff18T",
        "\uff11\uff13\uff11\uff10\uff15\uff12\uff0d\uff13\uff10\uff18\uff34",
        "\uff11\uff13\uff11\uff10\uff15\uff12\uff21\uff13\uff10\uff18\uff54",
        "131052\uff0d308T",
        "131052\uff21308\uff34",
        "\u0661\u0663\u0661\u0660\u0665\u0662-\u0663\u0660\u0668T",
      })
  void mask_hetuInFullWidthOrOtherDigits_maskedAsValid(String spelled) {
    assertThat(mask(spelled)).isEqualTo("client <hetu> admitted");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "131052\u2013308U",
        "131052%2D308",
        "\uff13\uff12\uff10\uff11\uff19\uff18-123P",
      })
  void mask_nearMissHetuSpelledOtherwise_maskedAsUnverified(String spelled) {
    assertThat(mask(spelled)).isEqualTo("client <hetu?> admitted");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "FI21 1234 5600 0007 85",
        "FI 21 1234 5600 0007 85",
        "fi 21 1234 5600 0007 85",
        "FI21\u00a01234\u00a05600\u00a00007\u00a085",
        "FI\u00a021\u00a01234\u00a05600\u00a00007\u00a085",
        "FI21\u202f1234\u202f5600\u202f0007\u202f85",
        "FI21\u20131234\u20135600\u20130007\u201385",
        "FI21 1234\u200b 5600 0007 85",
        "\uff26\uff29\uff12\uff11\uff11\uff12\uff13\uff14\uff15\uff16\uff10\uff10"
            + "\uff10\uff10\uff10\uff17\uff18\uff15",
        "FI21%201234%205600%200007%2085",
        "FI21\\u00a01234\\u00a05600\\u00a00007\\u00a085",
      })
  void mask_ibanWithSpacesOrOtherSpellings_maskedAsValid(String spelled) {
    assertThat(anonymiser.mask("pay to " + spelled + " now")).isEqualTo("pay to <iban> now");
  }

  @ParameterizedTest
  @ValueSource(strings = {"%2B358401234567", "\\u002b358401234567", "%2B358 40 123 4567"})
  void mask_phoneWithEscapedPlus_masked(String spelled) {
    assertThat(anonymiser.mask("tel=" + spelled + "&x=1")).isEqualTo("tel=<phone>&x=1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "path C:\\users\\u0041dmin\\logs 100%25 done, 50% of 2026\u20132027",
        "json {\"a\":\"\\u00e4\\u00f6 \\n\\t\\\\\",\"b\":12345} ok",
        "url /q?a=%20%2B%2D&b=%E2%80%93&c=%41%42 page 3",
        "full width \uff48\uff45\uff4c\uff4c\uff4f \uff11\uff12\uff13 and 2026\u201311\u201324",
        "spaces\u00a0and\u202fjoiners\u200bin\u2060text 12\u00a0345 67",
        "ids 123456\u2013abc 12\u2013456 FI\u00a012 FI 2026",
      })
  void mask_escapesAndUnicodeWithoutData_sameInstance(String in) {
    assertThat(anonymiser.mask(in)).isSameAs(in);
  }
}
