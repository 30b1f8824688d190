package fi.suoja.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Precision of the pattern detectors (issue 25), each rule in both directions: identifiers and
 * numbers that are not personal data come back unchanged, and the personal data next to them is
 * still masked.
 *
 * <ol>
 *   <li>A HETU-shaped run inside a hex identifier (UUID, W3C trace or span id, key id, hash) is
 *       part of that identifier; a HETU next to ordinary letters is still a HETU.
 *   <li>A count, retry number or duration after a complete phone number is not part of it.
 *   <li>URL-encoded separators ({@code %40 %20 %2B %2D}) are read in e-mail addresses, phone
 *       numbers, HETUs and IBANs.
 *   <li>Zero-padded numbers ({@code 0068728705}) and business ids with a valid check digit ({@code
 *       0558774-4}) are not phone numbers.
 * </ol>
 */
class MaskerPrecisionTest {

  private final Masker anonymiser = Anonymiser.instance();

  // ---------------------------------------------------------------- 1. hex identifiers

  @ParameterizedTest
  @ValueSource(
      strings = {
        // the examples
        "room e94c7928-e273-426a-a967-e123063f681d opened",
        "JWT kid=16c77d607786c999 alg=ES256",
        // UUID tails and heads, any case, braces, URN
        "id 3fa85f64-5717-4562-b3fc-a123456b789c",
        "id 3FA85F64-5717-4562-B3FC-A123456B789C",
        "id {3fa85f64-5717-4562-b3fc-d290200a248a}",
        "urn:uuid:ab123456-7890-4562-b3fc-2c963f66afa6",
        "id ab123456-7891-4562-b3fc-2c963f66afa6 (the HETU shape spans the first dash)",
        "id 0a123456-789b-4562-b3fc-2c963f66afa6",
        // digit groups of a UUID are not a phone number either
        "id 8c813066-a15e-0655-8504-a1c1c4bef731",
        "id 04012345-a15e-4655-8504-a1c1c4bef731",
        // W3C trace context: trace id, span id, traceparent (the shape may span a dash)
        "trace_id=4bf92f3577b34da6a3ce9e123456a789 span_id=e123456c789d0011",
        "traceparent: 00-4bf92f3577b34da6a3ce929d0a123456-789abcdef0123456-01",
        "traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "span=ee99d7e32da511f6 parent=a123456b1234c567",
        // B3 single header
        "b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e123456a789b90",
        // hex ids of 16 hex digits and more: key ids, span ids, ObjectIds, hashes
        "span c290200a248afe10 x",
        "ref 12c290200a248a0000 x",
        "ref 5b0eb5344dbbbde38487202a expired",
        "ref 5b0eb534123456e789202a2b expired",
        "commit 1a2b3c4d5e6f131052a308f9a0b1c2d3e4f5a6b7",
        "sha256:1f5b2ed73cfe06714cf40568f2d5518bf6e4af1638923341af9f85dac123456f",
        "key_id=KID_16C77D607786C999 rotated",
        "path /objects/ab/cd123456e789ff01/data",
      })
  void mask_hexIdentifierWithHetuShapedRun_unchanged(String line) {
    assertThat(anonymiser.mask(line)).isSameAs(line);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // next to ordinary words (letters that are not hex digits), with or without separator
        "hetu:131052-308T x | hetu:<hetu> x",
        "asiakas131052-308T x | asiakas<hetu> x",
        "asiakas290200A248A x | asiakas<hetu> x",
        "hetu290200A248A | hetu<hetu>",
        "290200A248Ahetu | <hetu?>",
        "id=290200A248A; | id=<hetu>;",
        "ssn_290200A248A | ssn_<hetu>",
        // a HETU whose own letters are all hex is still a HETU when it stands alone (11 chars)
        "client 290200A248A admitted | client <hetu> admitted",
        "client 290200a248a admitted | client <hetu> admitted",
        "no check char 290200A248 here | no check char <hetu?> here",
        // a dash-separated neighbour without a 12-digit hex group does not make it an id
        "290200A248A-deadbeef | <hetu>-deadbeef",
        "cafe-131052-308A x | cafe-<hetu?> x",
        "order-131052-308A x | order-<hetu?> x",
        // a lone hex run of 12-15 characters cannot be told from a HETU with characters glued to
        // it: masked (fail closed), also when it is a container id or a short hash
        "container 290200a248a0 started | container <hetu?> started",
        "ref c290200a248afe1 x | ref c<hetu?> x",
        "290200A248A1 | <hetu?>",
        "1290200A248A | 1290200A248A",
        // dash-joined hex groups without a UUID shape or a 16-digit group: not an id
        "etag a3f2c9d1-123456b789c0d | etag a3f2c9d1-<hetu?>",
        // the sign or check character is not a hex digit: never an id
        "e94c7928-e273-426a-a967-131052-308T | e94c7928-e273-426a-a967-<hetu>",
        "16c77d131052-308T | 16c77d<hetu>",
        "16c77d010594Y9021 | 16c77d<hetu>",
        "ab290200A248Y00ff | ab<hetu?>",
        // a letter that is not hex ends the identifier: the run is text, not an id
        "16c77d607786c999g | 16c77d<hetu?>",
        "x16c77d607786c999 | x16c77d<hetu?>",
        // escaped or spelled otherwise: a hex id is written in plain ASCII
        "16c77d607786%43999 | 16c77d<hetu?>",
        "16c77d607786\u2013999 | 16c77d<hetu?>",
      })
  void mask_hetuNextToLettersOrNotAnId_masked(String in, String expected) {
    assertThat(anonymiser.mask(in)).isEqualTo(expected);
  }

  // ---------------------------------------------------------------- 2. numbers after a phone

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SMS via 040 123 4567 3 attempts | SMS via <phone> 3 attempts",
        "SMS via 040 123 4567 12 ms | SMS via <phone> 12 ms",
        "SMS via 040 123 4567 250 ms | SMS via <phone> 250 ms",
        "SMS via 040-1234567 2 retries | SMS via <phone> 2 retries",
        "SMS via 0401234567 3 attempts | SMS via <phone> 3 attempts",
        "SMS via 09 123 4567 250 ms | SMS via <phone> 250 ms",
        "SMS via 09 1234 567 3 attempts | SMS via <phone> 3 attempts",
        "SMS via 09 123 456 7 attempts | SMS via <phone> 7 attempts",
        "SMS via (09) 123 4567 12 ms | SMS via <phone> 12 ms",
        "SMS via +358 40 123 4567 3 attempts | SMS via <phone> 3 attempts",
        "SMS via +358 40 123 4567 12 ms | SMS via <phone> 12 ms",
        "SMS via +358 40 123 4567 250 ms | SMS via <phone> 250 ms",
        "SMS via +358 (0)40 1234567 4 tries | SMS via <phone> 4 tries",
        "SMS via 00358 40 1234567 5 s | SMS via <phone> 5 s",
        "SMS via +358401234567 3 attempts | SMS via <phone> 3 attempts",
        "SMS via +44 20 7946 0958 2 retries | SMS via <phone> 2 retries",
        "SMS via +1 415 555 2671 30 s | SMS via <phone> 30 s",
        "SMS via +123456789 12 ms | SMS via <phone> 12 ms",
        "SMS via +358 401234567 5 ms | SMS via <phone> 5 ms",
      })
  void mask_numberAfterPhone_survives(String in, String expected) {
    assertThat(anonymiser.mask(in)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // groupings people write: every group belongs to the number
        "040 123 45 67",
        "040 12 34 567",
        "040 1234 567",
        "0457 123 4567",
        "09 123 45 67",
        "09 1234 567",
        "09 12345",
        "+358 9 123 4567",
        "+358 9 1234 567",
        "+358 40 123 45 67",
        "+358 40 1234 567",
        "+358 457 1234567",
        "+33 1 23 45 67 89",
        "+33 6 12 34 56 78",
        "+46 70 123 45 67",
        "+7 495 123 45 67",
        "+49 30 1234 56789",
        "0046 70 123 45 67",
      })
  void mask_groupedPhone_wholeNumberMasked(String phone) {
    assertThat(anonymiser.mask("call " + phone + " today")).isEqualTo("call <phone> today");
    assertThat(anonymiser.mask("call " + phone + " 3 times")).isEqualTo("call <phone> 3 times");
  }

  // ---------------------------------------------------------------- 3. URL-encoded data

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET /c?email=sanna.virtanen%40gmail.com&x=1 | GET /c?email=<email>&x=1",
        "GET /c?email=Sanna.Virtanen%40Gmail.COM | GET /c?email=<email>",
        "GET /c?to=%3Csanna.virtanen%40gmail.com%3E | GET /c?to=%3C<email>%3E",
        "GET /c?q=%20sanna%2Bcare%40posti.example.fi%20x | GET /c?q=%20<email>%20x",
        "GET /c?tel=046%20422%206111&x=1 | GET /c?tel=<phone>&x=1",
        "GET /c?tel=046%2D422%2D6111 | GET /c?tel=<phone>",
        "GET /c?tel=046%2d422%2d6111 | GET /c?tel=<phone>",
        "GET /c?tel=%2B358%2040%20123%204567 | GET /c?tel=<phone>",
        "GET /c?tel=%2b358401234567 | GET /c?tel=<phone>",
        "GET /c?q=%200401234567 | GET /c?q=%20<phone>",
        "GET /c?tel=046+422+6111&x=1 | GET /c?tel=<phone>&x=1",
        "GET /c?tel=%2B358+40+123+4567 | GET /c?tel=<phone>",
        "GET /c?tel=046%20422%206111%203%20attempts | GET /c?tel=<phone>%203%20attempts",
        "GET /c?iban=FI42%202985%208970%200638%2087&x | GET /c?iban=<iban>&x",
        "GET /c?iban%3DFI42%202985%208970%200638%2087%26x | GET /c?iban%3D<iban>%26x",
        "GET /c?ssn=200460%2B316T&x | GET /c?ssn=<hetu>&x",
        "GET /clients/200460%2b316t/visits | GET /clients/<hetu>/visits",
        "GET /c?ssn=131052%2D308T | GET /c?ssn=<hetu>",
      })
  void mask_urlEncoded_masked(String in, String expected) {
    assertThat(anonymiser.mask(in)).isEqualTo(expected);
  }

  @Test
  void pseudonymise_urlEncodedValues_sameTokenAsPlain() {
    Masker pseudonymiser =
        Pseudonymiser.withKey(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
    assertThat(pseudonymiser.mask("sanna.virtanen%40gmail.com"))
        .isEqualTo(pseudonymiser.mask("sanna.virtanen@gmail.com"));
    assertThat(pseudonymiser.mask("a%2Bb%40x.fi")).isEqualTo(pseudonymiser.mask("a+b@x.fi"));
    assertThat(pseudonymiser.mask("046%20422%206111"))
        .isEqualTo(pseudonymiser.mask("046 422 6111"));
    assertThat(pseudonymiser.mask("046+422+6111")).isEqualTo(pseudonymiser.mask("0464226111"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /api/search?q=kahvi%20ja%20pulla&page=2&size=20 200 34 ms",
        "GET /c?from=2026-11-01T00%3A00%3A00%2B02%3A00 200 18 ms",
        "GET /files/raportti%202026%E2%80%9311.pdf 304 2 ms",
        "GET /c?sum=1%2B2%20equals%203 ok",
        "GET /c?user=admin%40localhost 403",
        "GET /c?at=%40home 200",
        "GET /c?q=room%2012%20floor%203 200",
        "version=1.2.3%2B20261124 deployed",
      })
  void mask_urlEncodedWithoutData_unchanged(String line) {
    assertThat(anonymiser.mask(line)).isSameAs(line);
  }

  // ---------------------------------------------------------------- 4. order numbers, Y-tunnus

  @ParameterizedTest
  @ValueSource(
      strings = {
        "order 0068728705 shipped",
        "order 0000412345 shipped",
        "order 0012345678 shipped",
        "order 0068728705 3 items",
        "order 0068728705 12 items, 00 12345678 ref",
        "Y-tunnus 0558774-4",
        "y-tunnus: 0112038-9, ALV FI01120389",
        "supplier 0201256-6 invoice 0000412345",
        "business id 0737546-2 registered",
      })
  void mask_orderNumberOrBusinessId_unchanged(String line) {
    assertThat(anonymiser.mask(line)).isSameAs(line);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // a wrong check digit: not a business id; its seven digits are read as the phone number
        // they may be (fail closed), the single digit after them as a count
        "Y-tunnus 0558774-5 | Y-tunnus <phone>-5",
        // remainder 1 has no check digit: no business id ends like that
        "Y-tunnus 0100007-0 | Y-tunnus <phone>-0",
        // international numbers written with 00: a country code and at least 9 digits
        "call 00358401234567 now | call <phone> now",
        "call 004670123456 now | call <phone> now",
        "call 00298123456 now | call <phone> now",
        // zero-padded to 11 digits after a country code digit: indistinguishable, masked
        "invoice 00687287051 paid | invoice <phone> paid",
        "call 00 358 40 123 4567 now | call <phone> now",
        // one leading zero is a Finnish trunk prefix: still a phone
        "call 0401234567 now | call <phone> now",
        "call 0912345 now | call <phone> now",
      })
  void mask_phoneLikeNumbers_masked(String in, String expected) {
    assertThat(anonymiser.mask(in)).isEqualTo(expected);
  }
}
