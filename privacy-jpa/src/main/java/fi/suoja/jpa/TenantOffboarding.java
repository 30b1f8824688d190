package fi.suoja.jpa;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.annotation.Erasure;
import fi.suoja.annotation.ProtectedType;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.internal.ExportSupport;
import fi.suoja.jpa.internal.Integration;
import fi.suoja.jpa.internal.JsonDocuments;
import fi.suoja.policy.Action;
import fi.suoja.policy.Actor;
import fi.suoja.policy.Decision;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.RecordRef;
import jakarta.persistence.EntityManagerFactory;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a tenant's use of the service: exports all of its data, encrypted to the tenant's own public
 * key, then destroys every one of its data keys (crypto-shredding), recording the destruction in
 * the audit trail (docs/OPERATIONS.md, "Tenant off-boarding").
 *
 * <p><b>Who may do it.</b> It acts as the current actor (docs/OPERATIONS.md, "Jobs"); the access
 * policy decides, through the {@link fi.suoja.policy.AccessGuard} like every other access: {@link
 * Action#OFFBOARD} on the tenant before anything is exported or destroyed, then {@link
 * Action#DESTROY_KEY} per key (the care policy allows both to an {@code ORG_ADMIN} of that tenant
 * only: the tenant is the controller). Every record is loaded in the actor's context (the policy
 * decides and audits each READ, then an EXPORT decision is made and audited per record); a refusal
 * ({@link fi.suoja.policy.AccessDeniedException}, already audited) stops it and nothing is
 * destroyed.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>The export holds every record of every given entity that the tenant filter shows, one JSON
 *       document per entity, each encrypted to the recipient key ({@link SealedExport}).
 *   <li>{@link #destroyKeys} destroys every stored key of the tenant ({@link
 *       WrappedKeyStore#destroy}: one transaction in {@code JdbcWrappedKeyStore}) once the {@code
 *       OFFBOARD} decision was recorded ({@code TENANT_OFFBOARDED}, resource type {@code tenant}),
 *       refreshes this node's key cache (other nodes within one cache TTL), then records one {@code
 *       KEY_DESTROYED} event per key (resource type {@code key}, id {@code kind:tenant:vN}) through
 *       the guard, so the record is part of the verified chain, and flushes the auditor. If the
 *       destruction fails, a {@code FAILURE} event follows the {@code TENANT_OFFBOARDED} one.
 *   <li>Afterwards no encrypted value of the tenant opens: {@link
 *       fi.suoja.crypto.KeyUnavailableException}; other tenants are untouched.
 * </ul>
 *
 * <p>Warning: crypto-shredding covers {@code @Encrypted} attributes only. Ids, tenant, owner and
 * every unencrypted column stay in the rows: delete the tenant's rows afterwards. If the audit
 * write fails after the keys were deleted, {@code SUOJA-6313} is thrown and logged with the key
 * names: record the destruction by hand, it cannot be undone. The {@code KEY_DESTROYED} events are
 * decided after the destruction (the keys' names are known only then): a policy that allows {@code
 * OFFBOARD} but refuses {@code DESTROY_KEY} to the same actor ends there too.
 */
public final class TenantOffboarding {
  private static final Logger LOG = LoggerFactory.getLogger(TenantOffboarding.class);

  private final SessionFactory sessions;
  private final Suoja suoja;
  private final WrappedKeyStore keys;
  private final ExportSupport export;

  private final Clock clock;

  private TenantOffboarding(Builder b) {
    this.sessions = b.integration.factory();
    this.suoja = b.integration.suoja();
    this.keys = b.keys;
    this.clock = b.clock;
    this.export = new ExportSupport(b.integration.factory());
  }

  /**
   * A builder over a factory Suoja is integrated with (a Hibernate {@code SessionFactory} is one).
   *
   * @throws SuojaConfigurationException {@code SUOJA-1508} if Suoja protects nothing in it
   */
  public static Builder builder(EntityManagerFactory factory) {
    return new Builder(Integration.of(factory));
  }

  /**
   * Exports every record of {@code entities} of {@code tenant}, one JSON document per entity,
   * encrypted to {@code tenantKey}; the policy decides each record's READ and EXPORT of the current
   * actor.
   *
   * @throws fi.suoja.policy.AccessDeniedException if the policy refuses a record
   * @throws fi.suoja.policy.NoActorException {@code SUOJA-3002} without a current actor
   */
  public SealedExport export(String tenant, PublicKey tenantKey, Class<?>... entities) {
    return export(currentActor(), tenant, tenantKey, entities);
  }

