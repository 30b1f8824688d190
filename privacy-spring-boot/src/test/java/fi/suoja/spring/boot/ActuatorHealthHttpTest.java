package fi.suoja.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.spring.boot.app.CareApp;
import fi.suoja.spring.boot.app.Security;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code GET /actuator/health} over real HTTP shows the component {@code suoja} UP with its safe
 * details, on Boot 4 (its health module) and on Boot 3.5 (spring-boot-actuator 3.x) alike.
 */
@SpringBootTest(
    classes = CareApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoint.health.show-components=always",
      "management.endpoint.health.show-details=always"
    })
class ActuatorHealthHttpTest {
  @DynamicPropertySource
  static void masterKey(DynamicPropertyRegistry registry) {
    registry.add("suoja.master-key.location", () -> MasterKeys.pkcs12().toString());
  }

  @Autowired Environment env;

  @Test
  void actuatorHealth_hasTheSuojaComponent_up() throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString(("aino.hoitaja:" + Security.PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:"
                                + env.getProperty("local.server.port")
                                + "/actuator/health"))
                    .header("Authorization", "Basic " + basic)
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    String body = response.body().replace(" ", "");
    // the component's own object (the lines order its status and details differently)
    String suoja = component(body, "suoja");
    assertThat(suoja)
        .contains("\"status\":\"UP\"")
        .contains("\"keys\":\"UP\"")
        .contains("\"audit\":\"UP\"");
  }

  private static String component(String body, String name) {
    int start = body.indexOf("\"" + name + "\":{");
    assertThat(start).as("component %s in %s", name, body).isNotNegative();
    int depth = 0;
    for (int i = body.indexOf('{', start); i < body.length(); i++) {
      char c = body.charAt(i);
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (depth == 0) {
        return body.substring(start, i + 1);
      }
    }
    throw new AssertionError("unbalanced JSON: " + body);
  }
}
