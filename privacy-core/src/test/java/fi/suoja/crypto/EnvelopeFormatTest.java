package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.crypto.internal.Envelope;
import fi.suoja.crypto.internal.Text;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The byte layout and the lengths that docs/ENVELOPE.md promises: header, nonce and tag offsets,
 * the padding buckets (equal lengths within a bucket), and the column widths of its table.
 */
class EnvelopeFormatTest {
  private final FieldCipher cipher = TestCrypto.twoTenants().fieldCipher();

  @Test
  void sealBytes_unpadded_hasDocumentedLayout() {
    byte[] env = cipher.sealBytes(CipherContext.of("acme", "Client", "notes"), new byte[11]);
    assertThat(env).hasSize(7 + 12 + 11 + 16);
    assertThat(env[0]).isEqualTo((byte) 0x01); // format
    assertThat(env[1]).isEqualTo((byte) 0x00); // flags
    assertThat(env[2]).isEqualTo((byte) 0x01); // kind tenant
    assertThat(new byte[] {env[3], env[4], env[5], env[6]}).containsExactly(0, 0, 0, 1);
    assertThat(Envelope.TENANT_OVERHEAD).isEqualTo(35);
  }

  @Test
  void seal_paddedField_lengthDependsOnlyOnBucket() {
    CipherContext hetu = CipherContext.of("acme", "Client", "hetu");
    int first = Text.decode(cipher.seal(hetu, "")).length;
    for (int n = 0; n <= 15; n++) {
      assertThat(Text.decode(cipher.seal(hetu, "x".repeat(n)))).hasSize(first);
    }
    assertThat(first).isEqualTo(35 + 16);
    assertThat(Text.decode(cipher.seal(hetu, "x".repeat(16)))).hasSize(35 + 32);
    assertThat(Text.decode(cipher.seal(hetu, "x".repeat(32)))).hasSize(35 + 64);
    byte[] env = Text.decode(cipher.seal(hetu, "010190-999K"));
    assertThat(env[1]).isEqualTo((byte) Envelope.FLAG_PADDED);
  }

  @Test
  void seal_withPolicyInputs_setsFlagBit1AndKeepsTheLength() {
    CipherContext notes = CipherContext.of("acme", "Client", "notes");
    CipherContext hetu = CipherContext.of("acme", "Client", "hetu");
    byte[] bound = Text.decode(cipher.seal(notes.withPolicy("e-1", null), "010190-999K"));
    assertThat(bound[1]).isEqualTo((byte) Envelope.FLAG_POLICY);
    assertThat(bound).hasSize(35 + 11); // the inputs are authenticated, never stored
    byte[] both = Text.decode(cipher.seal(hetu.withPolicy("e-1", "c-1"), "010190-999K"));
    assertThat(both[1]).isEqualTo((byte) (Envelope.FLAG_PADDED | Envelope.FLAG_POLICY));
  }

