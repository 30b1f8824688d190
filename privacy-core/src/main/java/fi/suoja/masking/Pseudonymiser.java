package fi.suoja.masking;

import fi.suoja.SuojaConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The keyed {@link Masker}: every finding becomes a stable token such as {@code
 * <hetu:KQBTFMRDLCNH>}, so support staff can see that two log lines are about the same person
 * without seeing who.
 *
 * <p>Token = the first 48 bits of HMAC-SHA256(key, kind || 0x00 || canonical value), written with
 * 16 consonants (no digits, no vowels, so a token never looks like data or a word). Canonical
 * values: HETU read as the scanner reads it (an en dash or {@code %2D} as the sign is {@code -})
 * and upper-cased, the century sign kept (never turned into another century's sign), e-mail
 * lower-cased, phone as {@code +} and digits ({@code 040…} and {@code 00358…} both become {@code
 * +35840…}), IBAN read the same way and without separators, registered literals case-folded. Same
 * key and value give the same token on every node.
 *
 * <p>Warning: pseudonymised data is still personal data under the GDPR. Whoever holds the key can
 * test guesses (a HETU has a small space): keep the key in the tenant's key hierarchy, never in
 * configuration files, and rotate it with the tenant's keys. {@link #toString()} prints no key
 * material.
 */
public final class Pseudonymiser implements Masker {

  private static final String ALGORITHM = "HmacSHA256";
  private static final int MIN_KEY_BYTES = 16;

  private final SecretKey key;
  private final ThreadLocal<Mac> macs;
  private final Replacer replacer = this::replace;

  private Pseudonymiser(SecretKey key) {
    this.key = key;
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /**
   * A pseudonymiser keyed by {@code key} (at least 128 bits when its encoding is visible; 256
   * recommended).
   *
   * @throws SuojaConfigurationException {@code SUOJA-2004} when the key is too short or not usable
   *     for HMAC-SHA256
   */
  public static Pseudonymiser withKey(SecretKey key) {
    Objects.requireNonNull(key, "key");
    byte[] encoded = key.getEncoded();
    if (encoded != null) {
      int length = encoded.length;
      Arrays.fill(encoded, (byte) 0);
      if (length < MIN_KEY_BYTES) {
        throw new SuojaConfigurationException(
            "SUOJA-2004", "pseudonymisation key shorter than " + MIN_KEY_BYTES + " bytes");
      }
    }
    Pseudonymiser pseudonymiser = new Pseudonymiser(key);
    pseudonymiser.newMac(); // fail at construction, not at the first log line
    return pseudonymiser;
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SuojaConfigurationException(
          "SUOJA-2004", "pseudonymisation key not usable for " + ALGORITHM, e);
    }
  }

  @Override
  public String mask(String text) {
    Objects.requireNonNull(text, "text");
    return Scanner.mask(text, replacer, SensitiveValues.currentLiterals());
  }

  @Override
  public String maskValue(Object value) {
    Objects.requireNonNull(value, "value");
    String s = String.valueOf(value);
    StringBuilder out = new StringBuilder(24);
    replace(out, DataKind.PERSONAL, true, s, 0, s.length());
    return out.toString();
  }

  private void replace(
      StringBuilder out, DataKind kind, boolean verified, String text, int start, int end) {
    out.append('<').append(kind.label());
    if (!verified) {
      out.append('?');
    }
    out.append(':');
    appendToken(out, kind, canonical(kind, text, start, end));
    out.append('>');
  }

  /** The token of one value; package-private for tests. */
  void appendToken(StringBuilder out, DataKind kind, String canonical) {
    Mac mac = macs.get();
    mac.update(kind.label().getBytes(StandardCharsets.US_ASCII));
    mac.update((byte) 0);
    byte[] digest = mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
    for (int k = 0; k < Scanner.TOKEN_LENGTH; k++) {
      int b = digest[k / 2] & 0xff;
      int nibble = (k % 2 == 0) ? b >>> 4 : b & 0x0f;
      out.append(Scanner.TOKEN_ALPHABET.charAt(nibble));
    }
  }

  static String canonical(DataKind kind, String text, int start, int end) {
    switch (kind) {
      case HETU:
        // read as the detector reads it: an en dash or %2D as the sign spells "-"
        return Spelling.plain(text, start, end).toUpperCase(Locale.ROOT);
      case EMAIL:
        // "%40" and "%2B" read as "@" and "+": an URL-encoded address gets the plain one's token
        return Spelling.plain(text, start, end).toLowerCase(Locale.ROOT);
      case IBAN:
        return Spelling.plain(text, start, end)
            .replace(" ", "")
            .replace("-", "")
            .replace("+", "")
            .toUpperCase(Locale.ROOT);
      case PHONE:
        return canonicalPhone(Spelling.plain(text, start, end));
      case PERSONAL:
      default:
        String raw = text.substring(start, end);
        StringBuilder folded = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
          folded.append(Literals.fold(raw.charAt(i)));
        }
        return folded.toString();
    }
  }

  private static String canonicalPhone(String raw) {
    String withoutTrunk = raw.replace("(0)", "");
    StringBuilder digits = new StringBuilder(16);
    for (int i = 0; i < withoutTrunk.length(); i++) {
      char c = withoutTrunk.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    String d = digits.toString();
    if (withoutTrunk.startsWith("+")) {
      return "+" + d;
    }
    if (d.startsWith("00")) {
      return "+" + d.substring(2);
    }
    return "+358" + d.substring(1);
  }

  /** Names the algorithm only; never key material. */
  @Override
  public String toString() {
    return "Pseudonymiser[" + ALGORITHM + ", key=***]";
  }
}
