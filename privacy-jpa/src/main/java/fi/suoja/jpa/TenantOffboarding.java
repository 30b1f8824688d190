package fi.suoja.jpa;

import fi.suoja.Suoja;
import fi.suoja.SuojaException;
import fi.suoja.annotation.Erasure;
import fi.suoja.annotation.ProtectedType;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.Outcome;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.internal.ExportSupport;
import fi.suoja.jpa.internal.JsonDocuments;
import fi.suoja.policy.Action;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import fi.suoja.policy.Side;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a tenant's use of the service: exports all of its data, encrypted to the tenant's own
 * public key, then destroys every one of its data keys (crypto-shredding), recording the
 * destruction in the audit trail (docs/OPERATIONS.md, "Tenant off-boarding").
 *
 * <p><b>Who may do it.</b> The tenant is the controller, so the decision is the tenant's: the
 * actor must be a tenant-side user of that tenant with {@link Role#ORG_ADMIN}. Every record is
 * loaded in that actor's context (the access policy decides and audits each READ, then an EXPORT
 * decision is made and audited per record); a record the policy refuses stops the export
 * ({@link fi.suoja.policy.AccessDeniedException}) and nothing is destroyed. Provider staff cannot
 * off-board a tenant with this API.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>The export holds every record of every given entity that the tenant filter shows, one
 *       JSON document per entity, each encrypted to the recipient key ({@link SealedExport}).
 *   <li>{@link #destroyKeys} destroys every stored key of the tenant ({@link
 *       WrappedKeyStore#destroy}: one transaction in {@code JdbcWrappedKeyStore}), refreshes
 *       this node's key cache (other nodes within one cache TTL), then records one {@code
 *       KEY_DESTROYED} event per key (resource type {@code key}, id {@code kind:tenant:vN}) and
 *       one {@code TENANT_OFFBOARDED} event through the {@link fi.suoja.audit.Auditor}, so the
 *       record is part of the verified chain, and flushes the auditor.
 *   <li>Afterwards no encrypted value of the tenant opens: {@link
 *       fi.suoja.crypto.KeyUnavailableException}; other tenants are untouched.
 * </ul>
 *
 * <p>Warning: crypto-shredding covers {@code @Encrypted} attributes only. Ids, tenant, owner and
 * every unencrypted column stay in the rows: delete the tenant's rows afterwards. If the audit
 * write fails after the keys were deleted, {@code SUOJA-6313} is thrown and logged with the key
 * names: record the destruction by hand, it cannot be undone.
 */
public final class TenantOffboarding {
  private static final Logger LOG = LoggerFactory.getLogger(TenantOffboarding.class);

  private final SessionFactory sessions;
  private final Suoja suoja;
  private final WrappedKeyStore keys;
  private final ExportSupport export;