  @Test
  void open_policyFlagAddedOrRemoved_failsWithDecryptionException() {
    CipherContext notes = CipherContext.of("acme", "Client", "notes");
    byte[] unbound = cipher.sealBytes(notes, new byte[5]);
    unbound[1] = (byte) Envelope.FLAG_POLICY;
    assertThatThrownBy(() -> cipher.openBytes(notes, unbound))
        .isInstanceOf(DecryptionException.class);
    assertThatThrownBy(() -> cipher.openBytes(notes.withPolicy(null, null), unbound))
        .isInstanceOf(DecryptionException.class);
    byte[] bound = cipher.sealBytes(notes.withPolicy(null, null), new byte[5]);
    bound[1] = 0;
    assertThatThrownBy(() -> cipher.openBytes(notes.withPolicy(null, null), bound))
        .isInstanceOf(DecryptionException.class);
    byte[] unknown = cipher.sealBytes(notes, new byte[5]);
    unknown[1] = 0x04;
    assertThatThrownBy(() -> cipher.openBytes(notes, unknown))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void open_subjectKeyEnvelopeWithPolicyInputs_bindsThem() {
    SuojaCrypto crypto = TestCrypto.twoTenants(b -> b.createTenantKeysOnFirstUse(true));
    FieldCipher subjectCipher = crypto.fieldCipher();
    CipherContext ctx = new CipherContext("acme", "Client", "name", "row-1");
    String sealed = subjectCipher.sealForSubject(ctx.withPolicy("e-1", "c-7"), "c-7", "Helmi");
    assertThat(Text.decode(sealed)[1]).isEqualTo((byte) Envelope.FLAG_POLICY);
    assertThat(subjectCipher.open(ctx.withPolicy("e-1", "c-7"), sealed)).isEqualTo("Helmi");
    assertThatThrownBy(() -> subjectCipher.open(ctx.withPolicy("e-2", "c-7"), sealed))
        .isInstanceOf(DecryptionException.class);
    assertThatThrownBy(() -> subjectCipher.open(ctx, sealed))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void seal_columnWidths_matchEnvelopeDocTable() {
    CipherContext notes = CipherContext.of("acme", "Client", "notes");
    CipherContext hetu = CipherContext.of("acme", "Client", "hetu");
    // 11-char HETU: unpadded 62 chars, bucket 16 -> 68 chars
    assertThat(cipher.seal(notes, "010190-999K")).hasSize(62);
    assertThat(cipher.seal(hetu, "010190-999K")).hasSize(68);
    // 40-char ASCII name unpadded: 75 bytes -> 100 chars; worst case 160 UTF-8 bytes -> 260 chars
    assertThat(cipher.seal(notes, "a".repeat(40))).hasSize(100);
    String wide = "\uD83D\uDE42".repeat(40);
    assertThat(wide.getBytes(StandardCharsets.UTF_8)).hasSize(160);
    assertThat(cipher.seal(notes, wide)).hasSize(260);
    assertThat(Text.encodedLength(35 + 64)).isEqualTo(132);
  }

  @Test
  void open_tenantEnvelopeRelabelledAsSubjectKey_failsAsTamperingNotAsMissingKey() {
    CipherContext ctx = CipherContext.of("acme", "Client", "notes");
    for (int i = 0; i < 200; i++) {
      byte[] env = cipher.sealBytes(ctx, new byte[40]);
      env[2] = Envelope.KIND_SUBJECT;
      // make the byte after the version a plausible reference length too
      env[7] = (byte) Envelope.SUBJECT_REF_CHARS;
      assertThatThrownBy(() -> cipher.openBytes(ctx, env)).isInstanceOf(DecryptionException.class);
    }
  }

  @Test
  void open_subjectHeaderWithWrongLengthVersionOrReferenceByte_failsWithDecryptionException() {
    SuojaCrypto crypto = TestCrypto.twoTenants(b -> b.createTenantKeysOnFirstUse(true));
    FieldCipher subjectCipher = crypto.fieldCipher();
    CipherContext ctx = new CipherContext("acme", "Client", "name", "row-1");
    byte[] good = Text.decode(subjectCipher.sealForSubject(ctx, "client-7", "Helmi"));
    assertThat(good[2]).isEqualTo((byte) Envelope.KIND_SUBJECT);
    assertThat(good[7]).isEqualTo((byte) 22);
    assertThat(subjectCipher.openBytes(ctx, good))
        .isEqualTo("Helmi".getBytes(StandardCharsets.UTF_8));

    byte[] version2 = good.clone();
    version2[6] = 2;
    byte[] shortRef = good.clone();
    shortRef[7] = 21;
    byte[] badChar = good.clone();
    badChar[8] = '=';
    for (byte[] bad : new byte[][] {version2, shortRef, badChar}) {
      assertThatThrownBy(() -> subjectCipher.openBytes(ctx, bad))
          .isInstanceOf(DecryptionException.class);
    }
  }
}
