package fi.suoja.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariants of the care policy over generated actors, records, grants and clocks (SECURITY.md,
 * "Access policy"; docs/POLICY.md: deny by default - no actor, unknown role, other tenant -> deny).
 */
class CareAccessPolicyProperties {

  static final List<String> TENANTS = List.of("A", "B", "C");
  static final List<String> USERS = List.of("e-1", "e-2", "e-3", "adm-1");
  static final Instant BASE = Instant.parse("2026-11-24T12:00:00Z");

  @Property
  void noDecision_allowsTenantActorAcrossTenants(
      @ForAll("tenantActors") Actor actor,
      @ForAll Action action,
      @ForAll("records") RecordRef record,
      @ForAll("policies") CareAccessPolicy policy) {
    Decision d = policy.decide(actor, action, record);
    boolean foreign = !actor.belongsTo(record.tenant());
    if (foreign) {
      assertThat(d).isEqualTo(new Decision.Deny(DenyReason.CROSS_TENANT));
    }
    Statistics.label("foreign").collect(foreign);
    Statistics.label("foreign").coverage(c -> c.check(true).count(n -> n > 0));
  }

  @Property
  void unknownRoles_neverAllow(
      @ForAll("unknownRoleActors") Actor actor,
      @ForAll Action action,
      @ForAll("records") RecordRef record,
      @ForAll("policies") CareAccessPolicy policy) {
    assertThat(policy.decide(actor, action, record).allowed()).isFalse();
  }

  @Property
  void support_readsClientData_onlyUnderAValidGrantOfAConsentingTenant(
      @ForAll("supportActors") Actor actor,
      @ForAll Action action,
      @ForAll("clientRecords") RecordRef record,
      @ForAll("grants") List<IncidentGrant> grants,
      @ForAll boolean consent,
      @ForAll("offsets") Duration offset) {
    Instant now = BASE.plus(offset);
    CareAccessPolicy policy =
        CareAccessPolicy.builder()
            .clock(Clock.fixed(now, ZoneOffset.UTC))
            .incidentGrants(
                tenant -> grants.stream().filter(g -> g.tenant().equals(tenant)).toList())
            .tenantSettings(
                TENANTS.stream().map(t -> new TenantPrivacySettings(t, false, consent)).toList())
            .build();

    Decision d = policy.decide(actor, action, record);

    boolean validGrant =
        grants.stream()
            .anyMatch(g -> g.covers(actor, record) && g.isValidAt(now) && !g.isRevokedAt(now));
    boolean expected = consent && action == Action.READ && validGrant;
    assertThat(d.allowed()).isEqualTo(expected);
    Statistics.label("allowed").collect(d.allowed());
    Statistics.label("allowed")
        .coverage(c -> c.check(true).count(n -> n > 0)); // the property is not vacuous
    if (d.allowed()) {
      assertThat(d).isInstanceOf(Decision.AllowElevated.class);
      assertThat(((Decision.AllowElevated) d).basis()).startsWith("INCIDENT:");
    }
  }

  @Property
  void everyAllow_carriesABasis_andAdminReadsOfOthersClientsAreElevated(
      @ForAll("tenantActors") Actor actor,
      @ForAll Action action,
      @ForAll("records") RecordRef record,
      @ForAll("policies") CareAccessPolicy policy) {
    Decision d = policy.decide(actor, action, record);
    if (d instanceof Decision.Allow a) {
      assertThat(a.basis()).isNotBlank();
    }
    if (d instanceof Decision.AllowElevated e) {
      assertThat(e.basis()).isNotBlank();
    }
    boolean othersClient =
        record.category() == DataCategory.CLIENT_DATA && !actor.userId().equals(record.owner());
    if (othersClient && d.allowed()) {
      assertThat(d).isEqualTo(new Decision.AllowElevated("ORG_ADMIN"));
      assertThat(actor.hasRole(Role.ORG_ADMIN)).isTrue();
    }
  }

  @Provide
  Arbitrary<Actor> tenantActors() {
    Arbitrary<Set<Role>> roles =
        Arbitraries.of(Role.EMPLOYEE, Role.ORG_ADMIN, Role.of("NURSE")).set().ofMinSize(1);
    return Combinators.combine(Arbitraries.of(USERS), Arbitraries.of(TENANTS), roles)
        .as((u, t, r) -> Actor.tenantUser(u, t, r.toArray(Role[]::new)));
  }

