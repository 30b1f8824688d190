package fi.suoja.samples.boot;

import fi.suoja.policy.IncidentGrant;
import fi.suoja.policy.IncidentGrants;
import fi.suoja.policy.PrivacyContext;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organisation admin opens the organisation's client data to one support person, for one
 * incident, for a limited time, and may revoke it earlier. The grant works only if the organisation
 * consented to incident investigation at all ({@link Organisation#incidentAccessConsent}); every
 * read under it is audited as elevated with the basis {@code INCIDENT:<incident id>}.
 */
@RestController
@RequestMapping("/incident-grants")
public class IncidentGrantController {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentGrantController.class);
  private static final Duration LONGEST = Duration.ofHours(8);

  private final IncidentGrants.Registry grants;

  public IncidentGrantController(IncidentGrants.Registry grants) {
    this.grants = grants;
  }

  /** The support person, the incident ticket and how long the grant lasts. */
  public record NewGrant(String grantee, String incidentId, int minutes) {}

  /** A grant given. */
  public record GrantView(String grantId, String basis, Instant validUntil) {}

  @PostMapping
  public ResponseEntity<GrantView> grant(@RequestBody NewGrant body, Principal admin) {
    Duration length = Duration.ofMinutes(body.minutes());
    if (body.grantee() == null
        || body.incidentId() == null
        || length.isNegative()
        || length.isZero()
        || length.compareTo(LONGEST) > 0) {
      return ResponseEntity.badRequest().build();
    }
    Instant now = Instant.now();
    IncidentGrant grant =
        IncidentGrant.forTenant(
                UUID.randomUUID().toString(),
                body.incidentId(),
                organisation(),
                now,
                now.plus(length),
                admin.getName())
            .onlyFor(body.grantee());
    grants.grant(grant);
    LOG.info(
        "incident grant {} for {} until {} given by {}",
        grant.basis(),
        grant.grantee(),
        grant.validUntil(),
        grant.grantedBy());
    return ResponseEntity.ok(new GrantView(grant.grantId(), grant.basis(), grant.validUntil()));
  }

  @DeleteMapping("/{grantId}")
  public ResponseEntity<Void> revoke(@PathVariable String grantId) {
    boolean ours =
        grants.forTenant(organisation()).stream().anyMatch(g -> g.grantId().equals(grantId));
    if (!ours) {
      return ResponseEntity.notFound().build();
    }
    grants.revoke(grantId, Instant.now());
    return ResponseEntity.noContent().build();
  }

  /** The admin's own organisation: the one the starter put in the request's privacy context. */
  private static String organisation() {
    return PrivacyContext.require().tenant().orElseThrow();
  }
}
