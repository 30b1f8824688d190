package fi.suoja.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {

  private static final byte[] KEY_BYTES =
      HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  private final Pseudonymiser pseudonymiser =
      Pseudonymiser.withKey(new SecretKeySpec(KEY_BYTES, "HmacSHA256"));

  @Test
  void mask_hetu_stableKeyedToken() {
    String a = pseudonymiser.mask("client 131052-308T");
    assertThat(a).matches("client <hetu:[BCDFGHJKLMNPQRST]{12}>");
    assertThat(pseudonymiser.mask("again 131052-308T")).endsWith(a.substring(7));
  }

  @Test
  void mask_sameDigitsDifferentCenturySign_differentTokens() {
    String classic = pseudonymiser.mask("131052-308T");
    String reform = pseudonymiser.mask("131052Y308T");
    assertThat(classic).isNotEqualTo(reform);
  }

  @Test
  void mask_phoneFormatsOfOneNumber_sameToken() {
    String national = pseudonymiser.mask("040 123 4567");
    assertThat(pseudonymiser.mask("+358 40 1234567")).isEqualTo(national);
    assertThat(pseudonymiser.mask("00358401234567")).isEqualTo(national);
    assertThat(pseudonymiser.mask("+358 (0)40 123 4567")).isEqualTo(national);
  }

  @Test
  void mask_spellingsOfOneHetu_sameTokenAsAsciiForm() {
    String ascii = pseudonymiser.mask("131052-308T");
    assertThat(pseudonymiser.mask("131052\u2013308T")).isEqualTo(ascii);
    assertThat(pseudonymiser.mask("131052\u00a0-\u200b308T")).isEqualTo(ascii);
    assertThat(pseudonymiser.mask("131052\\u002d308T")).isEqualTo(ascii);
    assertThat(pseudonymiser.mask("131052%E2%80%93308T")).isEqualTo(ascii);
    assertThat(pseudonymiser.mask("\uff11\uff13\uff11\uff10\uff15\uff12-\uff13\uff10\uff18T"))
        .isEqualTo(ascii);
    assertThat(pseudonymiser.mask("131052%2B308T")).isEqualTo(pseudonymiser.mask("131052+308T"));
  }

  @Test
  void mask_spellingsOfOneIban_sameToken() {
    String compact = pseudonymiser.mask("FI2112345600000785");
    assertThat(pseudonymiser.mask("FI 21 1234 5600 0007 85")).isEqualTo(compact);
    assertThat(pseudonymiser.mask("FI21\u00a01234\u202f5600\u20130007 85")).isEqualTo(compact);
  }

  @Test
  void mask_escapedPlusPhone_sameTokenAsPlainPhone() {
    assertThat(pseudonymiser.mask("%2B358401234567"))
        .isEqualTo(pseudonymiser.mask("+358401234567"));
  }

  @Test
  void mask_emailCase_sameToken() {
    assertThat(pseudonymiser.mask("Matti@Example.fi"))
        .isEqualTo(pseudonymiser.mask("matti@example.fi"));
  }

  @Test
  void mask_otherKey_otherToken() {
    byte[] other = KEY_BYTES.clone();
    other[0] ^= 1;
    Pseudonymiser second = Pseudonymiser.withKey(new SecretKeySpec(other, "HmacSHA256"));
    assertThat(second.mask("131052-308T")).isNotEqualTo(pseudonymiser.mask("131052-308T"));
  }

  @Test
  void mask_knownKeyAndValue_matchesHmacComputedIndependently() throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY_BYTES, "HmacSHA256"));
    byte[] digest =
        mac.doFinal("hetu\u0000131052-308T".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    StringBuilder expected = new StringBuilder("<hetu:");
    for (int k = 0; k < 12; k++) {
      int b = digest[k / 2] & 0xff;
      expected.append("BCDFGHJKLMNPQRST".charAt(k % 2 == 0 ? b >>> 4 : b & 0xf));
    }
    assertThat(pseudonymiser.mask("131052-308T")).isEqualTo(expected.append('>').toString());
  }

  @Test
  void mask_pseudonymisedText_isIdempotent() {
    String once = pseudonymiser.mask("a 131052-308T b a.b@c.fi c 0401234567 d FI2112345600000785");
    assertThat(pseudonymiser.mask(once)).isSameAs(once);
  }

  @Test
  void maskValue_registeredCaseVariants_sameTokenAsLiteralMatch() {
    try (SensitiveValues.Scope scope = SensitiveValues.open()) {
      scope.register("Virtanen");
      assertThat(pseudonymiser.mask("VIRTANEN")).isEqualTo(pseudonymiser.maskValue("virtanen"));
    }
  }

  @Test
  void toString_containsNoKeyMaterial() {
    String printed = pseudonymiser.toString();
    assertThat(printed).doesNotContain(HexFormat.of().formatHex(KEY_BYTES));
    assertThat(printed).doesNotContain(java.util.Base64.getEncoder().encodeToString(KEY_BYTES));
    assertThat(printed).isEqualTo("Pseudonymiser[HmacSHA256, key=***]");
  }

  @Test
  void withKey_shortKey_failsWithCodeAndNoKeyMaterial() {
    byte[] shortKey = {1, 2, 3, 4, 5, 6, 7, 8};
    assertThatThrownBy(() -> Pseudonymiser.withKey(new SecretKeySpec(shortKey, "HmacSHA256")))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageStartingWith("SUOJA-2004");
  }
}
