package fi.suoja.jpa.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.jpa.processing.Patients.Nurse;
import fi.suoja.jpa.processing.Patients.Patient;
import fi.suoja.jpa.processing.Patients.PatientRecategorised;
import fi.suoja.jpa.processing.Patients.Visitor;
import fi.suoja.policy.AccessPolicy;
import fi.suoja.policy.Action;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.DataCategory;
import fi.suoja.policy.Decision;
import fi.suoja.policy.Role;
import fi.suoja.policy.TenantPrivacySettings;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessingRecordTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Quotes, backslash, every kind of control character, non-BMP, a line separator, HTML. */
  private static final String AWKWARD =
      "A \"q\" \\ </script> \u0000\u0001\u001f\b\f\n\r\t \ud83d\ude00 \u2028 \u007f ä";

  private static ProcessingRecord.Builder base(Class<?>... entities) {
    return ProcessingRecord.builder()
        .entities(entities)
        .jdbcUrl(
            "jdbc:postgresql://db.example.fi/care?user=app&password=Salainen123&sslmode=verify-full")
        .policy(
            CareAccessPolicy.builder()
                .tenantSettings(List.of(new TenantPrivacySettings("hoiva", true, true)))
                .build())
        .tenants("hoiva", "kuu")
        .auditSink(new InMemoryAuditSink());
  }

  @Test
  void fields_annotatedEntities_listsEachAnnotatedFieldWithItsCategoryAndNoOther() {
    ProcessingRecord r = base(Patient.class, Nurse.class).build();

    assertThat(r.subjects()).containsExactly("client", "employee");
    assertThat(r.fields())
        .extracting(f -> f.entity() + "." + f.field() + ":" + f.category() + ":" + f.subject())
        .containsExactly(
            "Patient.hetu:IDENTIFIER:client",
            "Patient.diagnosis:HEALTH:client",
            "Nurse.phone:CONTACT:employee");
    PersonalField hetu = r.fields().get(0);
    assertThat(hetu.blindIndexBits()).isEqualTo(16);
    assertThat(hetu.blindIndexNormalization()).isEqualTo("HETU");
    assertThat(hetu.expectedFalsePositives(10_000)).isEqualTo(9_999 / 65_536.0);
    assertThat(r.fields().get(1).specialCategory()).isTrue();
    assertThat(r.fields().get(1).paddingBucket()).isEqualTo(64);
  }

  @Test
  void toMarkdown_annotationChanged_documentChanges() {
    String before = base(Patient.class).build().toMarkdown();
    String after = base(PatientRecategorised.class).build().toMarkdown();

    assertThat(before).contains("| Patient | diagnosis | HEALTH | yes |");
    assertThat(after)
        .contains("| Patient | diagnosis | FREE_TEXT | no |")
        .doesNotContain("| Patient | diagnosis | HEALTH");
  }

  @Test
  void toMarkdown_any_hasBilingualHeadingsAndMarksSources() {
    String md =
        base(Patient.class)
            .declared(
                ProcessingDeclaration.builder().controller("Hoiva Oy").location("Finland").build())
            .build()
            .toMarkdown();

    assertThat(md)
        .contains("## Categories of data subjects / Rekisteröityjen ryhmät")
        .contains("## Personal data / Henkilötiedot")
        .contains("## Safeguards / Suojaustoimet")
        .contains("## Place of processing / Käsittelyn sijainti")
        .contains("- Controller / Rekisterinpitäjä: Hoiva Oy *(declared)*")
        .contains("- Location / Sijainti: Finland *(declared)*")
        .contains("- Processor / Käsittelijä: not declared *(declared)*")
        .contains("- Tenant hoiva: pseudonymise (keyed tokens) *(derived)*")
        .contains("- Tenant kuu: anonymise *(derived)*")
        .contains(
            "| ORG_ADMIN | a colleague's record | client data | allow, elevated: ORG_ADMIN |"
                + " deny: ROLE_NOT_PERMITTED | deny: ROLE_NOT_PERMITTED | deny: ROLE_NOT_PERMITTED |"
                + " allow, elevated: ORG_ADMIN | allow, elevated: ORG_ADMIN |")
        .contains("TLS with server certificate verification [sslmode=verify-full]")
        .contains("db.example.fi")
        .doesNotContain("Salainen123");
  }

  @Test
  void accessRules_areTheDecisionsOfThePolicyInForce_hostRulesIncluded() throws Exception {
    AccessPolicy care = CareAccessPolicy.builder().build();
    // a host rule: employees may also read (not change) their colleagues' clients
    AccessPolicy host =
        care.withRulesFirst(
            (actor, action, record) ->
                actor.hasRole(Role.EMPLOYEE)
                        && action == Action.READ
                        && record.category() == DataCategory.CLIENT_DATA
                    ? Optional.of(Decision.allow("CARE_TEAM"))
                    : Optional.empty());
    AccessPolicy everything = (actor, action, record) -> Decision.allow("ANY");

    JsonNode byCare = JSON.readTree(base(Patient.class).policy(care).build().toJson());
    JsonNode byHost = JSON.readTree(base(Patient.class).policy(host).build().toJson());
    JsonNode byAll = JSON.readTree(base(Patient.class).policy(everything).build().toJson());

    String colleaguesClient = "/derived/access/rules/1/decisions";
    assertThat(byCare.at("/derived/access/rules/1/who").asText()).isEqualTo("EMPLOYEE");
    assertThat(byCare.at("/derived/access/rules/1/relation").asText())
        .isEqualTo("a colleague's record");
    assertThat(byCare.at(colleaguesClient + "/READ").asText()).isEqualTo("deny: NOT_OWNER");
    assertThat(byHost.at(colleaguesClient + "/READ").asText()).isEqualTo("allow: CARE_TEAM");
    assertThat(byHost.at(colleaguesClient + "/UPDATE").asText()).isEqualTo("deny: NOT_OWNER");
    assertThat(byCare.at("/derived/access/rules/0/decisions/READ").asText())
        .isEqualTo("allow: OWNER");
    // provider support never reads client data without a grant; another tenant never, even
    // when a policy would allow it: the guard's rule is shown, not the policy's wish
    assertThat(byCare.at("/derived/access/rules/3/decisions/READ").asText())
        .startsWith("deny: NO_");
    assertThat(byAll.at("/derived/access/rules/5/decisions/READ").asText())
        .isEqualTo("deny: CROSS_TENANT (the guard overrides the policy)");
    assertThat(byAll.at("/derived/access/rules/4/decisions/ERASE").asText())
        .isEqualTo("allow: ANY");
    assertThat(byCare.at("/derived/access/rules").size()).isEqualTo(12);
  }

  @Test
  void toJson_any_conformsToTheSchemaInTheJar() throws Exception {
    ProcessingRecord r =
        base(Patient.class, Nurse.class)
            .declared(
                ProcessingDeclaration.builder()
                    .controller("Hoiva \"Aurinko\" Oy")
                    .purpose("care\nplanning")
                    .retentionHold("Patient", "254/2015: 12 years")
                    .claim(ProcessingDeclaration.Claim.ALL_CLIENT_DATA_ENCRYPTED)
                    .build())
            .build();
    JsonNode doc = JSON.readTree(r.toJson());
    JsonNode schema;
    try (InputStream in =
        ProcessingRecord.class.getResourceAsStream("processing-record.schema.json")) {
      schema = JSON.readTree(in);
    }

    assertThat(violations(schema, doc, "$")).isEmpty();
    assertThat(doc.at("/declared/controller").asText()).isEqualTo("Hoiva \"Aurinko\" Oy");
    assertThat(doc.at("/derived/dataSubjects/0/fields/0/blindIndex/bits").asInt()).isEqualTo(16);
    assertThat(doc.at("/derived/logs/tenants/hoiva").asText()).isEqualTo("pseudonymise");
    assertThat(doc.at("/derived/placeOfProcessing/transport").asText()).isEqualTo("TLS_VERIFIED");
    assertThat(r.toJson()).doesNotContain("Salainen123");
  }

  @Test
  void toJson_awkwardValues_isThePinnedTreeInOrder() throws Exception {
    ProcessingRecord r =
        base(Patient.class, Nurse.class, Visitor.class)
            .tenants(AWKWARD)
            .declared(
                ProcessingDeclaration.builder()
                    .controller(AWKWARD)
                    .processor("Käsittelijä Oy")
                    .dpoContact("</script>")
                    .location("Suomi \ud83c\uddeb\ud83c\uddee")
                    .legalBasis("GDPR 6(1)(c)")
                    .auditRetention("12 v")
                    .purpose(AWKWARD)
                    .purpose("care\nplanning")
                    .subProcessor("\u0000")
                    .retentionHold(AWKWARD, AWKWARD)
                    .retentionHold("Patient", "254/2015: 12 years")
                    .claim(ProcessingDeclaration.Claim.TRANSPORT_ENCRYPTED)
                    .claim(ProcessingDeclaration.Claim.ALL_CLIENT_DATA_ENCRYPTED)
                    .build())
            .build();
    JsonNode pinned;
    try (InputStream in = getClass().getResourceAsStream("processing-record-pinned.json")) {
      pinned = JSON.readTree(in);
    }

    JsonNode doc = JSON.readTree(r.toJson());

    // equal trees, and the same member order (a tree prints its members in parse order)
    assertThat(doc).isEqualTo(pinned);
    assertThat(JSON.writeValueAsString(doc)).isEqualTo(JSON.writeValueAsString(pinned));
    assertThat(doc.at("/declared/controller").asText()).isEqualTo(AWKWARD);
    assertThat(doc.at("/declared/purposes/0").asText()).isEqualTo(AWKWARD);
    assertThat(doc.at("/declared/retentionHolds").get(AWKWARD).asText()).isEqualTo(AWKWARD);
    assertThat(doc.at("/derived/logs/tenants").get(AWKWARD).asText()).isEqualTo("anonymise");
    assertThat(
            doc.at(
                    "/derived/dataSubjects/2/fields/0/blindIndex/"
                        + "expectedFalsePositivesPerLookupIn10000Rows")
                .asDouble())
        .isEqualTo(2.32807e-6);
  }

  @Test
  void schemaCheck_wrongDocument_isRejected() throws Exception {
    JsonNode schema;
    try (InputStream in =
        ProcessingRecord.class.getResourceAsStream("processing-record.schema.json")) {
      schema = JSON.readTree(in);
    }
    JsonNode bad =
        JSON.readTree("{\"schema\":\"suoja-processing-record-v1\",\"declared\":{},\"x\":1}");

    assertThat(violations(schema, bad, "$")).isNotEmpty();
  }

  @Test
  void build_noPolicyNoSink_saysNotConfiguredInsteadOfGuessing() {
    String md = ProcessingRecord.builder().entities(Patient.class).build().toMarkdown();

    assertThat(md)
        .contains("Policy in force: not configured")
        .contains("Sink: not configured")
        .contains("unknown (the JDBC URL could not be read");
  }

  /**
   * A minimal JSON Schema walker: type, const, enum, required, properties, additionalProperties,
   * items.
   */
  static List<String> violations(JsonNode schema, JsonNode node, String path) {
    List<String> out = new ArrayList<>();
    if (schema.has("const") && !schema.get("const").equals(node)) {
      out.add(path + ": not the constant");
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode e : schema.get("enum")) {
        found |= e.equals(node);
      }
      if (!found) {
        out.add(path + ": not in enum: " + node);
      }
    }
    if (schema.has("type")) {
      List<String> types = new ArrayList<>();
      schema.get("type").forEach(t -> types.add(t.asText()));
      if (schema.get("type").isTextual()) {
        types.add(schema.get("type").asText());
      }
      String actual =
          node.isNull()
              ? "null"
              : node.isObject()
                  ? "object"
                  : node.isArray()
                      ? "array"
                      : node.isTextual()
                          ? "string"
                          : node.isBoolean()
                              ? "boolean"
                              : node.isIntegralNumber() ? "integer" : "number";
      boolean ok = types.contains(actual) || (actual.equals("integer") && types.contains("number"));
      if (!ok) {
        out.add(path + ": " + actual + " is not " + types);
        return out;
      }
    }
    if (node.isObject()) {
      if (schema.has("required")) {
        for (JsonNode req : schema.get("required")) {
          if (!node.has(req.asText())) {
            out.add(path + ": missing " + req.asText());
          }
        }
      }
      JsonNode props = schema.get("properties");
      JsonNode additional = schema.get("additionalProperties");
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (props != null && props.has(e.getKey())) {
          out.addAll(violations(props.get(e.getKey()), e.getValue(), path + "." + e.getKey()));
        } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
          out.add(path + ": unexpected " + e.getKey());
        } else if (additional != null && additional.isObject()) {
          out.addAll(violations(additional, e.getValue(), path + "." + e.getKey()));
        }
      }
    }
    if (node.isArray() && schema.has("items")) {
      for (int i = 0; i < node.size(); i++) {
        out.addAll(violations(schema.get("items"), node.get(i), path + "[" + i + "]"));
      }
    }
    return out;
  }
}
