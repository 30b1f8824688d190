package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.crypto.internal.Envelope;
import fi.suoja.crypto.internal.LengthPrefixed;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A ciphertext opens only in its own context: another tenant, entity, field, row id, or a row id
 * added or removed, fails with {@link DecryptionException} and never returns data. The encoding of
 * contexts into associated data is injective.
 */
class ContextBindingProperties {
  private final FieldCipher cipher = TestCrypto.twoTenants().fieldCipher();

  @Provide
  Arbitrary<CipherContext> contexts() {
    Arbitrary<String> names = Arbitraries.of("Client", "Employee", "hetu", "a", "ab", "b", "");
    Arbitrary<String> rows = Arbitraries.of("1", "2", "11", "1\u00002", "a").injectNull(0.3);
    return Combinators.combine(Arbitraries.of("acme", "globex"), names, names, rows)
        .filter((t, e, f, r) -> !e.isEmpty() && !f.isEmpty())
        .as(CipherContext::new);
  }

  @Provide
  Arbitrary<CipherContext> anyContexts() {
    Arbitrary<String> names = Arbitraries.strings().withChars("ab\u0000\u00e4").ofMinLength(1).ofMaxLength(4);
    return Combinators.combine(names, names, names, names.injectNull(0.3)).as(CipherContext::new);
  }

  @Property(tries = 500)
  void open_inAnyOtherContext_failsWithDecryptionException(
      @ForAll("contexts") CipherContext sealedIn,
      @ForAll("contexts") CipherContext openedIn,
      @ForAll String plaintext) {
    org.assertj.core.api.Assumptions.assumeThat(sealedIn).isNotEqualTo(openedIn);
    org.assertj.core.api.Assumptions.assumeThat(EnvelopeTamperProperties.hasNoLoneSurrogate(plaintext)).isTrue();
    String sealed = cipher.seal(sealedIn, plaintext);
    assertThatThrownBy(() -> cipher.open(openedIn, sealed)).isInstanceOf(DecryptionException.class);
    assertThat(cipher.open(sealedIn, sealed)).isEqualTo(plaintext);
  }

  @Property
  void associatedData_distinctContexts_encodeDistinctly(
      @ForAll("anyContexts") CipherContext a, @ForAll("anyContexts") CipherContext b) {
    byte[] aadA = encode(a);
    byte[] aadB = encode(b);
    assertThat(Arrays.equals(aadA, aadB)).isEqualTo(a.equals(b));
  }

  @Property
  void associatedData_fastPath_equalsTheLengthPrefixedEncoding(
      @ForAll("anyContexts") CipherContext c, @ForAll @net.jqwik.api.constraints.StringLength(min = 1, max = 50) String row) {
    byte[] header = {1, 0, 1, 0, 0, 0, 7};
    byte[] context = Envelope.context(c.tenant(), c.entity(), c.field());
    for (String r : new String[] {null, row, "12345"}) {
      assertThat(Envelope.associatedData(header, 7, context, r))
          .isEqualTo(LengthPrefixed.concat(header, context, Envelope.row(r)));
    }
  }

  private static byte[] encode(CipherContext c) {
    return LengthPrefixed.concat(
        Envelope.context(c.tenant(), c.entity(), c.field()), Envelope.row(c.rowId()));
  }
}
