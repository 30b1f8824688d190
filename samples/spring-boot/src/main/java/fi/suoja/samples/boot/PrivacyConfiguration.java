package fi.suoja.samples.boot;

import fi.suoja.policy.IncidentGrants;
import fi.suoja.policy.TenantPrivacySettings;
import fi.suoja.spring.boot.TenantSettingsSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Suoja configuration in code: the organisations' incident grants and their privacy decisions,
 * which the starter's care policy (docs/POLICY.md) reads. Everything else is in
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
   * Each organisation's consent to incident access, from its row. Plain JDBC, not the repository:
   * the policy is asked while Hibernate loads a record, which is no place to start another query
   * through the same persistence context.
   */
  @Bean
  TenantSettingsSource tenantSettings(JdbcTemplate jdbc) {
    return code ->
        jdbc
            .query(
                "select client_data_in_logs, incident_access_consent from organisation"
                    + " where code = ?",
                (rs, n) -> new TenantPrivacySettings(code, rs.getBoolean(1), rs.getBoolean(2)),
                code)
            .stream()
            .findFirst();
  }
}
