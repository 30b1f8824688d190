package fi.suoja.policy;

import fi.suoja.SuojaMetrics;
import fi.suoja.audit.AccessBasis;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditUnavailableException;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.Outcome;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enforcement point: asks the {@link AccessPolicy}, applies the rules no policy can switch off,
 * and audits every decision.
 *
 * <p><b>Guarantees.</b>
 *
 * <ul>
 *   <li>No actor, no access: {@link NoActorException} when neither the {@link PrivacyContext} nor
 *       the {@link ActorResolver} knows who acts.
 *   <li>A tenant-side actor never reaches another tenant's record: such an allow becomes {@code
 *       Deny(CROSS_TENANT)} whatever the policy says.
 *   <li>A policy that throws or returns {@code null} denies ({@code POLICY_ERROR}).
 *   <li>Exactly one audit event per decision — allowed, elevated and denied alike — naming the
 *       actor, the record, the data subject, the fields, the basis and the purpose. If the event
 *       cannot be recorded, the decision is {@code Deny(AUDIT_UNAVAILABLE)}: the access fails
 *       closed.
 * </ul>
 *
 * <p>A denied decision is recorded with the attempted action and outcome {@code DENIED} and the
 * {@link DenyReason} as reason code. Immutable and thread-safe.
 */
public final class AccessGuard {
  private static final Logger LOG = LoggerFactory.getLogger(AccessGuard.class);

  private final AccessPolicy policy;
  private final Auditor auditor;
  private final ActorResolver resolver;
  private final String providerId;
  private final Supplier<String> correlationId;

  /**
   * The audit form of the last actor seen, reused while the same (immutable) {@link Actor} instance
   * acts: a unit of work touching thousands of records has one actor, and building its {@link
   * AuditActor} (role names, validation, a sorted copy) per record cost as much as the event
   * itself. Racing threads at worst rebuild it.
   */
  private volatile LastActor lastActor;

  private final SuojaMetrics metrics;

  /** An actor and its audit form; immutable, published through a volatile field. */
  private record LastActor(Actor actor, AuditActor audit) {}

  private AccessGuard(Builder b) {
    this.policy = b.policy;
    this.auditor = b.auditor;
    this.resolver = b.resolver;
    this.providerId = b.providerId;
    this.correlationId = b.correlationId;
    this.metrics = b.metrics;
  }

  /** A guard enforcing {@code policy} and recording through {@code auditor}. */
  public static Builder builder(AccessPolicy policy, Auditor auditor) {
    return new Builder(policy, auditor);
  }

  /**
   * Decides an action of the current actor on a record and records the decision.
   *
   * @throws NoActorException when no actor is known
   */
  public Decision decide(Action action, RecordRef record) {
    return decide(action, record, List.of());
  }

  /**
   * Decides an action of the current actor on some fields of a record and records the decision with
   * the field names.
   *
   * @throws NoActorException when no actor is known
   */
  public Decision decide(Action action, RecordRef record, Collection<String> fields) {
    PrivacyContext context = PrivacyContext.resolve(resolver);
    return decide(context.actor(), context.purpose().orElse(null), action, record, fields);
  }

  /**
   * Like {@link #decide(Action, RecordRef)}, but throws when the access is denied.
   *
   * @return the allowing decision ({@link Decision.Allow} or {@link Decision.AllowElevated})
   * @throws AccessDeniedException when denied, carrying the decision
   * @throws NoActorException when no actor is known
   */
  public Decision require(Action action, RecordRef record) {
    return require(action, record, List.of());
  }

  /** Like {@link #decide(Action, RecordRef, Collection)}, but throws when the access is denied. */
  public Decision require(Action action, RecordRef record, Collection<String> fields) {
    return allowedOrThrow(decide(action, record, fields), action, record);
  }

  private static Decision allowedOrThrow(Decision d, Action action, RecordRef record) {
    if (d instanceof Decision.Deny deny) {
      throw new AccessDeniedException(deny, action, record);
    }
    return d;
  }

  /**
   * The context decisions are made in now: the current {@link PrivacyContext}, or one made from
   * this guard's {@link ActorResolver}. Capture it to {@linkplain #recordFailure record} later what
   * became of an allowed action.
   *
   * @throws NoActorException when no actor is known
   */
  public PrivacyContext currentContext() {
    return PrivacyContext.resolve(resolver);
  }

