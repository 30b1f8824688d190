package fi.suoja.jpa;

import com.fasterxml.jackson.databind.util.RawValue;
import fi.suoja.SuojaException;
import fi.suoja.audit.report.SubjectAccessReport;
import fi.suoja.jpa.internal.Integration;
import fi.suoja.jpa.internal.JsonDocuments;
import fi.suoja.jpa.internal.Rights;
import fi.suoja.policy.Action;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hibernate.Transaction;

/**
 * Data-subject rights over every entity Suoja protects in one {@code SessionFactory} / {@code
 * EntityManagerFactory}: export (GDPR Art. 15/20) and erasure (Art. 17) with legal holds and
 * crypto-shredding (docs/SUBJECT_RIGHTS.md). Runs as the current {@code PrivacyContext} actor (or
 * the {@code ActorResolver}'s), in that actor's tenant, as every job does (docs/OPERATIONS.md,
 * "Jobs"); thread-safe, one per factory.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Export opens each record only after the policy allowed {@code EXPORT} for it (one audit
 *       event per record); a denial fails the whole export with {@code AccessDeniedException}.
 *   <li>Erasure never removes a record under an unexpired {@link fi.suoja.annotation.LegalRetention
 *       legal hold}; the result names each retained record's basis and hold end. Every record is
 *       audited as ERASE: {@code SUCCESS} when erased, and {@code FAILURE(LEGAL_HOLD)} when kept.
 *       All records of one call change in one transaction.
 *   <li>When nothing of the subject remains under a hold in entities that seal under subject keys
 *       ({@code @Erasure(subjectKey = true)}), the subject key is destroyed after the commit:
 *       copies of the ciphertext taken before (replicas, backups of the data) no longer open.
 * </ul>
 *
 * <p>Warning: plaintext that already left the library (earlier exports, log lines a host wrote by
 * hand, screens) cannot be recalled; a backup of the key store taken before erasure still holds the
 * wrapped subject key.
 */
public final class SubjectRights {
  private final Rights rights;
  private final Clock clock;

  private SubjectRights(Rights rights, Clock clock) {
    this.rights = rights;
    this.clock = clock;
  }

  /**
   * A builder of the subject rights of a factory Suoja is integrated with (a Hibernate {@code
   * SessionFactory} is one).
   *
   * @throws fi.suoja.SuojaConfigurationException {@code SUOJA-1508} if Suoja protects nothing in it
   */
  public static Builder builder(EntityManagerFactory factory) {
    return new Builder(Rights.of(Integration.of(factory).factory()));
  }

  /** Options of {@link SubjectRights}. */
  public static final class Builder {
    private final Rights rights;
    private Clock clock = Clock.systemUTC();

    private Builder(Rights rights) {
      this.rights = rights;
    }

    /** The clock legal holds are judged by and exports are dated with (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public SubjectRights build() {
      return new SubjectRights(rights, clock);
    }
  }

  /**
   * Everything Suoja's entities hold about {@code subjectId} in the actor's tenant, opened under
   * the policy (EXPORT), with the subject's audit access report when one is given.
   *
   * @param accessReport the report from the audit trail ({@code SubjectAccessReport.fromFiles /
   *     fromTable / of}), or null to leave it out
   * @throws fi.suoja.policy.AccessDeniedException if EXPORT is denied for any record
   * @throws SuojaException {@code SUOJA-6023} if the report is about another subject (nothing was
   *     loaded or audited)
   */
  public SubjectExport export(String subjectId, SubjectAccessReport accessReport) {
    Objects.requireNonNull(subjectId, "subjectId");
    if (accessReport != null && !accessReport.subjectId().equals(subjectId)) {
      // names neither id: one of them may be a HETU passed by mistake
      throw new SuojaException(
          "SUOJA-6023", "the access report is about another data subject than the export");
    }
    Instant now = clock.instant();
    try (Rights.Scope scope = rights.open(Action.EXPORT)) {
      List<Rights.Found> found = rights.find(scope, subjectId, now);
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("schema", SCHEMA);
      document.put("subject", subjectId);
      document.put("exportedAt", now.toString());
      List<Object> records = new ArrayList<>();
      for (Rights.Found f : found) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("entity", f.entity());
        record.put("id", f.id());
        record.put("tenant", f.ref().tenant());
        record.put("attributes", rights.attributes(f));
        record.put("retention", retention(f.hold()));
        records.add(record);
      }
      document.put("records", records);
      // the report is JSON privacy-audit wrote: embedded as it is
      document.put(
          "accessReport", accessReport == null ? null : new RawValue(accessReport.toJson()));
      return new SubjectExport(JsonDocuments.text(document), found.size());
    }
  }

  private static Map<String, Object> retention(Rights.HoldState hold) {
    if (hold.basis() == null) {
      return null;
    }
    Map<String, Object> retention = new LinkedHashMap<>();
    retention.put("basis", hold.basis());
    retention.put("holdEnds", hold.ends() == null ? null : hold.ends().toString());
    return retention;
  }

  /**
   * Erases the subject's records in the actor's tenant: each is deleted or anonymised as its entity
   * declares, unless it is under an unexpired legal hold; then destroys the subject key if nothing
   * sealed under it is retained.
   *
   * @throws fi.suoja.policy.AccessDeniedException if ERASE is denied for any record (nothing is
   *     changed)
   */
  public ErasureResult erase(String subjectId) {
    Objects.requireNonNull(subjectId, "subjectId");
    Instant now = clock.instant();
    List<ErasureResult.Erased> erased = new ArrayList<>();
    List<ErasureResult.Retained> retained = new ArrayList<>();
    boolean keyHeld = false;
    String tenant;
    try (Rights.Scope scope = rights.open(Action.ERASE)) {
      tenant = scope.session().getTenantIdentifier();
      Transaction tx = rights.begin(scope);
      try {
        for (Rights.Found f : rights.find(scope, subjectId, now)) {
          if (f.hold().holds()) {
            rights.retain(scope, f);
            retained.add(
                new ErasureResult.Retained(f.entity(), f.id(), f.hold().basis(), f.hold().ends()));
            keyHeld |= rights.subjectKeyed(f);
          } else {
            erased.add(new ErasureResult.Erased(f.entity(), f.id(), rights.erase(scope, f)));
          }
        }
        tx.commit();
      } catch (RuntimeException e) {
        if (tx.isActive()) {
          tx.rollback();
        }
        throw e;
      }
    }
    boolean destroyed = false;
    if (!keyHeld && rights.anySubjectKeyed() && tenant != null) {
      rights.suoja().subjectKeys().destroy(tenant, subjectId);
      destroyed = true;
    }
    return new ErasureResult(subjectId, erased, retained, destroyed);
  }

  /** The {@code schema} value of an export document. */
  public static final String SCHEMA = "https://suoja.fi/schema/subject-export/v1";

  @Override
  public String toString() {
    return "SubjectRights[]";
  }
}
