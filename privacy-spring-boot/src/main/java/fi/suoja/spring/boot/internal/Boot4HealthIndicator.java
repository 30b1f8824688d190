package fi.suoja.spring.boot.internal;

import fi.suoja.spring.boot.SuojaHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link SuojaHealth} as Boot 4's health indicator ({@code org.springframework.boot.health}, a
 * module Boot 3.5 does not have): created only under {@code @ConditionalOnClass} naming that
 * interface, so the class is never loaded on Boot 3.5.
 */
public final class Boot4HealthIndicator implements HealthIndicator {
  private final SuojaHealth health;

  public Boot4HealthIndicator(SuojaHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    SuojaHealth.Report report = health.check();
    return (report.up() ? Health.up() : Health.down()).withDetails(report.details()).build();
  }
}