  /**
   * Records that an action this guard allowed did not take effect after all (its transaction rolled
   * back, its statement failed): one more event for the same actor, record and fields, with the
   * basis of the original decision and outcome {@code FAILURE(reason)}. Makes no policy decision.
   *
   * @param allowed the allowing decision the action was carried out under
   * @param reason a reason code token, e.g. {@code ROLLED_BACK}
   * @throws IllegalArgumentException if {@code allowed} is a denial
   * @throws AuditUnavailableException if the event cannot be recorded
   */
  public void recordFailure(
      Actor actor,
      Purpose purpose,
      Action action,
      RecordRef record,
      Collection<String> fields,
      Decision allowed,
      String reason) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(allowed, "allowed");
    if (!allowed.allowed()) {
      throw new IllegalArgumentException("a denied action has no later outcome to record");
    }
    auditor.record(
        event(actor, purpose, action, record, fields, allowed).outcome(Outcome.failure(reason)));
  }

  /** Decides and records an action of an explicit actor (a job acting for a named person). */
  public Decision decide(
      Actor actor, Purpose purpose, Action action, RecordRef record, Collection<String> fields) {
    return decide(actor, purpose, action, record, fields, null);
  }

  /**
   * The one way an operation on a data subject or a tenant as a whole (a hand-over, an
   * off-boarding, a key's destruction) is decided and audited: decides the action of an explicit
   * actor with the policy, records exactly one event for it, tenant-side and provider-side actors
   * alike, and throws when it is denied. Call it before the effect it allows; a refusal has been
   * recorded by the time it is thrown.
   *
   * @param correlationId recorded as the event's correlation id in place of the request's (a
   *     hand-over records the recipient organisation's id here), or {@code null} for the request's
   * @return the allowing decision
   * @throws AccessDeniedException when denied (also when the event cannot be recorded)
   */
  public Decision require(
      Actor actor,
      Purpose purpose,
      Action action,
      RecordRef record,
      Collection<String> fields,
      String correlationId) {
    return allowedOrThrow(
        decide(actor, purpose, action, record, fields, correlationId), action, record);
  }

  /**
   * Decides an action whose record gets its id only as the action is carried out (an insert whose
   * id the database assigns), so that its event can name the record: a denial is recorded at once
   * (the record has no id: none was created); an allowing decision is not recorded here, and the
   * caller must record it with {@link #recordAllowed} once the id is known, before the effect can
   * commit - or undo the effect. Same rules and metrics as {@link #decide(Actor, Purpose, Action,
   * RecordRef, Collection)}.
   *
   * @return the decision; a denial has been recorded
   */
  public Decision decideBeforeId(
      Actor actor, Purpose purpose, Action action, RecordRef record, Collection<String> fields) {
    Decision decision = judge(actor, action, record);
    return decision.allowed()
        ? decision
        : record(actor, purpose, action, record, fields, decision, null);
  }

  /**
   * Records an allowing decision of {@link #decideBeforeId} for the record now that it has its id:
   * the one event of that decision.
   *
   * @throws IllegalArgumentException if {@code allowed} is a denial
   * @throws AccessDeniedException ({@code AUDIT_UNAVAILABLE}) when the event cannot be recorded:
   *     the caller must undo the effect (roll its transaction back)
   */
  public void recordAllowed(
      Actor actor,
      Purpose purpose,
      Action action,
      RecordRef record,
      Collection<String> fields,
      Decision allowed) {
    Objects.requireNonNull(allowed, "allowed");
    if (!allowed.allowed()) {
      throw new IllegalArgumentException("a denial is recorded when it is decided");
    }
    allowedOrThrow(record(actor, purpose, action, record, fields, allowed, null), action, record);
  }

  private Decision decide(
      Actor actor,
      Purpose purpose,
      Action action,
      RecordRef record,
      Collection<String> fields,
      String correlationId) {
    Decision decision = judge(actor, action, record);
    return record(actor, purpose, action, record, fields, decision, correlationId);
  }

  /** The policy's decision under the rules no policy can switch off; records nothing. */
  private Decision judge(Actor actor, Action action, RecordRef record) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(record, "record");
    return enforceTenancy(actor, record, ask(actor, action, record));
  }

  /** Records {@code decision}; when it cannot be recorded, {@code Deny(AUDIT_UNAVAILABLE)}. */
  private Decision record(
      Actor actor,
      Purpose purpose,
      Action action,
      RecordRef record,
      Collection<String> fields,
      Decision decision,
      String correlationId) {
    try {
      AuditEvent.Builder e = event(actor, purpose, action, record, fields, decision);
      if (correlationId != null) {
        e.correlationId(correlationId);
      }
      auditor.record(e);
      metrics.countDecision(decision);
      return decision;
    } catch (AuditUnavailableException e) {
      LOG.error(
          "SUOJA-3101: audit unavailable, denying {} {}#{}", action, record.type(), record.id(), e);
      Decision refused = Decision.deny(DenyReason.AUDIT_UNAVAILABLE);
      metrics.countDecision(refused);
      return refused;
    }
  }

  private Decision ask(Actor actor, Action action, RecordRef record) {
    try {
      Decision d = policy.decide(actor, action, record);
      if (d == null) {
        LOG.error("SUOJA-3102: access policy returned no decision; denying");
        return Decision.deny(DenyReason.POLICY_ERROR);
      }
      return d;
    } catch (RuntimeException e) {
      LOG.error("SUOJA-3102: access policy failed ({}); denying", e.getClass().getName());
      return Decision.deny(DenyReason.POLICY_ERROR);
    }
  }

  private static Decision enforceTenancy(Actor actor, RecordRef record, Decision d) {
    if (d.allowed() && actor.side() == Side.TENANT && !actor.belongsTo(record.tenant())) {
      LOG.error("SUOJA-3103: policy allowed a cross-tenant access; denying");
      return Decision.deny(DenyReason.CROSS_TENANT);
    }
    return d;
  }

  private AuditEvent.Builder event(
      Actor actor,
      Purpose purpose,
      Action action,
      RecordRef record,
      Collection<String> fields,
      Decision decision) {
    AuditActor who = auditActor(actor);
    AuditEvent.Builder e =
        auditor
            .event(auditAction(action))
            .actor(who)
            .resource(record.type(), record.id() == null ? "new" : record.id(), record.tenant())
            .subject(record.subjectId())
            .fields(List.copyOf(fields));
    Purpose why = purpose != null ? purpose : actor.purpose().orElse(null);
    if (why != null) {
      e.purpose(why.code());
    }
    String correlation = correlationId.get();
    if (correlation != null) {
      e.correlationId(correlation);
    }
    if (decision instanceof Decision.Allow a) {
      e.basis(new AccessBasis(a.basis(), false)).outcome(Outcome.success());
    } else if (decision instanceof Decision.AllowElevated a) {
      e.basis(new AccessBasis(a.basis(), true)).outcome(Outcome.success());
    } else {
      e.outcome(Outcome.denied(((Decision.Deny) decision).reason().name()));
    }
    return e;
  }

  // a one-entry cache for the same actor object; another actor is mapped afresh
  @SuppressWarnings("ReferenceEquality")
  private AuditActor auditActor(Actor actor) {
    LastActor last = lastActor;
    if (last != null && last.actor() == actor) {
      return last.audit();
    }
    Set<String> roles = actor.roles().stream().map(Role::name).collect(Collectors.toSet());
    AuditActor who =
        actor.side() == Side.TENANT
            ? AuditActor.tenantUser(actor.userId(), actor.tenant().orElseThrow(), roles)
            : AuditActor.providerUser(actor.userId(), providerId, roles);
    lastActor = new LastActor(actor, who);
    return who;
  }

  static AuditAction auditAction(Action action) {
    return switch (action) {
      case READ -> AuditAction.READ;
      case CREATE -> AuditAction.CREATE;
      case UPDATE -> AuditAction.UPDATE;
      case DELETE -> AuditAction.DELETE;
      case EXPORT -> AuditAction.EXPORT;
      case ERASE -> AuditAction.ERASE;
      case DISCLOSE -> AuditAction.DISCLOSURE;
      case OFFBOARD -> AuditAction.TENANT_OFFBOARDED;
      case DESTROY_KEY -> AuditAction.KEY_DESTROYED;
    };
  }

  /** Configures an {@link AccessGuard}. */
  public static final class Builder {
    private final AccessPolicy policy;
    private final Auditor auditor;
    private ActorResolver resolver = ActorResolver.none();
    private String providerId = "provider";
    private Supplier<String> correlationId = () -> null;
    private SuojaMetrics metrics = SuojaMetrics.create();

    private Builder(AccessPolicy policy, Auditor auditor) {
      this.policy = Objects.requireNonNull(policy, "policy");
      this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /** Supplies the actor when no {@link PrivacyContext} is open. Default: none. */
    public Builder actorResolver(ActorResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** The id recorded as the organisation of provider-side actors. Default {@code "provider"}. */
    public Builder providerId(String providerId) {
      this.providerId = Objects.requireNonNull(providerId, "providerId");
      return this;
    }

    /** Supplies the request's correlation id (e.g. from the MDC), or null. Default: none. */
    public Builder correlationId(Supplier<String> correlationId) {
      this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
      return this;
    }

    /**
     * Where decisions are counted by outcome and deny reason. Default: counters of this guard's own
     * that nobody reads ({@code Suoja.builder()} passes the runtime's).
     */
    public Builder metrics(SuojaMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    public AccessGuard build() {
      return new AccessGuard(this);
    }
  }
}
