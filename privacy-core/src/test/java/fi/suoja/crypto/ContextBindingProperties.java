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
 * added or removed, fails with {@link DecryptionException} and never returns data; so do another
 * owner or data subject, or none, for a value sealed with policy inputs. The encoding of contexts
 * (policy inputs included, with the header flag that says whether they are there) into associated
 * data is injective. A value sealed without policy inputs opens whatever inputs are given (data
 * sealed before the binding).
 */
class ContextBindingProperties {
  private final FieldCipher cipher = TestCrypto.twoTenants().fieldCipher();

  @Provide
  Arbitrary<CipherContext> contexts() {
    Arbitrary<String> names = Arbitraries.of("Client", "Employee", "hetu", "a", "ab", "b", "");
    Arbitrary<String> rows = Arbitraries.of("1", "2", "11", "1\u00002", "a").injectNull(0.3);
    return Combinators.combine(Arbitraries.of("acme", "globex"), names, names, rows, policies())
        .filter((t, e, f, r, p) -> !e.isEmpty() && !f.isEmpty())
        .as(CipherContext::new);
  }

  /** Owners and subjects as the JPA layer binds them: either may be absent, or empty. */
  @Provide
  Arbitrary<CipherContext.PolicyInputs> boundPolicies() {
    Arbitrary<String> ids = Arbitraries.of("e-1", "e-2", "", "e-1\u0000", "c-1").injectNull(0.3);
    return Combinators.combine(ids, ids).as(CipherContext.PolicyInputs::new);
  }

  private Arbitrary<CipherContext.PolicyInputs> policies() {
    return boundPolicies().injectNull(0.3);
  }

  @Provide
  Arbitrary<CipherContext> anyContexts() {
    Arbitrary<String> names =
        Arbitraries.strings().withChars("ab\u0000\u00e4").ofMinLength(1).ofMaxLength(4);
    Arbitrary<String> inputs =
        Arbitraries.strings().withChars("ab\u0000\u00e4").ofMaxLength(4).injectNull(0.3);
    Arbitrary<CipherContext.PolicyInputs> policy =
        Combinators.combine(inputs, inputs).as(CipherContext.PolicyInputs::new).injectNull(0.3);
    return Combinators.combine(names, names, names, names.injectNull(0.3), policy)
        .as(CipherContext::new);
  }

  @Property(tries = 500)
  void open_inAnyOtherContext_failsWithDecryptionException(
      @ForAll("contexts") CipherContext sealedIn,
      @ForAll("contexts") CipherContext openedIn,
      @ForAll String plaintext) {
    org.assertj.core.api.Assumptions.assumeThat(
            EnvelopeTamperProperties.hasNoLoneSurrogate(plaintext))
        .isTrue();
    String sealed = cipher.seal(sealedIn, plaintext);
    assertThat(cipher.bindsPolicy(sealedIn, sealed)).isEqualTo(sealedIn.policy() != null);
    if (sealedIn.policy() == null && unbound(openedIn).equals(sealedIn)) {
      // sealed before policy inputs were bound: opens whatever inputs the reader has
      assertThat(cipher.open(openedIn, sealed)).isEqualTo(plaintext);
    } else if (!sealedIn.equals(openedIn)) {
      assertThatThrownBy(() -> cipher.open(openedIn, sealed))
          .isInstanceOf(DecryptionException.class);
    }
    assertThat(cipher.open(sealedIn, sealed)).isEqualTo(plaintext);
  }

