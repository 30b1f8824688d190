package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Round trip for any well-formed string (any code point, empty, long) and any bytes; sealing is
 * randomised; no envelope contains its plaintext.
 */
class EnvelopeRoundTripProperties {
  private final SuojaCrypto crypto = TestCrypto.twoTenants();
  private final FieldCipher cipher = crypto.fieldCipher();

  @Provide
  Arbitrary<String> unicode() {
    Arbitrary<String> anyCodePoints =
        Arbitraries.integers()
            .between(0, Character.MAX_CODE_POINT)
            .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
            .list()
            .ofMaxSize(300)
            .map(
                cps ->
                    new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    return Arbitraries.oneOf(
        anyCodePoints, Arbitraries.strings().ascii().ofMaxLength(5000), Arbitraries.just(""));
  }

  @Provide
  Arbitrary<CipherContext> contexts() {
    Arbitrary<String> rows =
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40).injectNull(0.3);
    Arbitrary<String> fields = Arbitraries.of("hetu", "lastName", "notes", "email");
    return net.jqwik.api.Combinators.combine(Arbitraries.of("acme", "globex"), fields, rows)
        .as((tenant, field, row) -> new CipherContext(tenant, "Client", field, row));
  }

  @Property
  void seal_thenOpen_returnsTheSameString(
      @ForAll("unicode") String plaintext, @ForAll("contexts") CipherContext context) {
    String sealed = cipher.seal(context, plaintext);
    assertThat(cipher.open(context, sealed)).isEqualTo(plaintext);
  }

  @Property(tries = 300)
  void sealBytes_thenOpenBytes_returnsTheSameBytes(
      @ForAll @Size(max = 2000) byte[] plaintext, @ForAll("contexts") CipherContext context) {
    byte[] envelope = cipher.sealBytes(context, plaintext);
    assertThat(cipher.openBytes(context, envelope)).isEqualTo(plaintext);
  }

  @Property(tries = 300)
  void seal_sameValueTwice_givesDifferentEnvelopes(
      @ForAll("unicode") String plaintext, @ForAll("contexts") CipherContext context) {
    assertThat(cipher.seal(context, plaintext)).isNotEqualTo(cipher.seal(context, plaintext));
  }

  @Property
  void seal_envelope_neverContainsItsPlaintext(
      @ForAll("unicode") String plaintext, @ForAll("contexts") CipherContext context) {
    String sealed = cipher.seal(context, plaintext);
    byte[] envelope = Base64.getUrlDecoder().decode(sealed);
    byte[] utf8 = plaintext.getBytes(StandardCharsets.UTF_8);
    if (utf8.length >= 4) {
      // shorter strings can occur by chance in 35+ random-looking bytes
      assertThat(indexOf(envelope, utf8)).isEqualTo(-1);
      assertThat(sealed).doesNotContain(plaintext);
    }
  }

  @Example
  void seal_realisticValues_textNeverContainsThem() {
    CipherContext context = CipherContext.of("acme", "Client", "hetu").withRow("42");
    for (String value : new String[] {"010190-999K", "Virtanen", "matti.virtanen@example.fi"}) {
      String sealed = cipher.seal(context, value);
      assertThat(sealed).doesNotContain(value);
      assertThat(new String(Base64.getUrlDecoder().decode(sealed), StandardCharsets.ISO_8859_1))
          .doesNotContain(value);
    }
  }

  @Example
  void seal_manyTimes_envelopesAllDistinct() {
    CipherContext context = CipherContext.of("acme", "Client", "notes");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      assertThat(seen.add(cipher.seal(context, "same"))).isTrue();
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
