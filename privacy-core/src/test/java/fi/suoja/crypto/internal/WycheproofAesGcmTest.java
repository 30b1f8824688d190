package fi.suoja.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/**
 * Every AES-GCM vector of Wycheproof's aes_gcm_test.json through {@link AesGcm}, the layer Suoja
 * seals with. The layer accepts only 96-bit nonces and 128-bit tags, so vectors with any other
 * nonce size must be rejected by it even where Wycheproof calls them valid (as Tink's tests do).
 */
class WycheproofAesGcmTest {

  @Test
  void aesGcm_allVectors_resultsMatchExactly() {
    JsonNode root = Wycheproof.load("aes_gcm_test.json");
    int run = 0;
    int accepted = 0;
    int rejectedForSize = 0;
    for (JsonNode group : root.get("testGroups")) {
      int ivSize = group.get("ivSize").asInt();
      int tagSize = group.get("tagSize").asInt();
      for (JsonNode test : group.get("tests")) {
        run++;
        String id = "tcId " + test.get("tcId").asInt();
        SecretKey key = AesGcm.key(Wycheproof.hex(test, "key"));
        byte[] iv = Wycheproof.hex(test, "iv");
        byte[] aad = Wycheproof.hex(test, "aad");
        byte[] msg = Wycheproof.hex(test, "msg");
        byte[] sealed = concat(Wycheproof.hex(test, "ct"), Wycheproof.hex(test, "tag"));
        boolean valid = test.get("result").asText().equals("valid");

        if (ivSize != 96 || tagSize != 128) {
          // pinned parameters: refused on both paths, whatever the vector's verdict
          assertThatThrownBy(() -> AesGcm.seal(key, iv, aad, msg))
              .as(id)
              .isInstanceOf(IllegalArgumentException.class);
          assertThatThrownBy(() -> AesGcm.open(key, iv, aad, sealed))
              .as(id)
              .isInstanceOf(OpenFailedException.class);
          rejectedForSize++;
          continue;
        }
        if (valid) {
          assertThat(AesGcm.seal(key, iv, aad, msg)).as(id).isEqualTo(sealed);
          try {
            assertThat(AesGcm.open(key, iv, aad, sealed)).as(id).isEqualTo(msg);
          } catch (OpenFailedException e) {
            fail(id + " valid vector did not open: " + e.getMessage());
          }
          accepted++;
        } else {
          assertThatThrownBy(() -> AesGcm.open(key, iv, aad, sealed))
              .as(id)
              .isInstanceOf(OpenFailedException.class);
        }
      }
    }
    assertThat(run).isEqualTo(root.get("numberOfTests").asInt());
    assertThat(accepted).isEqualTo(116);
    assertThat(rejectedForSize).isEqualTo(run - 197);
  }

  @Test
  void open_tagTruncatedTo96Through120Bits_rejected() throws Exception {
    // the JCE accepts 96..120-bit tags when asked; this layer pins 128, so a truncated tag fails
    JsonNode root = Wycheproof.load("aes_gcm_test.json");
    int checked = 0;
    for (JsonNode group : root.get("testGroups")) {
      if (group.get("ivSize").asInt() != 96) {
        continue;
      }
      for (JsonNode test : group.get("tests")) {
        if (!test.get("result").asText().equals("valid")) {
          continue;
        }
        SecretKey key = AesGcm.key(Wycheproof.hex(test, "key"));
        byte[] sealed = concat(Wycheproof.hex(test, "ct"), Wycheproof.hex(test, "tag"));
        for (int cut = 1; cut <= 4; cut++) {
          byte[] shortTag = Arrays.copyOf(sealed, sealed.length - cut);
          assertThatThrownBy(
                  () ->
                      AesGcm.open(
                          key, Wycheproof.hex(test, "iv"), Wycheproof.hex(test, "aad"), shortTag))
              .isInstanceOf(OpenFailedException.class);
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(116);
  }

  @Test
  void open_inputShorterThanTag_mapsProviderExceptionToOpenFailed() {
    SecretKey key = AesGcm.key(new byte[32]);
    for (int length = 0; length < AesGcm.TAG_BYTES; length++) {
      byte[] input = new byte[length];
      assertThatThrownBy(() -> AesGcm.open(key, new byte[12], null, input))
          .isInstanceOf(OpenFailedException.class);
    }
  }

  @Test
  void key_wrongLength_rejected() {
    assertThatThrownBy(() -> AesGcm.key(new byte[20])).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
