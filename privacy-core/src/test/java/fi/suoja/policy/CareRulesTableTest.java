package fi.suoja.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The eChat care rules as a decision table, one row per sentence of the rules (docs/POLICY.md).
 * Tenants: A (consented to incident access, active grant INC-1), B (another tenant), C (consented,
 * grant expired), D (consented, grant revoked), E (grant but no consent).
 */
class CareRulesTableTest {

  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  static final Map<String, Actor> ACTORS =
      Map.of(
          "employee-a1", Actor.tenantUser("e-a1", "A", Role.EMPLOYEE),
          "employee-a2", Actor.tenantUser("e-a2", "A", Role.EMPLOYEE),
          "admin-a", Actor.tenantUser("adm-a", "A", Role.EMPLOYEE, Role.ORG_ADMIN),
          "employee-b", Actor.tenantUser("e-b1", "B", Role.EMPLOYEE),
          "admin-b", Actor.tenantUser("adm-b", "B", Role.ORG_ADMIN),
          "support", Actor.providerUser("s-1", Role.PROVIDER_SUPPORT),
          "provider-admin", Actor.providerUser("p-1", Role.PROVIDER_ADMIN),
          "nurse-a", Actor.tenantUser("n-a1", "A", Role.of("NURSE")),
          "provider-nurse", Actor.providerUser("p-2", Role.of("NURSE")));

  static final Map<String, RecordRef> RECORDS =
      Map.of(
          "client-a1", RecordRef.client("Client", "c-1", "A", "e-a1"),
          "client-b", RecordRef.client("Client", "c-2", "B", "e-b1"),
          "client-c", RecordRef.client("Client", "c-3", "C", "e-c1"),
          "client-d", RecordRef.client("Client", "c-4", "D", "e-d1"),
          "client-e", RecordRef.client("Client", "c-5", "E", "e-e1"),
          "employee-a2", RecordRef.employee("Employee", "u-2", "A", "e-a2"),
          "employee-b", RecordRef.employee("Employee", "u-3", "B", "e-b1"),
          "tenant-a", RecordRef.tenant("A"),
          "key-a", RecordRef.key("tenant:A:v1", "A"));

  static final CareAccessPolicy POLICY = policy();

  static CareAccessPolicy policy() {
    IncidentGrants.Registry grants = IncidentGrants.inMemory();
    Duration hour = Duration.ofHours(1);
    grants.grant(
        IncidentGrant.forTenant("g1", "INC-1", "A", NOW.minus(hour), NOW.plus(hour), "adm-a"));
    grants.grant(
        IncidentGrant.forTenant(
            "g2", "INC-2", "C", NOW.minus(hour.multipliedBy(3)), NOW.minus(hour), "adm-c"));
    grants.grant(
        IncidentGrant.forTenant("g3", "INC-3", "D", NOW.minus(hour), NOW.plus(hour), "adm-d"));
    grants.revoke("g3", NOW.minusSeconds(60));
    grants.grant(
        IncidentGrant.forTenant("g4", "INC-4", "E", NOW.minus(hour), NOW.plus(hour), "adm-e"));
    return CareAccessPolicy.builder()
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .incidentGrants(grants)
        .tenantSettings(
            List.of(
                new TenantPrivacySettings("A", false, true),
                new TenantPrivacySettings("C", true, true),
                new TenantPrivacySettings("D", false, true),
                new TenantPrivacySettings("E", true, false)))
        .build();
  }