  @Property(tries = 300)
  void open_policyBound_anotherOwnerOrSubject_failsWithDecryptionException(
      @ForAll("contexts") CipherContext sealedIn, @ForAll("contexts") CipherContext other) {
    org.assertj.core.api.Assumptions.assumeThat(sealedIn.policy()).isNotNull();
    org.assertj.core.api.Assumptions.assumeThat(other.policy()).isNotEqualTo(sealedIn.policy());
    CipherContext openedIn =
        new CipherContext(
            sealedIn.tenant(),
            sealedIn.entity(),
            sealedIn.field(),
            sealedIn.rowId(),
            other.policy());
    String sealed = cipher.seal(sealedIn, "010190-999K");
    assertThatThrownBy(() -> cipher.open(openedIn, sealed))
        .isInstanceOf(DecryptionException.class)
        .hasMessageNotContaining("010190");
    if (openedIn.policy() != null) {
      // a legitimate transfer re-seals under the new inputs: from then on the old ones fail
      String moved = cipher.seal(openedIn, cipher.open(sealedIn, sealed));
      assertThat(cipher.open(openedIn, moved)).isEqualTo("010190-999K");
      assertThatThrownBy(() -> cipher.open(sealedIn, moved))
          .isInstanceOf(DecryptionException.class);
    }
  }

  @Property(tries = 200)
  void reseal_unboundValueWithPolicyInputs_bindsThem(
      @ForAll("contexts") CipherContext any,
      @ForAll("boundPolicies") CipherContext.PolicyInputs policy) {
    CipherContext sealedIn = unbound(any);
    CipherContext bound =
        new CipherContext(
            sealedIn.tenant(), sealedIn.entity(), sealedIn.field(), sealedIn.rowId(), policy);
    String old = cipher.seal(sealedIn, "v");
    String upgraded = cipher.reseal(bound, old);
    assertThat(cipher.bindsPolicy(bound, upgraded)).isTrue();
    assertThat(cipher.open(bound, upgraded)).isEqualTo("v");
    assertThatThrownBy(() -> cipher.open(sealedIn, upgraded))
        .isInstanceOf(DecryptionException.class);
  }

  private static CipherContext unbound(CipherContext c) {
    return new CipherContext(c.tenant(), c.entity(), c.field(), c.rowId());
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
      @ForAll("anyContexts") CipherContext c,
      @ForAll @net.jqwik.api.constraints.StringLength(min = 1, max = 50) String row) {
    byte[] header = {1, 0, 1, 0, 0, 0, 7};
    byte[] context = Envelope.context(c.tenant(), c.entity(), c.field());
    for (String r : new String[] {null, row, "12345"}) {
      assertThat(Envelope.associatedData(header, 7, context, r))
          .isEqualTo(LengthPrefixed.concat(header, context, Envelope.row(r)));
    }
  }

  @Property
  void associatedData_cachedPrefix_equalsTheSpecifiedEncoding(
      @ForAll("anyContexts") CipherContext c) {
    // what the field cipher authenticates (cached header || context, then row and policy) is
    // exactly the layout of docs/ENVELOPE.md
    DataKey key = new DataKey(KeyId.tenant(c.tenant(), 3), new byte[32]);
    for (int flags = 0; flags < 4; flags++) {
      byte[] header = new byte[Envelope.TENANT_HEADER_BYTES];
      Envelope.writeTenantHeader(header, flags, 3);
      assertThat(key.sealKey(c.entity(), c.field()).associatedData(flags, c.rowId()))
          .isEqualTo(
              LengthPrefixed.concat(
                  header,
                  Envelope.context(c.tenant(), c.entity(), c.field()),
                  Envelope.row(c.rowId())));
    }
  }

  /**
   * The bytes after the fixed-length header that a context contributes, preceded by the policy flag
   * the header carries: flag, context, row, and the policy inputs only when flagged.
   */
  private static byte[] encode(CipherContext c) {
    CipherContext.PolicyInputs p = c.policy();
    return LengthPrefixed.concat(
        new byte[] {(byte) (p == null ? 0 : Envelope.FLAG_POLICY)},
        Envelope.context(c.tenant(), c.entity(), c.field()),
        Envelope.row(c.rowId()),
        p == null ? new byte[0] : Envelope.policy(p.owner(), p.subject()));
  }
}
