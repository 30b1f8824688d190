package fi.suoja.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The machine output ({@code --json}): one JSON document on standard output. */
final class Output {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Output() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** {@code {"ok":false,"exitCode":n,"code":"SUOJA-...","message":"..."}}. */
  static String error(String code, int exitCode, String message) {
    ObjectNode o = object();
    o.put("ok", false);
    o.put("exitCode", exitCode);
    o.put("code", code);
    o.put("message", message);
    return write(o);
  }

  static String write(ObjectNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON output", e);
    }
  }
}
