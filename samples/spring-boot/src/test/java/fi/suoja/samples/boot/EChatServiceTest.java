package fi.suoja.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The eChat service through its HTTP API (MockMvc with the real Spring Security filter chain and
 * the starter's request filter), on H2: each test is one thing the sample promises. {@link
 * EChatServicePostgreSqlTest} runs the same against PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class EChatServiceTest {
  static final RequestPostProcessor AINO = user("aino.hoitaja");
  static final RequestPostProcessor EERO = user("eero.hoitaja");
  static final RequestPostProcessor CECILIA = user("cecilia.esihenkilo");
  static final RequestPostProcessor SAMI = user("sami.tuki");

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meters;

  @Test
  void everyPersonalField_isAnEnvelopeInTheDatabase() throws Exception {
    String id = createClient(AINO, "Aili", "Heikkinen", "120456-123C", "Verenpaine seurannassa.");
    mvc.perform(
            json(post("/clients/" + id + "/messages"), "{\"fromClient\":true,\"text\":\"Kiitos!\"}")
                .with(AINO))
        .andExpect(status().isOk());

    Map<String, List<String>> personal =
        Map.of(
            "client", List.of("first_name", "last_name", "hetu", "care_notes"),
            "employee", List.of("first_name", "last_name", "email", "phone", "hetu"),
            "message", List.of("text"));
    personal.forEach(
        (table, columns) -> {
          List<Map<String, Object>> rows = jdbc.queryForList("select * from " + table);
          assertThat(rows).as(table).isNotEmpty();
          for (Map<String, Object> row : rows) {
            for (String column : columns) {
              // an envelope: Base64 of version 1, the key id, the nonce and the ciphertext
              assertThat(String.valueOf(row.get(column)))
                  .as(table + "." + column)
                  .startsWith("AQ")
                  .hasSizeGreaterThan(50);
            }
          }
          String dump = rows.toString();
          assertThat(dump)
              .as(table)
              .doesNotContain(
                  "Aili",
                  "Heikkinen",
                  "120456",
                  "Verenpaine",
                  "Kiitos",
                  "Helmi",
                  "Mäkelä",
                  "Aino",
                  "Virtanen",
                  "aurinko.example",
                  "+358",
                  "131052");
        });
    // not personal data: as it was written
    assertThat(jdbc.queryForList("select job_title from employee", String.class))
        .contains("Lähihoitaja");
  }

  @Test
  void anEmployee_readsHerOwnClient() throws Exception {
    String id = createClient(AINO, "Aili", "Heikkinen", "030787-1230", "Kotikäynti maanantaisin.");

    mvc.perform(get("/clients/" + id).with(AINO))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.firstName").value("Aili"))
        .andExpect(jsonPath("$.hetu").value("030787-1230"))
        .andExpect(jsonPath("$.careNotes").value("Kotikäynti maanantaisin."));
    mvc.perform(get("/clients").with(AINO))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].firstName").value(org.hamcrest.Matchers.hasItem("Helmi")));
  }

  @Test
  void aColleague_isRefusedWithAProblemDetailThatNamesNoPersonalData() throws Exception {
    String id = createClient(AINO, "Aili", "Heikkinen", "241199-123V", "Muistisairaus.");

    String body =
        mvc.perform(get("/clients/" + id).with(EERO))
            .andExpect(status().isForbidden())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.code").value("SUOJA-3100"))
            .andExpect(jsonPath("$.reason").value("NOT_OWNER"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(body).doesNotContain("Aili", "Heikkinen", "241199", "Muisti", id, "aino");
  }

  @Test
  void theOrganisationAdmin_readsAnyClient_auditedAsElevatedWithItsBasis() throws Exception {
    String id = createClient(AINO, "Aili", "Heikkinen", "050505A123H", "Diabetes.");

    mvc.perform(get("/clients/" + id).with(CECILIA))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.lastName").value("Heikkinen"));

    AuditEvent read = lastRead("cecilia.esihenkilo", id);
    assertThat(read.elevated()).isTrue();
    assertThat(read.basis().code()).isEqualTo("ORG_ADMIN");
    assertThat(read.outcome()).isEqualTo(Outcome.success());
  }

  @Test
  void providerSupport_managesAccounts_butReadsAClientOnlyUnderAnIncidentGrant() throws Exception {
    String id = createClient(AINO, "Aili", "Heikkinen", "111111-123S", "Kaatuili viime viikolla.");
    String client = "/support/organisations/hoiva/clients/" + id;

    // employee accounts: account management, no grant needed
    mvc.perform(get("/support/organisations/hoiva/employees").with(SAMI))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].account").value(org.hamcrest.Matchers.hasItem("aino.hoitaja")));
    // a client: no
    mvc.perform(get(client).with(SAMI))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.reason").value("NO_INCIDENT_GRANT"));
    // only the organisation admin gives grants
    mvc.perform(json(post("/incident-grants"), grant("INC-1")).with(AINO))
        .andExpect(status().isForbidden());
    mvc.perform(json(post("/incident-grants"), grant("INC-2026-118")).with(CECILIA))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.basis").value("INCIDENT:INC-2026-118"));

    mvc.perform(get(client).with(SAMI))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.careNotes").value("Kaatuili viime viikolla."));

    AuditEvent read = lastRead("sami.tuki", id);
    assertThat(read.elevated()).isTrue();
    assertThat(read.basis().code()).isEqualTo("INCIDENT:INC-2026-118");
    assertThat(read.purpose()).isEqualTo("INCIDENT_INVESTIGATION");

    // the grant stands, but the organisation withdraws its consent (its row, which the sample's
    // TenantSettingsSource reads): no more reading
    jdbc.update("update organisation set incident_access_consent = false where code = 'hoiva'");
    try {
      mvc.perform(get(client).with(SAMI))
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.reason").value("NO_TENANT_CONSENT"));
    } finally {
      jdbc.update("update organisation set incident_access_consent = true where code = 'hoiva'");
    }
  }

  @Test
  void aLogLineNamingTheClient_isWrittenMasked(CapturedOutput output) throws Exception {
    String id = createClient(AINO, "Vieno", "Salminen", "220380-1237", "Ei huomautettavaa.");

    mvc.perform(get("/clients/" + id).with(AINO)).andExpect(status().isOk());

    String line =
        output.getOut().lines().filter(l -> l.contains("opened client")).reduce((a, b) -> b).get();
    assertThat(line).doesNotContain("Vieno", "Salminen", "220380-1237");
  }

  @Test
  void findByHetu_findsTheClientThroughSpringData() throws Exception {
    String id = createClient(AINO, "Sulo", "Nieminen", "120456-4564", "Ei huomautettavaa.");
    createClient(AINO, "Taisto", "Nieminen", "120456-778H", "Ei huomautettavaa.");

    mvc.perform(get("/clients").param("hetu", "120456-4564").with(AINO))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].id").value(id))
        .andExpect(jsonPath("$[0].firstName").value("Sulo"));
  }

  @Test
  void actuatorHealth_isUpWithTheSuojaComponent() throws Exception {
    mvc.perform(get("/actuator/health"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"))
        .andExpect(jsonPath("$.components.suoja.status").value("UP"));
  }

  @Test
  void meters_countDecisionsAndOpens() throws Exception {
    String id = createClient(AINO, "Aili", "Heikkinen", "241199-456L", "Ei huomautettavaa.");
    double allowed = counter("suoja.decisions", "outcome", "allow");
    double denied = counter("suoja.decisions", "outcome", "deny");
    double notOwner = counter("suoja.denials", "reason", "not_owner");
    double opens = meters.get("suoja.opens").functionCounter().count();

    mvc.perform(get("/clients/" + id).with(AINO)).andExpect(status().isOk());
    mvc.perform(get("/clients/" + id).with(EERO)).andExpect(status().isForbidden());

    assertThat(counter("suoja.decisions", "outcome", "allow")).isGreaterThan(allowed);
    assertThat(counter("suoja.decisions", "outcome", "deny")).isGreaterThan(denied);
    assertThat(counter("suoja.denials", "reason", "not_owner")).isEqualTo(notOwner + 1);
    // first name, last name, HETU and notes of the one client Aino read
    assertThat(meters.get("suoja.opens").functionCounter().count())
        .isGreaterThanOrEqualTo(opens + 4);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private String createClient(
      RequestPostProcessor nurse, String first, String last, String hetu, String notes)
      throws Exception {
    String body =
        mvc.perform(
                json(
                        post("/clients"),
                        "{\"firstName\":\"%s\",\"lastName\":\"%s\",\"hetu\":\"%s\",\"careNotes\":\"%s\"}"
                            .formatted(first, last, hetu, notes))
                    .with(nurse))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return JsonPath.read(body, "$.id");
  }

  private static String grant(String incident) {
    return "{\"grantee\":\"sami.tuki\",\"incidentId\":\"%s\",\"minutes\":30}".formatted(incident);
  }

  private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
    return b.contentType(MediaType.APPLICATION_JSON).content(body);
  }

  private static RequestPostProcessor user(String name) {
    return httpBasic(name, Security.DEMO_PASSWORD);
  }

  private double counter(String name, String tag, String value) {
    return meters.get(name).tag(tag, value).functionCounter().count();
  }

  /** The user's last read of the record, from the audit table itself. */
  private AuditEvent lastRead(String user, String recordId) {
    return jdbc
        .queryForList("select event_json from suoja_audit order by seq", String.class)
        .stream()
        .map(AuditEvent::fromJson)
        .filter(
            e ->
                e.actor().userId().equals(user)
                    && e.action() == AuditAction.READ
                    && recordId.equals(e.resource().id()))
        .reduce((a, b) -> b)
        .orElseThrow();
  }
}
