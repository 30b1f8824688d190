package fi.suoja.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MaskerTest {

  private final Masker anonymiser = Anonymiser.instance();

  @Test
  void mask_cleanMessage_returnsSameInstance() {
    String in = "GET /api/v1/orders/4711 took 12 ms, user id 8f14e45f-ceea-467a-9af0-12ab34cd56ef";
    assertThat(anonymiser.mask(in)).isSameAs(in);
  }

  @Test
  void mask_cleanMessageWithScopeAndLiterals_returnsSameInstance() {
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      scope.register("Virtanen");
      String in = "order 4711 shipped to warehouse 3 at 2026-11-24T18:47:36Z";
      assertThat(anonymiser.mask(in)).isSameAs(in);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "client 131052-308T admitted | client <hetu> admitted",
        "client 131052+308T admitted | client <hetu> admitted",
        "client 131052A308T admitted | client <hetu> admitted",
        "client 131052Y308T admitted | client <hetu> admitted",
        "client 131052b308t admitted | client <hetu> admitted",
        "temporary 010594Y9021. | temporary <hetu>.",
        "wrong check 131052-308U! | wrong check <hetu?>!",
        "bad date 320198-123P | bad date <hetu?>",
        "no check char 260570V398 here | no check char <hetu?> here",
        "glued id=hetu131052-308Tx | glued id=hetu<hetu?>",
      })
  void mask_hetu_maskedWithChecksumDecidingTheLabel(String in, String expected) {
    assertThat(anonymiser.mask(in)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "mail matti.virtanen@example.fi now | mail <email> now",
        "<Maija-Liisa.Korhonen+care@posti.example.com> | <<email>>",
        "Äijälä@esimerkki.fi | <email>",
        "to: ADMIN@HOST.EXAMPLE.ORG. | to: <email>.",
      })
  void mask_email_masked(String in, String expected) {
    assertThat(anonymiser.mask(in)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "040 123 4567",
        "040-1234567",
        "0401234567",
        "09 1234 567",
        "(09) 123 4567",
        "+358 40 123 4567",
        "+358 (0)40 1234567",
        "+358-40-123-4567",
        "00358 40 1234567",
        "+358401234567",
        "+14155552671",
        "+44 20 7946 0958",
      })
  void mask_phone_masked(String phone) {
    assertThat(anonymiser.mask("call " + phone + " today")).isEqualTo("call <phone> today");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "pay to FI21 1234 5600 0007 85 now | pay to <iban> now",
        "pay to FI2112345600000785 now | pay to <iban> now",
        "pay to fi2112345600000785 now | pay to <iban> now",
        "pay to FI2112345600000786 now | pay to <iban?> now",
      })
  void mask_iban_maskedWithChecksumDecidingTheLabel(String in, String expected) {
    assertThat(anonymiser.mask(in)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-24T18:47:36.123Z INFO started in 1234 ms",
        "01-02-2026 backup done",
        "version 1.10.1, build 20261124-1530",
        "uuid 123e4567-e89b-12d3-a456-426614174000",
        "ip 192.168.100.200 port 8080",
        "latency 0.0123456 s",
        "order #100234 total 1234,50 EUR",
        "sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "root@localhost refused",
        "mask tokens <hetu> <email:BCDFGHJKLMNP> <phone?> stay",
      })
  void mask_ordinaryText_unchanged(String in) {
    assertThat(anonymiser.mask(in)).isSameAs(in);
  }

  @Test
  void mask_registeredLiteral_maskedCaseInsensitivelyAndByWord() {
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      scope.register("Maija Virtanen");
      assertThat(anonymiser.mask("loaded client VIRTANEN, maija"))
          .isEqualTo("loaded client <personal>, <personal>");
      assertThat(anonymiser.mask("loaded Maija Virtanen")).isEqualTo("loaded <personal>");
    }
    assertThat(anonymiser.mask("loaded Maija Virtanen")).isEqualTo("loaded Maija Virtanen");
  }

  @Test
  void mask_shortLiteral_matchesWholeWordsOnly() {
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      scope.register("Li");
      assertThat(anonymiser.mask("Li called; list client"))
          .isEqualTo("<personal> called; list client");
    }
  }

  @Test
  void mask_emailWithRegisteredNameInside_masksTheWholeAddress() {
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      scope.register("Virtanen");
      assertThat(anonymiser.mask("mail matti.virtanen@example.fi")).isEqualTo("mail <email>");
    }
  }

  @Test
  void mask_severalKinds_eachReplaced() {
    String in = "hetu=131052-308T mail=a.b@c.fi tel=+358 40 123 4567 iban=FI2112345600000785";
    assertThat(anonymiser.mask(in)).isEqualTo("hetu=<hetu> mail=<email> tel=<phone> iban=<iban>");
  }

  @Test
  void mask_twice_isIdempotent() {
    String in = "x131052-308T0401234567 Matti.0401234567 FI2112345600000785.5";
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      scope.register("Matti");
      String once = anonymiser.mask(in);
      assertThat(anonymiser.mask(once)).isEqualTo(once);
    }
  }

  @Test
  void maskValue_anything_isPersonalToken() {
    assertThat(anonymiser.maskValue("Virtanen")).isEqualTo("<personal>");
  }
}
