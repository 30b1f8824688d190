package fi.suoja.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.Suoja;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Outcome;
import fi.suoja.crypto.CipherContext;
import fi.suoja.spring.boot.app.CareApp;
import fi.suoja.spring.boot.app.Security;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Boot care backend with the starter, through real HTTP: Spring Security users, a REST
 * controller, a Spring Data repository, H2. Suoja is configured by properties only
 * (application.properties and the master key location).
 */
@SpringBootTest(classes = CareApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class CareBackendTest {
  static final String HETU = "131052-308T";
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @DynamicPropertySource
  static void masterKey(DynamicPropertyRegistry registry) {
    registry.add("suoja.master-key.location", () -> MasterKeys.pkcs12().toString());
  }

  @Autowired Environment env;
  @Autowired JdbcTemplate jdbc;
  @Autowired Suoja suoja;
  @Autowired MeterRegistry meters;
  @Autowired SuojaHealth health;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void meters_countTheBackendsWork_andHealthIsUp() {
    double seals = meters.get("suoja.seals").functionCounter().count();
    double writes = meters.get("suoja.audit.writes").functionCounter().count();
    suoja.cipher().seal(CipherContext.of("hoiva", "Client", "notes"), "soitto asiakkaalle");
    suoja
        .auditor()
        .record(
            suoja
                .auditor()
                .event(AuditAction.READ)
                .actor(AuditActor.system("meters-test", "hoiva"))
                .outcome(Outcome.success()));

    assertThat(meters.get("suoja.seals").functionCounter().count()).isEqualTo(seals + 1);
    assertThat(meters.get("suoja.audit.writes").functionCounter().count()).isEqualTo(writes + 1);
    assertThat(meters.get("suoja.decisions").tag("outcome", "allow").functionCounter()).isNotNull();
    assertThat(meters.get("suoja.keys.cache").tag("result", "hit").functionCounter()).isNotNull();
    assertThat(meters.get("suoja.audit.write.latency").functionTimer().count()).isPositive();
    // the JDBC sink's group commit has a queue
    assertThat(meters.get("suoja.audit.queue.depth").gauge().value()).isNotNegative();
    assertThat(health.check().up()).isTrue();
  }

  @Test
  void runtime_isTheStartersAndKnowsThePersistenceUnitsEntities() {
    assertThat(suoja.entities()).contains("Client", "Employee", "Organisation");
  }

  @Test
  void create_storesCiphertextOnly_andTheOwnerReadsItBack() throws Exception {
    String id = create("aino.hoitaja", "Aino", "Virtanen", HETU);

    String row =
        jdbc
            .queryForList("select * from client where id = ?", UUID.fromString(id))
            .get(0)
            .values()
            .stream()
            .map(String::valueOf)
            .collect(Collectors.joining(" "));
    assertThat(row).doesNotContain("Aino", "Virtanen", HETU, "131052").contains("hoiva");

    HttpResponse<String> own = get("aino.hoitaja", "/clients/" + id, null);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).contains("\"firstName\":\"Aino\"", "\"lastName\":\"Virtanen\"");
  }

  @Test
  void colleague_isRefusedWithProblemDetailsThatCarryNoPersonalData() throws Exception {
    String id = create("aino.hoitaja", "Helmi", "Mäkelä", "010594Y9032");

    HttpResponse<String> r = get("bertta.hoitaja", "/clients/" + id, null);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.body())
        .contains("\"code\":\"SUOJA-3100\"", "\"reason\":\"NOT_OWNER\"", "\"status\":403");
    assertThat(r.body()).doesNotContain("Helmi", "Mäkelä", "010594Y9032", id, "aino");
  }

  @Test
  void orgAdmin_readsAnyClientOfTheTenant_auditedAsElevated_withTheRequestsTraceId()
      throws Exception {
    String id = create("aino.hoitaja", "Lyyli", "Korhonen", "010190-999K");

    HttpResponse<String> r =
        get("cecilia.esihenkilo", "/clients/" + id, "00-" + TRACE_ID + "-00f067aa0ba902b7-01");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Lyyli");
    AuditEvent read =
        events().stream()
            .filter(
                e ->
                    e.actor().userId().equals("cecilia.esihenkilo")
                        && e.action() == AuditAction.READ
                        && e.resource().id().equals(id))
            .findFirst()
            .orElseThrow();
    assertThat(read.elevated()).isTrue();
    assertThat(read.basis().code()).isEqualTo("ORG_ADMIN");
    assertThat(read.outcome()).isEqualTo(Outcome.success());
    assertThat(read.correlationId()).isEqualTo(TRACE_ID);
    assertThat(read.application()).isEqualTo("care-backend");
  }

  @Test
  void derivedFindByHetu_findsTheClientThroughItsBlindIndex() throws Exception {
    String id = create("aino.hoitaja", "Sulo", "Nieminen", "280264-051U");
    create("aino.hoitaja", "Toivo", "Laine", "010101-123N");

    HttpResponse<String> r = get("aino.hoitaja", "/clients?hetu=280264-051U", null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains(id, "Sulo").doesNotContain("Toivo");
  }

  @Test
  void unauthenticated_writeFailsClosedWithItsCode_andReadSeesNothing() throws Exception {
    long before = jdbc.queryForObject("select count(*) from client", Long.class);
    HttpResponse<String> write =
        http.send(
            HttpRequest.newBuilder(uri("/public/clients"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"firstName\":\"Eino\",\"lastName\":\"Salo\",\"hetu\":\"" + HETU + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(write.body()).contains("\"code\":\"SUOJA-3002\"").doesNotContain("Eino", HETU);
    assertThat(jdbc.queryForObject("select count(*) from client", Long.class)).isEqualTo(before);

    String id = create("aino.hoitaja", "Eino", "Salo", "131052-308T");
    HttpResponse<String> read = get(null, "/public/clients/" + id, null);
    assertThat(read.statusCode()).isEqualTo(404);
    assertThat(read.body()).doesNotContain("Eino");
  }

  @Test
  void logLines_ofARequest_maskTheValuesItOpened(CapturedOutput output) throws Exception {
    String id = create("aino.hoitaja", "Vieno", "Heikkinen", "150397-913C");

    assertThat(get("aino.hoitaja", "/clients/" + id, null).statusCode()).isEqualTo(200);

    assertThat(output.getOut()).contains("opened client");
    String line =
        output.getOut().lines().filter(l -> l.contains("opened client")).findFirst().orElseThrow();
    assertThat(line).doesNotContain("Vieno", "Heikkinen", "150397-913C");
  }

  private String create(String user, String first, String last, String hetu) throws Exception {
    HttpResponse<String> r =
        http.send(
            authorised(HttpRequest.newBuilder(uri("/clients")), user)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"firstName\":\""
                            + first
                            + "\",\"lastName\":\""
                            + last
                            + "\",\"hetu\":\""
                            + hetu
                            + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(r.body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private HttpResponse<String> get(String user, String path, String traceparent) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (user != null) {
      authorised(b, user);
    }
    if (traceparent != null) {
      b.header("traceparent", traceparent);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static HttpRequest.Builder authorised(HttpRequest.Builder b, String user) {
    return b.header(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + Security.PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + env.getProperty("local.server.port") + path);
  }

  private List<AuditEvent> events() {
    return jdbc
        .queryForList("select event_json from suoja_audit order by seq", String.class)
        .stream()
        .map(AuditEvent::fromJson)
        .toList();
  }
}
