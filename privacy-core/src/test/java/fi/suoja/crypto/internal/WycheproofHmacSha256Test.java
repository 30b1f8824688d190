package fi.suoja.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/**
 * Every HMAC-SHA256 vector of Wycheproof's hmac_sha256_test.json (full and 128-bit truncated tags)
 * through {@link HmacSha256}, the layer the blind indexer uses, including its truncation.
 */
class WycheproofHmacSha256Test {

  @Test
  void hmacSha256_allVectors_resultsMatchExactly() {
    JsonNode root = Wycheproof.load("hmac_sha256_test.json");
    int run = 0;
    int valid = 0;
    for (JsonNode group : root.get("testGroups")) {
      int tagBits = group.get("tagSize").asInt();
      for (JsonNode test : group.get("tests")) {
        run++;
        byte[] mac =
            HmacSha256.compute(
                HmacSha256.key(Wycheproof.hex(test, "key")), Wycheproof.hex(test, "msg"));
        byte[] truncated = HmacSha256.truncate(mac, tagBits);
        boolean matches = MessageDigest.isEqual(truncated, Wycheproof.hex(test, "tag"));
        boolean expected = test.get("result").asText().equals("valid");
        assertThat(matches).as("tcId %s", test.get("tcId")).isEqualTo(expected);
        if (expected) {
          valid++;
        }
      }
    }
    assertThat(run).isEqualTo(root.get("numberOfTests").asInt());
    assertThat(valid).isEqualTo(66);
  }

  @Test
  void truncate_partialByte_zeroesUnusedBits() {
    byte[] full = new byte[32];
    java.util.Arrays.fill(full, (byte) 0xFF);
    assertThat(HmacSha256.truncate(full, 12)).containsExactly((byte) 0xFF, (byte) 0xF0);
  }
}
