package fi.suoja.crypto.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** Reads the Wycheproof files copied into src/test/resources/wycheproof. */
final class Wycheproof {
  private Wycheproof() {}

  static JsonNode load(String file) {
    try (InputStream in = Wycheproof.class.getResourceAsStream("/wycheproof/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + file);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] hex(JsonNode test, String field) {
    return HexFormat.of().parseHex(test.get(field).asText());
  }
}
