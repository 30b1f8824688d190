package fi.suoja.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Known answers of the log-pseudonym key derivation (computed outside Java with Python's hmac):
 * moving the derivation must not change a deployed tenant's pseudonyms.
 */
class SubKeysTest {
  private static final SecretKey PSEUDONYM_KEY = new SecretKeySpec(range(32), "HmacSHA256");

  @Test
  void logPseudonymKey_isHmacOfTheLabelAndTenant() {
    assertThat(hex(SubKeys.logPseudonymKey(PSEUDONYM_KEY, "hoiva-aurinko")))
        .isEqualTo("%s", expected("hoiva-aurinko"));
  }

  @Test
  void logPseudonymKey_tenantIdAsUtf8_andTenantsNeverShareAKey() {
    assertThat(hex(SubKeys.logPseudonymKey(PSEUDONYM_KEY, "hoiva-\u00e4iti")))
        .isEqualTo("%s", expected("hoiva-\u00e4iti"))
        .isNotEqualTo(hex(SubKeys.logPseudonymKey(PSEUDONYM_KEY, "hoiva-aurinko")));
  }

  private static String expected(String tenant) {
    return switch (tenant) {
      case "hoiva-aurinko" -> "26a9d357c32b6c0e66e8b4c02b3c0229f19a799380dbd51c114cf6e70cb39eee";
      default -> "a84c28b8ecb501bc15afcd592fc52f2628dc0c527534f0dac3ac41d7746533e1";
    };
  }

  private static String hex(SecretKey key) {
    return HexFormat.of().formatHex(key.getEncoded());
  }

  private static byte[] range(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }
}
