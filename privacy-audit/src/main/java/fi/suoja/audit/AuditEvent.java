package fi.suoja.audit;

import fi.suoja.audit.internal.Checks;
import fi.suoja.audit.internal.EventCodec;
import fi.suoja.audit.internal.EventIds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One audited occurrence: who ({@link AuditActor}) did what ({@link AuditAction}) to which record
 * ({@link AuditResource}) of which data subject, touching which fields, on what basis, for what
 * purpose, with what {@link Outcome}, when, in which request and on which node.
 *
 * <p><b>Guarantees.</b> Immutable. Every identifier is validated: not blank, no control characters,
 * not shaped like a HETU. {@link #fields()} holds field <em>names</em>; the model has no place for
 * a field value, so an erasure of a data subject never requires rewriting the trail. The JSON form
 * ({@link #toJson()}, schema {@code fi/suoja/audit/audit-event.schema.json}) has stable field names
 * and is the form that sinks hash and verifiers check.
 *
 * <p><b>Warning.</b> Validation cannot tell a name from an id: never pass a person's name, email
 * address or other personal data as an id, purpose or reason code.
 *
 * @param id unique event id (a UUID string unless given)
 * @param time when it happened, UTC, microsecond precision
 * @param actor who did it
 * @param action what happened
 * @param resource the record touched; null for events without one
 * @param subjectId internal id of the data subject whose data was touched; null if none
 * @param fields names of the fields touched, in the given order, never values
 * @param basis on what basis the actor acted; null if not applicable (e.g. a denied attempt)
 * @param purpose purpose code of the processing; null if not given
 * @param outcome success, denied or failure with a reason code
 * @param correlationId request or correlation id; null if none
 * @param application emitting application; filled by {@link Auditor}
 * @param node emitting node; filled by {@link Auditor}
 */
public record AuditEvent(
    String id,
    Instant time,
    AuditActor actor,
    AuditAction action,
    AuditResource resource,
    String subjectId,
    List<String> fields,
    AccessBasis basis,
    String purpose,
    Outcome outcome,
    String correlationId,
    String application,
    String node) {

  /** Validates every component; throws {@link AuditException} {@code SUOJA-4001/4002}. */
  public AuditEvent {
    id = Checks.token("id", id);
    if (time == null) {
      throw Checks.invalid("time is missing");
    }
    time = time.truncatedTo(ChronoUnit.MICROS);
    if (actor == null) {
      throw Checks.invalid("actor is missing");
    }
    if (action == null) {
      throw Checks.invalid("action is missing");
    }
    if (outcome == null) {
      throw Checks.invalid("outcome is missing");
    }
    subjectId = Checks.optionalId("subjectId", subjectId);
    if (fields == null) {
      fields = List.of();
    } else {
      List<String> checked = new ArrayList<>(fields.size());
      for (String field : fields) {
        checked.add(Checks.token("fields[]", field));
      }
      fields = List.copyOf(checked);
    }
    purpose = purpose == null ? null : Checks.token("purpose", purpose);
    correlationId = Checks.optionalId("correlationId", correlationId);
    application = application == null ? null : Checks.token("application", application);
    node = node == null ? null : Checks.token("node", node);
  }

  /** A new builder; {@code actor}, {@code action} and {@code outcome} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder preloaded with this event's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.time = time;
    b.actor = actor;
    b.action = action;
    b.resource = resource;
    b.subjectId = subjectId;
    b.fields = fields;
    b.basis = basis;
    b.purpose = purpose;
    b.outcome = outcome;
    b.correlationId = correlationId;
    b.application = application;
    b.node = node;
    return b;
  }

  /** True when the basis is elevated (org admin, incident grant). */
  public boolean elevated() {
    return basis != null && basis.elevated();
  }

  /** The documented JSON form: one compact object, stable field names, absent values omitted. */
  public String toJson() {
    return EventCodec.toJson(this);
  }

  /**
   * Parses the JSON form.
   *
   * @throws AuditException {@code SUOJA-4011} for malformed or foreign JSON, {@code SUOJA-4001} for
   *     an invalid event
   */
  public static AuditEvent fromJson(String json) {
    return EventCodec.fromJson(json);
  }

  /**
   * Builds {@link AuditEvent}s. {@link #build()} refuses an event without actor, action or outcome;
   * id defaults to a fresh UUID-form id and time to now.
   */
  public static final class Builder {
    private String id;
    private Instant time;
    private AuditActor actor;
    private AuditAction action;
    private AuditResource resource;
    private String subjectId;
    private List<String> fields = List.of();
    private AccessBasis basis;
    private String purpose;
    private Outcome outcome;
    private String correlationId;
    private String application;
    private String node;

    private Builder() {}

    /** Event id; defaults to a fresh id in UUID form (unique, not secret). */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Event time; defaults to now when built. */
    public Builder time(Instant time) {
      this.time = time;
      return this;
    }

    /** Required: who did it. */
    public Builder actor(AuditActor actor) {
      this.actor = actor;
      return this;
    }

    /** Required: what happened. */
    public Builder action(AuditAction action) {
      this.action = action;
      return this;
    }

    /** The record touched. */
    public Builder resource(AuditResource resource) {
      this.resource = resource;
      return this;
    }

    /** Shorthand for {@code resource(new AuditResource(type, id, tenantId))}. */
    public Builder resource(String type, String id, String tenantId) {
      return resource(new AuditResource(type, id, tenantId));
    }

    /** Internal id of the data subject. */
    public Builder subject(String subjectId) {
      this.subjectId = subjectId;
      return this;
    }

    /** Names of the fields touched (never their values). */
    public Builder fields(Collection<String> fieldNames) {
      this.fields = List.copyOf(Objects.requireNonNull(fieldNames, "fields"));
      return this;
    }

    /** Names of the fields touched (never their values). */
    public Builder fields(String... fieldNames) {
      return fields(List.of(fieldNames));
    }

    /** Basis of the access. */
    public Builder basis(AccessBasis basis) {
      this.basis = basis;
      return this;
    }

    /** Purpose code of the processing, e.g. {@code CARE}. */
    public Builder purpose(String purpose) {
      this.purpose = purpose;
      return this;
    }

    /** Required: how it ended. */
    public Builder outcome(Outcome outcome) {
      this.outcome = outcome;
      return this;
    }

    /** Request or correlation id. */
    public Builder correlationId(String correlationId) {
      this.correlationId = correlationId;
      return this;
    }

    /** Emitting application; the {@link Auditor} fills it when absent. */
    public Builder application(String application) {
      this.application = application;
      return this;
    }

    /** Emitting node; the {@link Auditor} fills it when absent. */
    public Builder node(String node) {
      this.node = node;
      return this;
    }

    // For the Auditor: its clock's time unless the caller set one.
    Builder timeIfUnset(Instant now) {
      if (time == null) {
        time = now;
      }
      return this;
    }

    /**
     * Builds the event.
     *
     * @throws AuditException {@code SUOJA-4001} naming the first missing or invalid component
     */
    public AuditEvent build() {
      return new AuditEvent(
          id != null ? id : EventIds.next(),
          time != null ? time : Instant.now(),
          actor,
          action,
          resource,
          subjectId,
          fields,
          basis,
          purpose,
          outcome,
          correlationId,
          application,
          node);
    }
  }
}
