package fi.suoja.spring.boot;

import fi.suoja.policy.TenantPrivacySettings;
import java.util.Optional;

/**
 * Where the starter's care policy reads each tenant's privacy decisions (its consent to incident
 * access by the provider's support). Default: the {@code suoja.tenants.<tenant>.*} properties; an
 * application that keeps the decisions in its own tables defines this bean. A tenant without
 * settings counts as {@link TenantPrivacySettings#strictest}.
 *
 * <p>The policy asks while Hibernate loads a record: read with plain JDBC, not through the JPA
 * repository whose load is in progress.
 */
@FunctionalInterface
public interface TenantSettingsSource {
  /** The settings of {@code tenant}, or empty when it has decided nothing. */
  Optional<TenantPrivacySettings> settingsOf(String tenant);
}