  @Provide
  Arbitrary<Actor> unknownRoleActors() {
    Arbitrary<Role> unknown =
        Arbitraries.strings()
            .withCharRange('A', 'Z')
            .ofMinLength(3)
            .ofMaxLength(12)
            .map(Role::of)
            .filter(
                r ->
                    !Set.of(
                            Role.EMPLOYEE,
                            Role.ORG_ADMIN,
                            Role.PROVIDER_SUPPORT,
                            Role.PROVIDER_ADMIN)
                        .contains(r));
    Arbitrary<Actor> tenantSide =
        Combinators.combine(Arbitraries.of(USERS), Arbitraries.of(TENANTS), unknown)
            .as((u, t, r) -> Actor.tenantUser(u, t, r));
    Arbitrary<Actor> providerSide =
        Combinators.combine(Arbitraries.of("s-1", "s-2"), unknown)
            .as((u, r) -> Actor.providerUser(u, r));
    return Arbitraries.oneOf(tenantSide, providerSide);
  }

  @Provide
  Arbitrary<Actor> supportActors() {
    return Combinators.combine(
            Arbitraries.of("s-1", "s-2"),
            Arbitraries.of(Role.PROVIDER_SUPPORT, Role.PROVIDER_ADMIN))
        .as((u, r) -> Actor.providerUser(u, r));
  }

  @Provide
  Arbitrary<RecordRef> records() {
    return Arbitraries.oneOf(clientRecords(), employeeRecords());
  }

  @Provide
  Arbitrary<RecordRef> clientRecords() {
    return Combinators.combine(
            Arbitraries.of("c-1", "c-2", "c-3"), Arbitraries.of(TENANTS), Arbitraries.of(USERS))
        .as((id, t, owner) -> RecordRef.client("Client", id, t, owner));
  }

  Arbitrary<RecordRef> employeeRecords() {
    return Combinators.combine(Arbitraries.of(TENANTS), Arbitraries.of(USERS))
        .as((t, u) -> RecordRef.employee("Employee", "emp-" + u, t, u));
  }

  @Provide
  Arbitrary<List<IncidentGrant>> grants() {
    Arbitrary<IncidentGrant> grant =
        Combinators.combine(
                Arbitraries.of(TENANTS),
                Arbitraries.longs().between(-7200, 7200),
                Arbitraries.longs().between(1, 7200),
                Arbitraries.of("", "c-1", "c-2"),
                Arbitraries.of("", "s-1", "s-2"),
                Arbitraries.longs().between(-7200, 7200).injectNull(0.6))
            .as(
                (t, start, length, rec, grantee, revoke) -> {
                  IncidentGrant g =
                      IncidentGrant.forTenant(
                          "g-" + t + start + length,
                          "INC-" + length,
                          t,
                          BASE.plusSeconds(start),
                          BASE.plusSeconds(start + length),
                          "adm-1");
                  if (!rec.isEmpty()) {
                    g = g.onlyRecords(Set.of(rec));
                  }
                  if (!grantee.isEmpty()) {
                    g = g.onlyFor(grantee);
                  }
                  return revoke == null ? g : g.revoke(BASE.plusSeconds(revoke));
                });
    return grant.list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<Duration> offsets() {
    return Arbitraries.longs().between(-9000, 9000).map(Duration::ofSeconds);
  }

  @Provide
  Arbitrary<CareAccessPolicy> policies() {
    return Combinators.combine(grants(), Arbitraries.of(true, false), offsets())
        .as(
            (grants, consent, offset) ->
                CareAccessPolicy.builder()
                    .clock(Clock.fixed(BASE.plus(offset), ZoneOffset.UTC))
                    .incidentGrants(
                        tenant -> grants.stream().filter(g -> g.tenant().equals(tenant)).toList())
                    .tenantSettings(
                        TENANTS.stream()
                            .map(t -> new TenantPrivacySettings(t, false, consent))
                            .toList())
                    .build());
  }
}
