package fi.suoja.jpa;

import fi.suoja.Suoja;
import fi.suoja.jpa.internal.ExportSupport;
import fi.suoja.jpa.internal.Integration;
import fi.suoja.jpa.internal.JsonDocuments;
import fi.suoja.policy.Action;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
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
 * Hands one data subject's records over to another controller (e.g. the municipality that organises
 * the service, when a client moves to another provider): exports them as one JSON document
 * encrypted to the recipient's public key and records each record's disclosure (docs/OPERATIONS.md,
 * "Hand-over"). Acts as the current actor, as every job does (docs/OPERATIONS.md, "Jobs").
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Every record of the subject is loaded in the actor's context (READ decided and audited by
 *       the integration), then the actor's EXPORT of it is decided and audited; a refusal stops the
 *       hand-over before anything is encrypted ({@link fi.suoja.policy.AccessDeniedException}).
 *   <li>Then the disclosure of the record to the recipient is decided ({@link Action#DISCLOSE}) and
 *       audited through the {@link fi.suoja.policy.AccessGuard}, tenant-side and provider-side
 *       actors alike: one {@code DISCLOSURE} event (same actor, record, subject and fields, the
 *       decision's basis, correlation id = the recipient's id), flushed before the sealed document
 *       is returned. A refusal (already audited) stops the hand-over before anything is encrypted:
 *       nothing is disclosed.
 * </ul>
 *
 * <p>Warning: {@link #handOver} does not erase anything: erasing before the recipient confirmed
 * receipt could lose the only copy. Once it did, {@link #complete} erases the subject's records
 * locally through {@link SubjectRights#erase} (legal holds respected, each record audited). The
 * recipient id is written to the audit trail: use an internal organisation id, never a person's
 * name.
 */
public final class SubjectHandover {
  private static final Logger LOG = LoggerFactory.getLogger(SubjectHandover.class);

  private final SessionFactory sessions;
  private final Suoja suoja;
  private final ExportSupport export;
  private final SubjectRights rights;
  private final Clock clock;

  private SubjectHandover(Builder b) {
    this.sessions = b.integration.factory();
    this.suoja = b.integration.suoja();
    this.export = new ExportSupport(b.integration.factory());
    this.clock = b.clock;
    this.rights = SubjectRights.builder(sessions).clock(clock).build();
  }

  /**
   * A builder over a factory Suoja is integrated with (a Hibernate {@code SessionFactory} is one).
   *
   * @throws fi.suoja.SuojaConfigurationException {@code SUOJA-1508} if Suoja protects nothing in it
   */
  public static Builder builder(EntityManagerFactory factory) {
    return new Builder(Integration.of(factory));
  }

  /**
   * Exports every record of {@code subjectId} in {@code entities} (the data subject attribute, or
   * the id where the entity has none) that the actor's session shows to {@code recipientId},
   * encrypted to {@code recipientKey}; one document named {@code subject}. Acts as the current
   * actor ({@code PrivacyContext} or {@code ActorResolver}), for {@link
   * Purpose#DATA_SUBJECT_REQUEST}.
   *
   * @throws fi.suoja.policy.AccessDeniedException if the policy refuses a record
   * @throws fi.suoja.policy.NoActorException {@code SUOJA-3002} without a current actor
   */
  public SealedExport handOver(
      String subjectId, String recipientId, PublicKey recipientKey, Class<?>... entities) {
    Actor actor = suoja.guard().currentContext().actor();
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(recipientId, "recipientId");
    Objects.requireNonNull(recipientKey, "recipientKey");
    Purpose purpose = Purpose.DATA_SUBJECT_REQUEST;
    Map<String, Object> byEntity = new LinkedHashMap<>();
    List<ExportSupport.Row> handed = new ArrayList<>();
    java.util.Set<String> tenants = new java.util.TreeSet<>();
    PrivacyContext.runAs(
        actor,
        purpose,
        () ->
            sessions.inSession(
                session -> {
                  for (Class<?> type : entities) {
                    List<Map<String, Object>> records = new ArrayList<>();
                    for (ExportSupport.Row row : export.ofSubject(session, type, subjectId)) {
                      suoja.guard().require(Action.EXPORT, row.ref(), row.attributes().keySet());
                      suoja
                          .guard()
                          .require(
                              actor,
                              purpose,
                              Action.DISCLOSE,
                              row.ref(),
                              row.attributes().keySet(),
                              recipientId);
                      handed.add(row);
                      tenants.add(row.ref().tenant());
                      records.add(row.attributes());
                    }
                    byEntity.put(Suoja.entityName(type), records);
                  }
                }));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", "suoja-export/1");
    doc.put("kind", "subject-handover");
    String tenant = actor.tenant().orElse(String.join(",", tenants));
    doc.put("tenant", tenant);
    doc.put("subject", subjectId);
    doc.put("recipient", recipientId);
    doc.put("exportedAt", clock.instant().toString());
    doc.put("exportedBy", actor.userId());
    doc.put("entities", byEntity);
    byte[] sealed = ExportSupport.seal(JsonDocuments.utf8(doc), recipientKey);
    suoja.auditor().flush();
    LOG.info(
        "hand-over of {} records of tenant {} to {} by {}",
        handed.size(),
        tenant,
        recipientId,
        actor.userId());
    return new SealedExport(Map.of("subject", sealed), Map.of("subject", handed.size()));
  }

  /**
   * Completes a hand-over the recipient confirmed: erases the subject's records locally as the
   * current actor, for {@link Purpose#DATA_SUBJECT_REQUEST} ({@link SubjectRights#erase}: records
   * under a legal hold are kept and listed).
   *
   * @throws fi.suoja.policy.AccessDeniedException if the policy refuses the erasure
   * @throws fi.suoja.policy.NoActorException {@code SUOJA-3002} without a current actor
   */
  public ErasureResult complete(String subjectId) {
    Objects.requireNonNull(subjectId, "subjectId");
    Actor actor = suoja.guard().currentContext().actor();
    return PrivacyContext.callAs(
        actor, Purpose.DATA_SUBJECT_REQUEST, () -> rights.erase(subjectId));
  }

  @Override
  public String toString() {
    return "SubjectHandover";
  }

  /** Options of {@link SubjectHandover}. */
  public static final class Builder {
    private final Integration integration;
    private Clock clock = Clock.systemUTC();

    private Builder(Integration integration) {
      this.integration = integration;
    }

    /** The clock documents are dated and legal holds judged by (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public SubjectHandover build() {
      return new SubjectHandover(this);
    }
  }
}