  /** The actor of the current {@code PrivacyContext}, or the {@code ActorResolver}'s. */
  private Actor currentActor() {
    return suoja.guard().currentContext().actor();
  }

  private SealedExport export(
      Actor admin, String tenant, PublicKey tenantKey, Class<?>... entities) {
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(tenantKey, "tenantKey");
    Map<String, byte[]> documents = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    Purpose purpose = Purpose.ADMINISTRATION;
    PrivacyContext.runAs(
        admin,
        purpose,
        () ->
            sessions.inSession(
                session -> {
                  for (Class<?> type : entities) {
                    List<ExportSupport.Row> rows = export.all(session, type);
                    List<Map<String, Object>> records = new ArrayList<>();
                    for (ExportSupport.Row row : rows) {
                      if (!tenant.equals(row.ref().tenant())) {
                        continue; // an actor whose session shows more than the tenant (a host's
                        // rule)
                      }
                      suoja.guard().require(Action.EXPORT, row.ref(), row.attributes().keySet());
                      records.add(row.attributes());
                    }
                    String name = Suoja.entityName(type);
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("format", "suoja-export/1");
                    doc.put("kind", "tenant-offboarding");
                    doc.put("tenant", tenant);
                    doc.put("entity", name);
                    doc.put("exportedAt", clock.instant().toString());
                    doc.put("exportedBy", admin.userId());
                    doc.put("records", records);
                    documents.put(name, ExportSupport.seal(JsonDocuments.utf8(doc), tenantKey));
                    counts.put(name, records.size());
                  }
                }));
    LOG.info("tenant {}: exported {} for off-boarding by {}", tenant, counts, admin.userId());
    return new SealedExport(documents, counts);
  }

  /**
   * Destroys every stored key of {@code tenant} and records the destruction ({@code
   * TENANT_OFFBOARDED} for the decision, then one {@code KEY_DESTROYED} event per key).
   *
   * @return the destroyed keys, {@code kind:tenant:vN}
   * @throws fi.suoja.policy.AccessDeniedException if the policy refuses {@code OFFBOARD} (nothing
   *     was destroyed)
   * @throws SuojaException {@code SUOJA-6313} if the audit trail could not record the destruction
   * @throws fi.suoja.SuojaConfigurationException {@code SUOJA-1009} if the store cannot destroy
   *     keys (nothing was destroyed)
   * @throws fi.suoja.policy.NoActorException {@code SUOJA-3002} without a current actor
   */
  public List<String> destroyKeys(String tenant) {
    Actor admin = currentActor();
    return destroyKeys(admin, tenant, decideOffboarding(admin, tenant));
  }

  private Decision decideOffboarding(Actor admin, String tenant) {
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(tenant, "tenant");
    return suoja
        .guard()
        .require(
            admin,
            Purpose.ADMINISTRATION,
            Action.OFFBOARD,
            RecordRef.tenant(tenant),
            List.of(),
            null);
  }

  private List<String> destroyKeys(Actor admin, String tenant, Decision offboarding) {
    List<String> destroyed = new ArrayList<>();
    try {
      // Values sealed under data subjects' own keys do not depend on the tenant key: shred those
      // keys too (found through the subject attribute, read without opening anything), and the
      // tenant's subject-reference key. The tenant key goes first: a store that refuses destroy
      // refuses before anything is gone, and one that can destroy can delete (the SPI's default).
      java.util.Set<String> subjects = subjectsWithOwnKeys(admin);
      destroyed.addAll(keys.destroy(tenant));
      for (String subject : subjects) {
        if (suoja.subjectKeys().destroy(tenant, subject) > 0) {
          destroyed.add("subject:" + tenant + ":" + subject);
        }
      }
      if (keys.delete(fi.suoja.crypto.SubjectKeys.REFERENCE_OWNER_PREFIX + tenant) > 0) {
        destroyed.add("subject-reference:" + tenant);
      }
    } catch (RuntimeException e) {
      if (destroyed.isEmpty()) {
        recordFailure(admin, tenant, offboarding, "KEYS_NOT_DESTROYED", e);
        throw e;
      }
      LOG.error("tenant {}: destroyed keys {} before the destruction failed", tenant, destroyed);
      try {
        recordDestroyed(admin, tenant, destroyed);
      } catch (RuntimeException r) {
        e.addSuppressed(r);
      }
      recordFailure(admin, tenant, offboarding, "KEYS_PARTLY_DESTROYED", e);
      throw e;
    }
    suoja.keyring().versions(tenant); // this node forgets the keys at once
    recordDestroyed(admin, tenant, destroyed);
    LOG.info("tenant {}: destroyed keys {} (off-boarded by {})", tenant, destroyed, admin.userId());
    return destroyed;
  }

