package fi.suoja.samples.boot;

import fi.suoja.policy.AccessPolicy;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.IncidentGrants;
import fi.suoja.policy.TenantPrivacySettings;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one piece of Suoja configuration in code: the care rules ({@link CareAccessPolicy}) with the
 * organisations' incident grants and their consent to incident investigation. Everything else is in
 * application.properties.
 */
@Configuration(proxyBeanMethods = false)
public class PrivacyConfiguration {

  /**
   * The incident grants the organisation admins give ({@link IncidentGrantController}). In memory:
   * a real service keeps them in its database by implementing {@link IncidentGrants#forTenant}.
   */
  @Bean
  IncidentGrants.Registry incidentGrants() {
    return IncidentGrants.inMemory();
  }

  /**
   * The eChat care rules (docs/POLICY.md). The starter would build them with the grants alone; the
   * organisations' consent is what this bean adds: without it every organisation counts as having
   * refused incident access.
   */
  @Bean
  AccessPolicy accessPolicy(IncidentGrants grants, JdbcTemplate jdbc) {
    return CareAccessPolicy.builder()
        .incidentGrants(grants)
        .tenantSettings(code -> settingsOf(jdbc, code))
        .build();
  }

  /**
   * Plain JDBC, not the repository: the policy is asked while Hibernate loads a record, which is no
   * place to start another query through the same persistence context.
   */
  private static Optional<TenantPrivacySettings> settingsOf(JdbcTemplate jdbc, String code) {
    return jdbc
        .query(
            "select client_data_in_logs, incident_access_consent from organisation where code = ?",
            (rs, n) -> new TenantPrivacySettings(code, rs.getBoolean(1), rs.getBoolean(2)),
            code)
        .stream()
        .findFirst();
  }
}
