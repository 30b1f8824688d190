package fi.suoja.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.suoja.audit.AccessBasis;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Events;
import fi.suoja.audit.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the FHIR mapping against the fixed-value and required-binding rules read from the IHE BALP
 * FSH profiles (copied into test resources): type, subtype, action, outcome, agent and entity
 * type/role codes, requestor, value-set bindings, and the 1..1 / 0..0 elements that matter.
 */
class FhirAuditEventsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern FIXED = Pattern.compile("^\\* (\\S+) = (\\S*)#(\\S+)");
  private static final Pattern FROM = Pattern.compile("^\\* (\\S+) from (\\S+) \\(required\\)");
  private static final Pattern AT_LEAST_ONE =
      Pattern.compile("^\\* insert requireAtLeastOneMatch\\((\\S+), \\S+, (\\S+)#(\\S+) \\)");

  static Stream<Arguments> profiles() {
    return Stream.of(
        Arguments.of(AuditAction.READ, "PatientRead.fsh", null),
        Arguments.of(AuditAction.QUERY, "PatientQuery.fsh", null),
        Arguments.of(AuditAction.CREATE, "PatientCreate.fsh", null),
        Arguments.of(AuditAction.UPDATE, "PatientUpdate.fsh", null),
        Arguments.of(AuditAction.DELETE, "PatientDelete.fsh", null),
        Arguments.of(AuditAction.DISCLOSURE, "Disclose.fsh", "AuditPrivacyDisclosureSource"));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = FhirAuditEventsTest.class.getResourceAsStream("/fhir_balp/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> aliases() throws IOException {
    Map<String, String> a = new HashMap<>();
    for (String line : resource("Aliases.fsh").split("\n", -1)) {
      Matcher m = Pattern.compile("^Alias: (\\S+) = (\\S+)").matcher(line);
      if (m.find()) {
        a.put(m.group(1), m.group(2));
      }
    }
    a.put("BasicAuditEntityType", FhirAuditEvents.BALP_ENTITY);
    return a;
  }

  /** The rule lines of the profiles in a file (one named profile, or all profiles). */
  private static List<String> rules(String file, String profile) throws IOException {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : resource(file).split("\n", -1)) {
      if (line.matches("^(Profile|ValueSet|Instance|CodeSystem|Invariant|RuleSet|Extension):.*")) {
        in = line.startsWith("Profile:") && (profile == null || line.endsWith(profile));
      } else if (in && line.startsWith("* ")) {
        out.add(line);
      }
    }
    return out;
  }

  private static List<String[]> valueSet(String file, String name, Map<String, String> aliases)
      throws IOException {
    List<String[]> codes = new ArrayList<>();
    boolean in = false;
    StringBuilder all = new StringBuilder();
    for (String f :
        List.of(
            "PatientRead.fsh",
            "PatientQuery.fsh",
            "PatientCreate.fsh",
            "PatientUpdate.fsh",
            "PatientDelete.fsh",
            "Disclose.fsh")) {
      all.append(resource(f)).append('\n');
    }
    for (String line : all.toString().split("\n", -1)) {
      if (line.matches("^(Profile|ValueSet|Instance|CodeSystem|Invariant|RuleSet):.*")) {
        in = line.equals("ValueSet: " + name);
      } else if (in) {
        Matcher m = Pattern.compile("^\\* (\\S+)#(\\S+)").matcher(line);
        if (m.find()) {
          codes.add(new String[] {aliases.getOrDefault(m.group(1), m.group(1)), m.group(2)});
        }
      }
    }
    assertThat(codes).as("value set %s (bound in %s)", name, file).isNotEmpty();
    return codes;
  }

  private static AuditEvent event(AuditAction action) {
    return Events.read(3).toBuilder().action(action).outcome(Outcome.success()).build();
  }

  private static boolean hasCoding(JsonNode codingOrConcept, String system, String code) {
    if (codingOrConcept == null) {
      return false;
    }
    if (codingOrConcept.has("coding")) {
      for (JsonNode c : codingOrConcept.get("coding")) {
        if (hasCoding(c, system, code)) {
          return true;
        }
      }
      return false;
    }
    return system.equals(codingOrConcept.path("system").asText())
        && code.equals(codingOrConcept.path("code").asText());
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    if (array != null) {
      array.forEach(out::add);
    }
    return out;
  }

  @ParameterizedTest(name = "{0} follows {1}")
  @MethodSource("profiles")
  void toFhir_action_satisfiesBalpProfileRules(AuditAction action, String file, String profile)
      throws IOException {
    Map<String, String> aliases = aliases();
    JsonNode r = MAPPER.readTree(FhirAuditEvents.toFhirJson(event(action)));
    List<String> rules = rules(file, profile);
    // slices declared 0..1 ("custodian 0..1 and"): their fixed values apply only when present
    java.util.Set<String> optional = new java.util.HashSet<>();
    Matcher opt =
        Pattern.compile("(?m)^\\s*(?:\\* \\w+ contains\\s*)?(\\w+) 0\\.\\.1")
            .matcher(resource(file));
    while (opt.find()) {
      optional.add(opt.group(1));
    }
    int checked = 0;
    for (String rule : rules) {
      String body = rule.replaceAll("\\s+//.*$", "").strip();
      Matcher slice = Pattern.compile("^\\* \\w+\\[(\\w+)\\]").matcher(body);
      if (slice.find() && optional.contains(slice.group(1))) {
        continue;
      }
      Matcher fixed = FIXED.matcher(body);
      Matcher from = FROM.matcher(body);
      Matcher atLeast = AT_LEAST_ONE.matcher(body);
      if (fixed.find()) {
        String path = fixed.group(1);
        String system = aliases.getOrDefault(fixed.group(2), fixed.group(2));
        String code = fixed.group(3);
        checked++;
        if (path.equals("action")) {
          assertThat(r.path("action").asText()).as(rule).isEqualTo(code);
        } else if (path.equals("outcome")) {
          assertThat(r.path("outcome").asText()).as(rule).isEqualTo(code);
        } else if (path.equals("type")) {
          assertThat(hasCoding(r.get("type"), system, code)).as(rule).isTrue();
        } else if (path.startsWith("subtype")) {
          assertThat(list(r.get("subtype"))).as(rule).anyMatch(c -> hasCoding(c, system, code));
        } else if (path.matches("agent\\[\\w+\\]\\.type")) {
          assertThat(list(r.get("agent")))
              .as(rule)
              .anyMatch(a -> hasCoding(a.get("type"), system, code));
        } else if (path.matches("entity\\[\\w+\\]\\.(type|role)")) {
          String field = path.substring(path.indexOf('.') + 1);
          assertThat(list(r.get("entity")))
              .as(rule)
              .anyMatch(e -> hasCoding(e.get(field), system, code));
        } else {
          checked--;
        }
      } else if (from.find()) {
        String path = from.group(1);
        List<String[]> vs = valueSet(file, from.group(2), aliases);
        checked++;
        if (path.startsWith("subtype")) {
          assertThat(list(r.get("subtype")))
              .as(rule)
              .anyMatch(c -> vs.stream().anyMatch(v -> hasCoding(c, v[0], v[1])));
        } else if (path.equals("agent[user].type")) {
          JsonNode user =
              list(r.get("agent")).stream()
                  .filter(a -> a.path("requestor").asBoolean())
                  .findFirst()
                  .orElseThrow();
          assertThat(vs).as(rule).anyMatch(v -> hasCoding(user.get("type"), v[0], v[1]));
        } else if (path.equals("entity[data].role")) {
          assertThat(list(r.get("entity")))
              .as(rule)
              .anyMatch(e -> vs.stream().anyMatch(v -> hasCoding(e.get("role"), v[0], v[1])));
        } else {
          checked--;
        }
      } else if (atLeast.find()) {
        checked++;
        String system = aliases.getOrDefault(atLeast.group(2), atLeast.group(2));
        assertThat(list(r.get(atLeast.group(1))))
            .as(rule)
            .anyMatch(c -> hasCoding(c, system, atLeast.group(3)));
      } else if (body.equals("* agent[user].requestor = true")) {
        checked++;
        assertThat(list(r.get("agent"))).as(rule).anyMatch(a -> a.path("requestor").asBoolean());
      }
    }
    assertThat(checked).as("rules checked in %s", file).isGreaterThanOrEqualTo(6);

    // 1..1 and 0..0 elements common to the profiles
    assertThat(r.path("recorded").asText()).isNotEmpty();
    for (JsonNode agent : list(r.get("agent"))) {
      assertThat(agent.has("who")).isTrue();
      assertThat(agent.has("media")).isFalse();
      // client/server (source/recipient) agents are network devices, the user is not; a
      // disclosure's custodian and authorizer are organisations
      boolean organisation =
          hasCoding(agent.get("type"), "http://snomed.info/sct", "159541003")
              || hasCoding(agent.get("type"), "http://snomed.info/sct", "429577009");
      assertThat(agent.has("network"))
          .isEqualTo(!agent.path("requestor").asBoolean() && !organisation);
    }
    JsonNode patient =
        list(r.get("entity")).stream()
            .filter(e -> hasCoding(e.get("role"), FhirAuditEvents.OBJECT_ROLE, "1"))
            .findFirst()
            .orElseThrow();
    assertThat(patient.path("what").path("type").asText()).isEqualTo("Patient");
    assertThat(patient.path("what").path("identifier").path("value").asText()).isEqualTo("s-3");
    if (action == AuditAction.QUERY) {
      JsonNode query =
          list(r.get("entity")).stream()
              .filter(e -> hasCoding(e.get("role"), FhirAuditEvents.OBJECT_ROLE, "24"))
              .findFirst()
              .orElseThrow();
      assertThat(query.has("query")).isTrue();
      assertThat(query.has("what")).isFalse();
    }
  }

  @Test
  void toFhir_deniedElevatedAccess_outcomeAndPolicyRecorded() throws IOException {
    AuditEvent e =
        event(AuditAction.READ).toBuilder()
            .basis(AccessBasis.incident("g-7"))
            .outcome(Outcome.denied("GRANT_EXPIRED"))
            .build();
    JsonNode r = MAPPER.readTree(FhirAuditEvents.toFhirJson(e));
    assertThat(r.path("outcome").asText()).isEqualTo("4");
    assertThat(r.path("outcomeDesc").asText()).isEqualTo("GRANT_EXPIRED");
    JsonNode user =
        list(r.get("agent")).stream()
            .filter(a -> a.path("requestor").asBoolean())
            .findFirst()
            .orElseThrow();
    assertThat(list(user.get("policy")))
        .extracting(JsonNode::asText)
        .containsExactly("urn:suoja:basis:INCIDENT:g-7", "urn:suoja:basis:elevated");
    assertThat(user.path("who").path("identifier").path("value").asText()).isEqualTo("u-3");
  }

  @Test
  void toFhir_correlationId_transactionEntity() throws IOException {
    JsonNode r = MAPPER.readTree(FhirAuditEvents.toFhirJson(event(AuditAction.UPDATE)));
    assertThat(list(r.get("entity")))
        .anyMatch(
            e ->
                hasCoding(e.get("type"), FhirAuditEvents.BALP_ENTITY, "XrequestId")
                    && e.path("what").path("identifier").path("value").asText().equals("req-3"));
  }

  @Test
  void toFhir_disclosureRecipient_named() {
    JsonNode r = FhirAuditEvents.toFhir(event(AuditAction.DISCLOSURE), "kela");
    assertThat(list(r.get("agent")))
        .anyMatch(
            a ->
                hasCoding(a.get("type"), FhirAuditEvents.DCM, "110152")
                    && a.path("who").path("identifier").path("value").asText().equals("kela"));
  }
}