  private void recordFailure(
      Actor admin, String tenant, Decision offboarding, String reason, RuntimeException cause) {
    try {
      suoja
          .guard()
          .recordFailure(
              admin,
              Purpose.ADMINISTRATION,
              Action.OFFBOARD,
              RecordRef.tenant(tenant),
              List.of(),
              offboarding,
              reason);
      suoja.auditor().flush();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private void recordDestroyed(Actor admin, String tenant, List<String> destroyed) {
    try {
      for (String key : destroyed) {
        suoja
            .guard()
            .require(
                admin,
                Purpose.ADMINISTRATION,
                Action.DESTROY_KEY,
                RecordRef.key(key, tenant),
                List.of(),
                null);
      }
      suoja.auditor().flush();
    } catch (RuntimeException e) {
      LOG.error(
          "SUOJA-6313: the keys {} of tenant {} were destroyed by {} but the audit trail"
              + " could not record it; record it by hand",
          destroyed,
          tenant,
          admin.userId(),
          e);
      throw new SuojaException(
          "SUOJA-6313",
          "the keys "
              + destroyed
              + " of tenant "
              + tenant
              + " were destroyed, but the audit trail could not record it",
          e);
    }
  }

  /**
   * The data subjects of the admin's tenant that have keys of their own: the subject attribute
   * ({@code @DataSubjectId}, else the id) of every entity marked {@code @Erasure(subjectKey =
   * true)}, read as a scalar so nothing is opened.
   */
  private java.util.Set<String> subjectsWithOwnKeys(Actor admin) {
    java.util.Set<String> subjects = new java.util.TreeSet<>();
    for (jakarta.persistence.metamodel.EntityType<?> type : sessions.getMetamodel().getEntities()) {
      Class<?> java = type.getJavaType();
      ProtectedType described = java == null ? null : ProtectedType.of(java);
      if (described == null
          || !described.isProtected()
          || !described.annotation(Erasure.class).map(Erasure::subjectKey).orElse(false)) {
        continue;
      }
      PrivacyContext.runAs(
          admin,
          Purpose.ADMINISTRATION,
          () -> sessions.inSession(session -> subjects.addAll(export.subjectIds(session, java))));
    }
    return subjects;
  }

  /**
   * Decides {@code OFFBOARD} (a refused actor exports nothing), then {@link #export}, then destroys
   * the keys as {@link #destroyKeys} does: nothing is destroyed if the export fails.
   *
   * @throws fi.suoja.policy.AccessDeniedException if the policy refuses the off-boarding or a
   *     record
   * @throws fi.suoja.policy.NoActorException {@code SUOJA-3002} without a current actor
   */
  public SealedExport offboard(String tenant, PublicKey tenantKey, Class<?>... entities) {
    Actor admin = currentActor();
    Decision offboarding = decideOffboarding(admin, tenant);
    SealedExport sealed;
    try {
      sealed = export(admin, tenant, tenantKey, entities);
    } catch (RuntimeException e) {
      recordFailure(admin, tenant, offboarding, "EXPORT_FAILED", e);
      throw e;
    }
    destroyKeys(admin, tenant, offboarding);
    return sealed;
  }

  @Override
  public String toString() {
    return "TenantOffboarding[" + keys + "]";
  }

  /** Options of {@link TenantOffboarding}; {@link #keyStore} is required. */
  public static final class Builder {
    private final Integration integration;
    private WrappedKeyStore keys;
    private Clock clock = Clock.systemUTC();

    private Builder(Integration integration) {
      this.integration = integration;
    }

    /**
     * The store the runtime keeps the tenants' wrapped keys in. Required; it must implement {@link
     * WrappedKeyStore#destroy} (a store that refuses makes {@link #destroyKeys} fail before
     * anything is destroyed).
     */
    public Builder keyStore(WrappedKeyStore keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /** The clock export documents are dated by (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the off-boarding.
     *
     * @throws SuojaConfigurationException {@code SUOJA-1509} without a {@link #keyStore}
     */
    public TenantOffboarding build() {
      if (keys == null) {
        throw new SuojaConfigurationException(
            "SUOJA-1509", "tenant off-boarding needs the key store: set .keyStore(...)");
      }
      return new TenantOffboarding(this);
    }
  }
}
