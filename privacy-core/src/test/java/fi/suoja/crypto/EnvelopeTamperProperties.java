package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import fi.suoja.crypto.internal.Text;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Any single bit flip and any truncation or extension of an envelope fails with {@link
 * DecryptionException}, never returns data. The one documented exception: a flip inside the key
 * version bytes (3..6) that names a version the tenant does not have answers {@link
 * KeyUnavailableException}, which is also a failure and carries no data. A changed key-kind byte is
 * tampering (the subject header is parsed strictly), never a "missing subject key".
 */
class EnvelopeTamperProperties {
  private final FieldCipher cipher = TestCrypto.twoTenants().fieldCipher();

  @Property(tries = 500)
  void openBytes_anySingleBitFlipped_fails(
      @ForAll @Size(max = 100) byte[] plaintext,
      @ForAll boolean padded,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position) {
    CipherContext context = CipherContext.of("acme", "Client", padded ? "hetu" : "notes");
    byte[] envelope = cipher.sealBytes(context, plaintext);
    int bit = position % (envelope.length * 8);
    byte[] tampered = envelope.clone();
    tampered[bit / 8] ^= (byte) (1 << (bit % 8));

    Throwable thrown = catchThrowable(() -> cipher.openBytes(context, tampered));
    int octet = bit / 8;
    if (octet >= 3 && octet <= 6) {
      assertThat(thrown).isInstanceOfAny(DecryptionException.class, KeyUnavailableException.class);
    } else {
      assertThat(thrown).isInstanceOf(DecryptionException.class);
    }
  }

  @Property(tries = 500)
  void openBytes_truncatedAnywhere_failsWithDecryptionException(
      @ForAll @Size(max = 100) byte[] plaintext,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int cut) {
    CipherContext context = CipherContext.of("acme", "Client", "notes");
    byte[] envelope = cipher.sealBytes(context, plaintext);
    byte[] truncated = Arrays.copyOf(envelope, cut % envelope.length);
    assertThatThrownBy(() -> cipher.openBytes(context, truncated))
        .isInstanceOf(DecryptionException.class);
  }

  @Property(tries = 300)
  void openBytes_bytesAppended_failsWithDecryptionException(
      @ForAll @Size(max = 50) byte[] plaintext, @ForAll @Size(min = 1, max = 20) byte[] extra) {
    CipherContext context = CipherContext.of("acme", "Client", "notes");
    byte[] envelope = cipher.sealBytes(context, plaintext);
    byte[] longer = Arrays.copyOf(envelope, envelope.length + extra.length);
    System.arraycopy(extra, 0, longer, envelope.length, extra.length);
    assertThatThrownBy(() -> cipher.openBytes(context, longer))
        .isInstanceOf(DecryptionException.class);
  }

  @Property(tries = 500)
  void open_textFormWithAnyCharacterChangedOrCut_failsWithDecryptionException(
      @ForAll @StringLength(max = 60) String plaintext,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position,
      @ForAll @IntRange(min = 0, max = 63) int replacement) {
    org.assertj.core.api.Assumptions.assumeThat(hasNoLoneSurrogate(plaintext)).isTrue();
    CipherContext context = CipherContext.of("acme", "Client", "notes");
    String sealed = cipher.seal(context, plaintext);
    int at = position % sealed.length();
    char c = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(replacement);
    org.assertj.core.api.Assumptions.assumeThat(c).isNotEqualTo(sealed.charAt(at));
    String changed = sealed.substring(0, at) + c + sealed.substring(at + 1);
    Throwable thrown = catchThrowable(() -> cipher.open(context, changed));
    // characters 4..9 of the text carry bits of the key version bytes (3..6); characters 2..3
    // carry the key kind, which must fail as tampering
    if (at >= 4 && at <= 9) {
      assertThat(thrown).isInstanceOfAny(DecryptionException.class, KeyUnavailableException.class);
    } else {
      assertThat(thrown).isInstanceOf(DecryptionException.class);
    }
    String cut = sealed.substring(0, at);
    assertThatThrownBy(() -> cipher.open(context, cut)).isInstanceOf(DecryptionException.class);
  }

  @Property(tries = 200)
  void open_nonCanonicalOrPaddedText_failsWithDecryptionException(
      @ForAll @StringLength(max = 30) String plaintext) {
    org.assertj.core.api.Assumptions.assumeThat(hasNoLoneSurrogate(plaintext)).isTrue();
    CipherContext context = CipherContext.of("acme", "Client", "notes");
    String sealed = cipher.seal(context, plaintext);
    String padded = sealed + "=".repeat((4 - sealed.length() % 4) % 4);
    if (!padded.equals(sealed)) {
      assertThatThrownBy(() -> cipher.open(context, padded))
          .isInstanceOf(DecryptionException.class);
    }
    assertThatThrownBy(() -> cipher.open(context, " " + sealed))
        .isInstanceOf(DecryptionException.class);
    assertThat(Text.encode(Text.decode(sealed))).isEqualTo(sealed);
  }

  static boolean hasNoLoneSurrogate(String s) {
    return s.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
  }
}
