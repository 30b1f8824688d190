package fi.suoja.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Every HKDF-SHA256 vector of Wycheproof's hkdf_sha256_test.json through {@link Hkdf}, the layer
 * that derives Suoja's per-field sub-keys: valid vectors match, oversize requests are refused.
 */
class WycheproofHkdfSha256Test {

  @Test
  void hkdfSha256_allVectors_resultsMatchExactly() {
    JsonNode root = Wycheproof.load("hkdf_sha256_test.json");
    int run = 0;
    int rejected = 0;
    for (JsonNode group : root.get("testGroups")) {
      for (JsonNode test : group.get("tests")) {
        run++;
        byte[] ikm = Wycheproof.hex(test, "ikm");
        byte[] salt = Wycheproof.hex(test, "salt");
        byte[] info = Wycheproof.hex(test, "info");
        int size = test.get("size").asInt();
        if (test.get("result").asText().equals("valid")) {
          assertThat(Hkdf.derive(ikm, salt, info, size))
              .as("tcId %s", test.get("tcId"))
              .isEqualTo(Wycheproof.hex(test, "okm"));
        } else {
          assertThatThrownBy(() -> Hkdf.derive(ikm, salt, info, size))
              .as("tcId %s", test.get("tcId"))
              .isInstanceOf(IllegalArgumentException.class);
          rejected++;
        }
      }
    }
    assertThat(run).isEqualTo(root.get("numberOfTests").asInt());
    assertThat(rejected).isEqualTo(3);
  }
}
