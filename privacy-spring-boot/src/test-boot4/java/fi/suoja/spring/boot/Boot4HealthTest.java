package fi.suoja.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.spring.boot.app.CareApp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Boot 4's health component {@code suoja} in the care backend: up, with safe details. */
@SpringBootTest(classes = CareApp.class)
class Boot4HealthTest {
  @DynamicPropertySource
  static void masterKey(DynamicPropertyRegistry registry) {
    registry.add("suoja.master-key.location", () -> MasterKeys.pkcs12().toString());
  }

  @Autowired
  @Qualifier("suojaHealthIndicator")
  HealthIndicator indicator;

  @Test
  void indicator_isUp_withKeyVersionAndAuditDetails() {
    Health health = indicator.health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("keys", "UP")
        .containsEntry("audit", "UP")
        .containsKey("audit.queueDepth");
  }
}