  @ParameterizedTest(name = "[{index}] rule {0}: {1} {2} {3} -> {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # rule | actor          | action | record      | expected
          1      | employee-b     | READ   | client-a1   | DENY:CROSS_TENANT
          1      | admin-b        | READ   | client-a1   | DENY:CROSS_TENANT
          1      | admin-b        | UPDATE | employee-a2 | DENY:CROSS_TENANT
          2      | employee-a1    | READ   | client-a1   | ALLOW:OWNER
          2      | employee-a1    | UPDATE | client-a1   | ALLOW:OWNER
          2      | employee-a1    | CREATE | client-a1   | ALLOW:OWNER
          2      | employee-a1    | DELETE | client-a1   | DENY:ROLE_NOT_PERMITTED
          2      | employee-a2    | READ   | client-a1   | DENY:NOT_OWNER
          2      | employee-a2    | UPDATE | client-a1   | DENY:NOT_OWNER
          3      | admin-a        | READ   | client-a1   | ELEVATED:ORG_ADMIN
          3      | admin-a        | EXPORT | client-a1   | ELEVATED:ORG_ADMIN
          3      | admin-a        | ERASE  | client-a1   | ELEVATED:ORG_ADMIN
          3      | admin-a        | DISCLOSE | client-a1 | ELEVATED:ORG_ADMIN
          3      | admin-a        | UPDATE | client-a1   | DENY:NOT_OWNER
          3      | employee-a1    | DISCLOSE | client-a1 | DENY:ROLE_NOT_PERMITTED
          4      | employee-a2    | READ   | employee-a2 | ALLOW:SELF
          4      | employee-a2    | UPDATE | employee-a2 | ALLOW:SELF
          4      | employee-a1    | READ   | employee-a2 | DENY:ROLE_NOT_PERMITTED
          4      | admin-a        | CREATE | employee-a2 | ALLOW:ORG_ADMIN
          4      | admin-a        | DELETE | employee-a2 | ALLOW:ORG_ADMIN
          5      | support        | READ   | employee-a2 | ALLOW:ACCOUNT_MANAGEMENT
          5      | support        | UPDATE | employee-b  | ALLOW:ACCOUNT_MANAGEMENT
          5      | provider-admin | UPDATE | employee-a2 | ALLOW:ACCOUNT_MANAGEMENT
          5      | support        | DELETE | employee-a2 | DENY:ROLE_NOT_PERMITTED
          5      | support        | READ   | client-b    | DENY:NO_TENANT_CONSENT
          6      | support        | READ   | client-a1   | ELEVATED:INCIDENT:INC-1
          6      | provider-admin | READ   | client-a1   | ELEVATED:INCIDENT:INC-1
          6      | support        | UPDATE | client-a1   | DENY:ROLE_NOT_PERMITTED
          6      | support        | READ   | client-c    | DENY:GRANT_EXPIRED
          6      | support        | READ   | client-d    | DENY:GRANT_REVOKED
          6      | support        | READ   | client-e    | DENY:NO_TENANT_CONSENT
          6      | support        | DISCLOSE | client-a1 | DENY:ROLE_NOT_PERMITTED
          7      | admin-a        | OFFBOARD | tenant-a  | ELEVATED:ORG_ADMIN
          7      | admin-a        | DESTROY_KEY | key-a  | ELEVATED:ORG_ADMIN
          7      | employee-a1    | OFFBOARD | tenant-a  | DENY:ROLE_NOT_PERMITTED
          7      | employee-a1    | DESTROY_KEY | key-a  | DENY:ROLE_NOT_PERMITTED
          7      | admin-b        | OFFBOARD | tenant-a  | DENY:CROSS_TENANT
          7      | admin-b        | DESTROY_KEY | key-a  | DENY:CROSS_TENANT
          7      | provider-admin | OFFBOARD | tenant-a  | DENY:ROLE_NOT_PERMITTED
          7      | support        | DESTROY_KEY | key-a  | DENY:ROLE_NOT_PERMITTED
          8      | nurse-a        | READ   | client-a1   | DENY:ROLE_NOT_PERMITTED
          8      | provider-nurse | READ   | employee-a2 | DENY:ROLE_NOT_PERMITTED
          8      | provider-nurse | READ   | client-a1   | DENY:ROLE_NOT_PERMITTED
          """)
  void careRules_row_decidesAsTheTableSays(
      int rule, String actor, Action action, String record, String expected) {
    Decision decision = POLICY.decide(ACTORS.get(actor), action, RECORDS.get(record));

    assertThat(render(decision)).as("rule %d", rule).isEqualTo(expected);
  }

  static String render(Decision d) {
    if (d instanceof Decision.Allow a) {
      return "ALLOW:" + a.basis();
    }
    if (d instanceof Decision.AllowElevated e) {
      return "ELEVATED:" + e.basis();
    }
    return "DENY:" + ((Decision.Deny) d).reason();
  }
}
