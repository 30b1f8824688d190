package fi.suoja.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Validates emitted JSON against the published schema: required fields, types, enums, patterns and
 * additionalProperties (the subset of JSON Schema the schema uses), and checks that the schema's
 * enums match the Java enums.
 */
class AuditEventSchemaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode schema() throws Exception {
    try (InputStream in =
        AuditEvent.class.getResourceAsStream("/fi/suoja/audit/audit-event.schema.json")) {
      assertThat(in).as("schema on the class path").isNotNull();
      return MAPPER.readTree(in);
    }
  }

  @Test
  void toJson_everySampleEvent_validAgainstSchema() throws Exception {
    JsonNode schema = schema();
    for (int i = 0; i < 50; i++) {
      JsonNode json = MAPPER.readTree(Events.read(i).toJson());
      assertThat(validate(schema, json, "$")).as("event %d", i).isEmpty();
    }
    AuditEvent minimal =
        AuditEvent.builder()
            .actor(AuditActor.system("job", "t"))
            .action(AuditAction.KEY_ROTATED)
            .outcome(Outcome.failure("HSM_DOWN"))
            .build();
    assertThat(validate(schema, MAPPER.readTree(minimal.toJson()), "$")).isEmpty();
  }

  @Test
  void validate_missingRequiredOrWrongType_detected() throws Exception {
    JsonNode schema = schema();
    JsonNode json = MAPPER.readTree(Events.read(1).toJson());
    ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("actor");
    ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("fields", 3);
    assertThat(validate(schema, json, "$"))
        .contains("$: missing required actor", "$.fields: expected array");
  }

  @Test
  void schemaEnums_matchJavaEnums() throws Exception {
    JsonNode props = schema().get("properties");
    List<String> actions = new ArrayList<>();
    props.get("action").get("enum").forEach(n -> actions.add(n.asText()));
    assertThat(actions)
        .containsExactlyElementsOf(
            java.util.Arrays.stream(AuditAction.values()).map(Enum::name).toList());
    List<String> statuses = new ArrayList<>();
    props
        .get("outcome")
        .get("properties")
        .get("status")
        .get("enum")
        .forEach(n -> statuses.add(n.asText()));
    assertThat(statuses)
        .containsExactlyElementsOf(
            java.util.Arrays.stream(Outcome.Status.values()).map(Enum::name).toList());
  }

  static List<String> validate(JsonNode schema, JsonNode value, String path) {
    List<String> errors = new ArrayList<>();
    String type = schema.path("type").asText("");
    boolean typeOk =
        switch (type) {
          case "object" -> value.isObject();
          case "array" -> value.isArray();
          case "string" -> value.isTextual();
          case "boolean" -> value.isBoolean();
          case "" -> true;
          default -> throw new IllegalArgumentException(type);
        };
    if (!typeOk) {
      errors.add(path + ": expected " + type);
      return errors;
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode allowed : schema.get("enum")) {
        found |= allowed.equals(value);
      }
      if (!found) {
        errors.add(path + ": not in enum");
      }
    }
    if (schema.has("pattern")
        && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
      errors.add(path + ": pattern");
    }
    if (value.isObject()) {
      for (JsonNode req : schema.path("required")) {
        if (!value.has(req.asText())) {
          errors.add(path + ": missing required " + req.asText());
        }
      }
      JsonNode props = schema.path("properties");
      for (Map.Entry<String, JsonNode> f : value.properties()) {
        if (props.has(f.getKey())) {
          errors.addAll(validate(props.get(f.getKey()), f.getValue(), path + "." + f.getKey()));
        } else if (!schema.path("additionalProperties").asBoolean(true)) {
          errors.add(path + ": additional property " + f.getKey());
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        errors.addAll(validate(schema.get("items"), value.get(i), path + "[" + i + "]"));
      }
    }
    return errors;
  }
}