  /**
   * @param sessions the application's session factory (with Suoja's integration)
   * @param suoja the runtime the session factory uses
   * @param keys the store {@code suoja} keeps the tenants' wrapped keys in; it must implement
   *     {@link WrappedKeyStore#destroy} (a store that refuses makes {@link #destroyKeys} fail
   *     before anything is destroyed)
   */
  public TenantOffboarding(SessionFactory sessions, Suoja suoja, WrappedKeyStore keys) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.suoja = Objects.requireNonNull(suoja, "suoja");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.export = new ExportSupport(sessions.unwrap(SessionFactoryImplementor.class));
  }

  /**
   * Exports every record of {@code entities} of the admin's tenant, one JSON document per
   * entity, encrypted to {@code tenantKey}.
   *
   * @throws SuojaException {@code SUOJA-6312} if {@code admin} is not an ORG_ADMIN of a tenant
   * @throws fi.suoja.policy.AccessDeniedException if the policy refuses a record
   */
  public SealedExport export(Actor admin, PublicKey tenantKey, Class<?>... entities) {
    String tenant = requireAdmin(admin);
    Objects.requireNonNull(tenantKey, "tenantKey");
    Map<String, byte[]> documents = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    Purpose purpose = Purpose.ADMINISTRATION;
    PrivacyContext.runAs(admin, purpose, () -> sessions.inSession(session -> {
      for (Class<?> type : entities) {
        List<ExportSupport.Row> rows = export.all(session, type);
        List<Map<String, Object>> records = new ArrayList<>();
        for (ExportSupport.Row row : rows) {
          suoja.guard().require(Action.EXPORT, row.ref(), row.attributes().keySet());
          records.add(row.attributes());
        }
        String name = Suoja.entityName(type);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", "suoja-export/1");
        doc.put("kind", "tenant-offboarding");
        doc.put("tenant", tenant);
        doc.put("entity", name);
        doc.put("exportedAt", Instant.now().toString());
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
   * Destroys every stored key of the admin's tenant and records the destruction (one {@code
   * KEY_DESTROYED} event per key, then {@code TENANT_OFFBOARDED}).
   *
   * @return the destroyed keys, {@code kind:tenant:vN}
   * @throws SuojaException {@code SUOJA-6312} if {@code admin} is not an ORG_ADMIN of a tenant;
   *     {@code SUOJA-6313} if the audit trail could not record the destruction
   * @throws fi.suoja.SuojaConfigurationException {@code SUOJA-1009} if the store cannot destroy
   *     keys (nothing was destroyed)
   */
  public List<String> destroyKeys(Actor admin) {
    String tenant = requireAdmin(admin);
    // Values sealed under data subjects' own keys do not depend on the tenant key: shred those
    // keys too (found through the subject attribute, read without opening anything), and the
    // tenant's subject-reference key. The tenant key goes first: a store that refuses destroy
    // refuses before anything is gone, and one that can destroy can delete (the SPI's default).
    java.util.Set<String> subjects = subjectsWithOwnKeys(admin);
    List<String> destroyed = new ArrayList<>(keys.destroy(tenant));
    for (String subject : subjects) {
      if (suoja.subjectKeys().destroy(tenant, subject) > 0) {
        destroyed.add("subject:" + tenant + ":" + subject);
      }
    }
    if (keys.delete(fi.suoja.crypto.SubjectKeys.REFERENCE_OWNER_PREFIX + tenant) > 0) {
      destroyed.add("subject-reference:" + tenant);
    }
    suoja.keyring().versions(tenant); // this node forgets the keys at once
    AuditActor who = AuditActor.tenantUser(admin.userId(), tenant, roleNames(admin));
    try {
      for (String key : destroyed) {
        suoja.auditor().record(suoja.auditor().event(AuditAction.KEY_DESTROYED).actor(who)
            .resource("key", key, tenant).purpose(Purpose.ADMINISTRATION.code())
            .outcome(Outcome.success()));
      }
      suoja.auditor().record(suoja.auditor().event(AuditAction.TENANT_OFFBOARDED).actor(who)
          .resource("tenant", tenant, tenant).purpose(Purpose.ADMINISTRATION.code())
          .outcome(Outcome.success()));
      suoja.auditor().flush();
    } catch (RuntimeException e) {
      LOG.error("SUOJA-6313: the keys {} of tenant {} were destroyed by {} but the audit trail"
          + " could not record it; record it by hand", destroyed, tenant, admin.userId(), e);
      throw new SuojaException("SUOJA-6313", "the keys " + destroyed + " of tenant " + tenant
          + " were destroyed, but the audit trail could not record it", e);
    }
    LOG.info("tenant {}: destroyed keys {} (off-boarded by {})", tenant, destroyed,
        admin.userId());
    return destroyed;
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
          || !described.annotation(Erasure.class).map(Erasure::subjectKey).orElse(false)) {
        continue;
      }
      String attribute =
          described.subjectAttribute().or(described::idAttribute).orElse(null);
      String hql = "select e." + attribute + " from " + type.getName() + " e";
      PrivacyContext.runAs(admin, Purpose.ADMINISTRATION, () -> sessions.inSession(session ->
          session.createSelectionQuery(hql, Object.class).getResultList().stream()
              .filter(Objects::nonNull)
              .forEach(v -> subjects.add(v.toString()))));
    }
    return subjects;
  }

  /** {@link #export} then {@link #destroyKeys}: nothing is destroyed if the export fails. */
  public SealedExport offboard(Actor admin, PublicKey tenantKey, Class<?>... entities) {
    SealedExport sealed = export(admin, tenantKey, entities);
    destroyKeys(admin);
    return sealed;
  }

  static String requireAdmin(Actor admin) {
    Objects.requireNonNull(admin, "admin");
    if (admin.side() != Side.TENANT || admin.tenant().isEmpty()
        || !admin.hasRole(Role.ORG_ADMIN)) {
      throw new SuojaException("SUOJA-6312", "tenant off-boarding needs a tenant-side ORG_ADMIN"
          + " of the tenant; actor " + admin.userId() + " is not one");
    }
    return admin.tenant().get();
  }

  static java.util.Set<String> roleNames(Actor actor) {
    TreeSet<String> names = new TreeSet<>();
    actor.roles().forEach(r -> names.add(r.name()));
    return names;
  }

  @Override
  public String toString() {
    return "TenantOffboarding[" + keys + "]";
  }

}
