package fi.suoja.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChainKeyTest {
  @Test
  void toString_containsNoKeyMaterial() {
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) (0xA0 + i);
    }
    ChainKey key = ChainKey.of(secret);
    String hex = HexFormat.of().formatHex(secret);
    assertThat(key.toString())
        .startsWith("ChainKey[fingerprint=")
        .doesNotContain(
            hex.substring(0, 8),
            java.util.Base64.getEncoder().encodeToString(secret).substring(0, 8));
    assertThat(key.fingerprint()).hasSize(16).isNotEqualTo(hex.substring(0, 16));
  }

  @Test
  void of_shortKey_refusedWithoutEchoingIt() {
    assertThatThrownBy(() -> ChainKey.of(new byte[] {1, 2, 3}))
        .isInstanceOf(AuditException.class)
        .hasMessage("SUOJA-4020: ChainKey.of(secret): a chain key must be at least 32 bytes");
  }

  @Test
  void of_copiesInput_equalityByContent() {
    byte[] secret = new byte[32];
    ChainKey a = ChainKey.of(secret);
    secret[0] = 1;
    assertThat(a).isNotEqualTo(ChainKey.of(secret)).isEqualTo(ChainKey.of(new byte[32]));
  }
}
