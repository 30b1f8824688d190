package fi.suoja.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's time-limited permission for the provider's support staff to read client data while
 * investigating one incident. Effective only when the tenant has also consented to incident
 * investigation in its {@link TenantPrivacySettings}. Every access under it is elevated, audited
 * with basis {@code INCIDENT:<incidentId>}.
 *
 * @param grantId identifier of this grant
 * @param incidentId the incident (ticket) being investigated
 * @param tenant the tenant whose data the grant opens
 * @param recordIds the records it opens; empty means every client record of the tenant
 * @param grantee the support person's user id, or {@code null} for any provider support staff
 * @param validFrom first instant of validity (inclusive)
 * @param validUntil end of validity (exclusive)
 * @param grantedBy user id of the tenant's person who granted it
 * @param revokedAt when the tenant revoked it, or {@code null}
 */
public record IncidentGrant(
    String grantId,
    String incidentId,
    String tenant,
    Set<String> recordIds,
    String grantee,
    Instant validFrom,
    Instant validUntil,
    String grantedBy,
    Instant revokedAt) {

  public IncidentGrant {
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(tenant, "tenant");
    recordIds = Set.copyOf(recordIds);
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validUntil, "validUntil");
    Objects.requireNonNull(grantedBy, "grantedBy");
    if (!validUntil.isAfter(validFrom)) {
      throw new IllegalArgumentException(
          "SUOJA-3010: incident grant " + grantId + " ends before it begins");
    }
  }

  /** A grant over all client records of {@code tenant}, for any support person. */
  public static IncidentGrant forTenant(
      String grantId, String incidentId, String tenant, Instant from, Instant until, String by) {
    return new IncidentGrant(grantId, incidentId, tenant, Set.of(), null, from, until, by, null);
  }

  /** This grant, revoked at {@code when}. */
  public IncidentGrant revoke(Instant when) {
    return new IncidentGrant(
        grantId,
        incidentId,
        tenant,
        recordIds,
        grantee,
        validFrom,
        validUntil,
        grantedBy,
        Objects.requireNonNull(when, "when"));
  }

  /** This grant, restricted to one support person. */
  public IncidentGrant onlyFor(String granteeUserId) {
    return new IncidentGrant(
        grantId,
        incidentId,
        tenant,
        recordIds,
        Objects.requireNonNull(granteeUserId),
        validFrom,
        validUntil,
        grantedBy,
        revokedAt);
  }

  /** This grant, restricted to the given records. */
  public IncidentGrant onlyRecords(Set<String> ids) {
    return new IncidentGrant(
        grantId, incidentId, tenant, ids, grantee, validFrom, validUntil, grantedBy, revokedAt);
  }

  /** The basis recorded for accesses under this grant: {@code INCIDENT:<incidentId>}. */
  public String basis() {
    return "INCIDENT:" + incidentId;
  }

  /** True when the grant covers this record and this actor, whatever the time. */
  public boolean covers(Actor actor, RecordRef record) {
    return tenant.equals(record.tenant())
        && (recordIds.isEmpty() || (record.id() != null && recordIds.contains(record.id())))
        && (grantee == null || grantee.equals(actor.userId()));
  }

  public boolean isRevokedAt(Instant now) {
    return revokedAt != null && !now.isBefore(revokedAt);
  }

  public boolean isValidAt(Instant now) {
    return !now.isBefore(validFrom) && now.isBefore(validUntil);
  }

  public Optional<Instant> revoked() {
    return Optional.ofNullable(revokedAt);
  }
}
