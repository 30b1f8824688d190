package fi.suoja.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The eChat care rules, the default {@link AccessPolicy}. In order:
 *
 * <ol>
 *   <li>Never across tenants: a tenant's staff reach only their own tenant's records.
 *   <li>An employee reads, updates and creates the clients they own ({@code OWNER}).
 *   <li>An organisation admin may read other employees' clients of the same tenant, answer their
 *       export and erasure requests and hand them over to another controller: elevated, basis
 *       {@code ORG_ADMIN}.
 *   <li>Employee data: an employee reads and updates their own account ({@code SELF}); an
 *       organisation admin manages the accounts of the tenant ({@code ORG_ADMIN}).
 *   <li>Provider support (and provider admin) may read and update employee accounts of any tenant
 *       ({@code ACCOUNT_MANAGEMENT}), never client data —
 *   <li>— except to read it under an {@link IncidentGrant} of a tenant that consented to incident
 *       investigation: elevated, basis {@code INCIDENT:<id>}; expired or revoked grants deny.
 *   <li>The tenant as a whole ({@link Action#OFFBOARD}, {@link Action#DESTROY_KEY}) is the
 *       controller's decision: only an organisation admin of that tenant, elevated, basis {@code
 *       ORG_ADMIN}; provider staff never.
 *   <li>Everything else is denied; roles this policy does not know grant nothing.
 * </ol>
 *
 * <p>The rules are written out as a decision table in {@code docs/POLICY.md} and tested row by row.
 * Immutable and thread-safe.
 */
public final class CareAccessPolicy implements AccessPolicy {

  private static final Set<Action> OWNER_ACTIONS =
      EnumSet.of(Action.READ, Action.UPDATE, Action.CREATE);
  private static final Set<Action> ADMIN_CLIENT_ACTIONS =
      EnumSet.of(Action.READ, Action.EXPORT, Action.ERASE, Action.DISCLOSE);
  private static final Set<Action> SELF_ACTIONS = EnumSet.of(Action.READ, Action.UPDATE);
  private static final Set<Action> ACCOUNT_MANAGEMENT_ACTIONS =
      EnumSet.of(Action.READ, Action.UPDATE);

  private final Clock clock;
  private final IncidentGrants grants;
  private final Function<String, Optional<TenantPrivacySettings>> settings;

  private CareAccessPolicy(Builder b) {
    this.clock = b.clock;
    this.grants = b.grants;
    this.settings = b.settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The privacy settings in force for a tenant: its own, or {@link TenantPrivacySettings#strictest}
   * when the host configured none for it. For descriptions of the processing; the policy itself
   * uses the same answer.
   */
  public TenantPrivacySettings settingsOf(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return settings.apply(tenant).orElseGet(() -> TenantPrivacySettings.strictest(tenant));
  }

  @Override
  public Decision decide(Actor actor, Action action, RecordRef record) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(record, "record");
    return switch (action) {
      case READ, CREATE, UPDATE, DELETE, EXPORT, ERASE, DISCLOSE -> onRecord(actor, action, record);
      case OFFBOARD, DESTROY_KEY -> onTenant(actor, record);
    };
  }

  private Decision onRecord(Actor actor, Action action, RecordRef record) {
    if (actor.side() == Side.TENANT) {
      if (!actor.belongsTo(record.tenant())) {
        return Decision.deny(DenyReason.CROSS_TENANT);
      }
      return record.category() == DataCategory.CLIENT_DATA
          ? tenantOnClient(actor, action, record)
          : tenantOnEmployee(actor, action, record);
    }
    return providerSide(actor, action, record);
  }

  /** Off-boarding and key destruction: the controller's own decision, never the provider's. */
  private static Decision onTenant(Actor actor, RecordRef record) {
    if (actor.side() == Side.TENANT && !actor.belongsTo(record.tenant())) {
      return Decision.deny(DenyReason.CROSS_TENANT);
    }
    return actor.side() == Side.TENANT && actor.hasRole(Role.ORG_ADMIN)
        ? Decision.elevated("ORG_ADMIN")
        : Decision.deny(DenyReason.ROLE_NOT_PERMITTED);
  }

  private static Decision tenantOnClient(Actor actor, Action action, RecordRef record) {
    boolean owns = actor.userId().equals(record.owner());
    if (actor.hasRole(Role.EMPLOYEE) && owns && OWNER_ACTIONS.contains(action)) {
      return Decision.allow("OWNER");
    }
    if (actor.hasRole(Role.ORG_ADMIN) && ADMIN_CLIENT_ACTIONS.contains(action)) {
      return Decision.elevated("ORG_ADMIN");
    }
    if (actor.hasRole(Role.EMPLOYEE) && !owns) {
      return Decision.deny(DenyReason.NOT_OWNER);
    }
    return Decision.deny(DenyReason.ROLE_NOT_PERMITTED);
  }

  private static Decision tenantOnEmployee(Actor actor, Action action, RecordRef record) {
    if (actor.hasRole(Role.ORG_ADMIN)) {
      return Decision.allow("ORG_ADMIN");
    }
    boolean self =
        actor.userId().equals(record.subjectId()) || actor.userId().equals(record.owner());
    if (self && SELF_ACTIONS.contains(action) && actor.hasRole(Role.EMPLOYEE)) {
      return Decision.allow("SELF");
    }
    return Decision.deny(DenyReason.ROLE_NOT_PERMITTED);
  }

  private Decision providerSide(Actor actor, Action action, RecordRef record) {
    if (!actor.hasRole(Role.PROVIDER_SUPPORT) && !actor.hasRole(Role.PROVIDER_ADMIN)) {
      return Decision.deny(DenyReason.ROLE_NOT_PERMITTED);
    }
    if (record.category() == DataCategory.EMPLOYEE_DATA) {
      return ACCOUNT_MANAGEMENT_ACTIONS.contains(action)
          ? Decision.allow("ACCOUNT_MANAGEMENT")
          : Decision.deny(DenyReason.ROLE_NOT_PERMITTED);
    }
    if (action != Action.READ) {
      return Decision.deny(DenyReason.ROLE_NOT_PERMITTED);
    }
    TenantPrivacySettings tenant =
        settings
            .apply(record.tenant())
            .orElseGet(() -> TenantPrivacySettings.strictest(record.tenant()));
    if (!tenant.incidentAccessConsent()) {
      return Decision.deny(DenyReason.NO_TENANT_CONSENT);
    }
    Instant now = clock.instant();
    List<IncidentGrant> covering =
        grants.forTenant(record.tenant()).stream().filter(g -> g.covers(actor, record)).toList();
    if (covering.isEmpty()) {
      return Decision.deny(DenyReason.NO_INCIDENT_GRANT);
    }
    for (IncidentGrant g : covering) {
      if (g.isValidAt(now) && !g.isRevokedAt(now)) {
        return Decision.elevated(g.basis());
      }
    }
    return covering.stream().anyMatch(g -> g.isRevokedAt(now))
        ? Decision.deny(DenyReason.GRANT_REVOKED)
        : Decision.deny(DenyReason.GRANT_EXPIRED);
  }

  /** Configures a {@link CareAccessPolicy}; every option has a safe default. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private IncidentGrants grants = tenant -> List.of();
    private Function<String, Optional<TenantPrivacySettings>> settings = tenant -> Optional.empty();

    private Builder() {}

    /** The clock that decides whether a grant is valid. Default: system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where incident grants are found. Default: none, so support never reads client data. */
    public Builder incidentGrants(IncidentGrants grants) {
      this.grants = Objects.requireNonNull(grants, "grants");
      return this;
    }

    /**
     * Where tenants' privacy settings are found. Default: none, so every tenant is treated as
     * {@link TenantPrivacySettings#strictest}.
     */
    public Builder tenantSettings(Function<String, Optional<TenantPrivacySettings>> lookup) {
      this.settings = Objects.requireNonNull(lookup, "lookup");
      return this;
    }

    /** A fixed set of tenant settings; tenants not in it get the strictest settings. */
    public Builder tenantSettings(List<TenantPrivacySettings> all) {
      Map<String, TenantPrivacySettings> byTenant =
          all.stream().collect(Collectors.toUnmodifiableMap(TenantPrivacySettings::tenant, s -> s));
      return tenantSettings(tenant -> Optional.ofNullable(byTenant.get(tenant)));
    }

    public CareAccessPolicy build() {
      return new CareAccessPolicy(this);
    }
  }
}
