package fi.suoja.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.jpa.PlaintextMigration;
import fi.suoja.spring.boot.app.CareApp;
import fi.suoja.spring.boot.app.Security;
import jakarta.persistence.EntityManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The documented path for a running Boot application whose database already holds plaintext
 * (docs/SPRING.md, "Existing plaintext in a running application"), done exactly as written: deploy
 * with {@code suoja.legacy_plaintext=read} over rows a {@code data.sql} inserted in plaintext, run
 * the migration job while the application serves, then deploy again without the property.
 */
class PlaintextAdoptionTest {
  static final String HELMI = "6f1c8f4e-2a51-4c6e-9b5c-0c0e1f6a0001";
  static final String VAINO = "6f1c8f4e-2a51-4c6e-9b5c-0c0e1f6a0002";
  static final List<String> PLAINTEXT =
      List.of("Helmi", "Virtanen", "131052-308T", "Väinö", "Mäkelä", "010203A1230");

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void readModeServesPlaintextRows_migrationSealsThemWhileServing_andTheNextDeployNeedsNoMode()
      throws Exception {
    Path masterKey = MasterKeys.pkcs12();
    String url = "jdbc:h2:mem:plaintext-adoption-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    // deploy 1: the existing schema and plaintext rows, plaintext-read mode on
    try (ConfigurableApplicationContext app =
        start(
            masterKey,
            url,
            Map.of(
                "spring.jpa.hibernate.ddl-auto", "create",
                "spring.jpa.defer-datasource-initialization", "true",
                "spring.sql.init.mode", "always",
                "spring.sql.init.data-locations", "classpath:plaintext-adoption/data.sql",
                "spring.jpa.properties.suoja.legacy_plaintext", "read"))) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(storedValues(jdbc)).containsAll(PLAINTEXT); // nothing sealed yet

      // the application serves the plaintext rows, by id and through the HETU lookup
      assertThat(get(app, "aino.hoitaja", "/clients/" + HELMI).body())
          .contains("\"firstName\":\"Helmi\"", "\"lastName\":\"Virtanen\"");
      assertThat(get(app, "aino.hoitaja", "/clients?hetu=131052-308T").body()).contains(HELMI);
      // and the policy holds for them too: a colleague is refused
      assertThat(get(app, "bertta.hoitaja", "/clients/" + HELMI).statusCode()).isEqualTo(403);

      // the operator runs the migration job while the application serves
      PlaintextMigration.builder(app.getBean(EntityManagerFactory.class)).build().runAll();

      assertThat(storedValues(jdbc)).doesNotContainAnyElementsOf(PLAINTEXT);
      assertThat(jdbc.queryForList("select hetu_index from client", String.class))
          .hasSize(2)
          .allSatisfy(index -> assertThat(index).isNotBlank());
      // still served, now from envelopes
      assertThat(get(app, "aino.hoitaja", "/clients/" + VAINO).body())
          .contains("\"firstName\":\"Väinö\"", "\"lastName\":\"Mäkelä\"");
    }

    // deploy 2: the property removed; the same database
    try (ConfigurableApplicationContext app =
        start(
            masterKey,
            url,
            Map.of("spring.jpa.hibernate.ddl-auto", "none", "spring.sql.init.mode", "never"))) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(storedValues(jdbc)).doesNotContainAnyElementsOf(PLAINTEXT);
      assertThat(get(app, "aino.hoitaja", "/clients/" + HELMI).body())
          .contains("\"firstName\":\"Helmi\"", "\"lastName\":\"Virtanen\"");
      assertThat(get(app, "aino.hoitaja", "/clients?hetu=010203a1230").body()).contains(VAINO);
      assertThat(get(app, "bertta.hoitaja", "/clients/" + VAINO).statusCode()).isEqualTo(403);
    }
  }

  private static ConfigurableApplicationContext start(
      Path masterKey, String url, Map<String, Object> more) {
    Map<String, Object> properties = new HashMap<>(more);
    properties.put("server.port", "0");
    properties.put("spring.datasource.url", url);
    properties.put("suoja.master-key.location", masterKey.toString());
    return new SpringApplicationBuilder(CareApp.class).properties(properties).run();
  }

  private static List<String> storedValues(JdbcTemplate jdbc) {
    List<String> out = new ArrayList<>();
    jdbc.query(
        "select first_name, last_name, hetu from client",
        rs -> {
          out.add(rs.getString(1));
          out.add(rs.getString(2));
          out.add(rs.getString(3));
        });
    return out;
  }

  private HttpResponse<String> get(ConfigurableApplicationContext app, String user, String path)
      throws Exception {
    String port = app.getEnvironment().getProperty("local.server.port");
    String basic =
        Base64.getEncoder()
            .encodeToString((user + ":" + Security.PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Basic " + basic)
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
