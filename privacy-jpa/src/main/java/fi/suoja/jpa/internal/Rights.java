package fi.suoja.jpa.internal;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.annotation.Erasure;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.Action;
import fi.suoja.policy.Decision;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.RecordRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.CompositeIdentifierMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The engine behind {@code fi.suoja.jpa.SubjectRights}: finds a data subject's records in every
 * entity Suoja protects, loads them in a session whose loads are decided as EXPORT (opened) or not
 * opened at all and whose writes are decided as ERASE. Public only for the API package.
 */
public final class Rights {
  private final SessionFactory factory;
  private final PrivacyListener listener;

  private Rights(SessionFactory factory, PrivacyListener listener) {
    this.factory = factory;
    this.listener = listener;
  }

  /**
   * The engine of a session factory Suoja is integrated with.
   *
   * @throws SuojaException {@code SUOJA-6020} if Suoja protects no entity of it
   */
  public static Rights of(SessionFactory factory) {
    PrivacyListener listener =
        PrivacyListener.registered(factory.unwrap(SessionFactoryImplementor.class));
    if (listener == null) {
      throw new SuojaException(
          "SUOJA-6020",
          "Suoja is not integrated with this session factory (no entity with @Encrypted"
              + " attributes, or the persistence-unit property suoja.enabled=false): no subject"
              + " rights to exercise");
    }
    return new Rights(factory, listener);
  }

  /** One record found for the subject: its model, the entity and its reference. */
  public record Found(String entity, String id, RecordRef ref, Object instance, HoldState hold) {}

  /** The hold of one record: none, running until {@code ends}, or not yet started (null end). */
  public record HoldState(String basis, Instant ends, boolean holds) {}

  /** A session scoped to one subject-rights action; close it to release the override. */
  public final class Scope implements AutoCloseable {
    final Session session;

    Scope(Action action) {
      this.session = factory.openSession();
      listener.actAs(session, action);
    }

    public Session session() {
      return session;
    }

    @Override
    public void close() {
      listener.release(session);
      session.close();
    }
  }

  public Scope open(Action action) {
    return new Scope(action);
  }

  public Suoja suoja() {
    return listener.suoja();
  }

  /**
   * Every record of {@code subjectId} visible in the session's tenant, in model order.
   *
   * @throws SuojaException {@code SUOJA-6021} if the subject id is not a valid value of an entity's
   *     subject attribute (or id) type, before anything is loaded
   */
  public List<Found> find(Scope scope, String subjectId, Instant now) {
    for (EntityModel m : listener.models().values()) {
      SubjectRecords.subjectKey(m, persister(m), subjectId); // one bad id fails before any load
    }
    List<Found> out = new ArrayList<>();
    for (EntityModel m : listener.models().values()) {
      for (Object e : SubjectRecords.find(scope.session, m, persister(m), subjectId)) {
        out.add(found(scope, m, e, now));
      }
    }
    return out;
  }

  /**
   * Names of the protected entities that declare a {@code @LegalRetention} hold, in model order.
   */
  public List<String> heldEntities() {
    List<String> out = new ArrayList<>();
    for (EntityModel m : listener.models().values()) {
      if (m.hold() != null) {
        out.add(m.entityName());
      }
    }
    return out;
  }

  /**
   * Records of {@code entityName} whose hold may have ended by {@code now} and that still hold
   * personal values, after id {@code after} (null: from the start) in id order, at most {@code
   * limit}. The query is a superset by one day (calendar arithmetic is checked per record in {@link
   * Found#hold()}); the caller skips records whose hold still runs.
   */
  public List<Found> due(Scope scope, String entityName, Object after, int limit, Instant now) {
    EntityModel m = model(entityName);
    String idName = simpleIdName(m);
    StringBuilder q =
        new StringBuilder("select e from ")
            .append(m.entityName())
            .append(" e where ")
            .append(dueCondition(m));
    if (after != null) {
      q.append(" and e.").append(idName).append(" > :after");
    }
    q.append(" order by e.").append(idName);
    var query =
        scope
            .session
            .createQuery(q.toString(), Object.class)
            .setParameter("cutoff", cutoff(m, now))
            .setMaxResults(limit);
    if (after != null) {
      query.setParameter("after", after);
    }
    List<Found> out = new ArrayList<>();
    for (Object e : query.getResultList()) {
      out.add(found(scope, m, e, now));
    }
    return out;
  }

  /**
   * How many records {@link #due} would return without a limit.
   *
   * @throws SuojaConfigurationException {@code SUOJA-6041} if the entity has a composite id, which
   *     {@link #due} cannot page by
   */
  public long dueCount(Scope scope, String entityName, Instant now) {
    EntityModel m = model(entityName);
    simpleIdName(m); // refused before the first batch, not as a failed batch
    return scope
        .session
        .createQuery(
            "select count(e) from " + m.entityName() + " e where " + dueCondition(m), Long.class)
        .setParameter("cutoff", cutoff(m, now))
        .getSingleResult();
  }

  /** The id of a found record, in its Java type (for keyset pagination). */
  public Object idOf(Found f) {
    return factory.getPersistenceUnitUtil().getIdentifier(f.instance());
  }

  /**
   * Whether any record of {@code subjectId} in the session's tenant, in any protected entity, still
   * holds a personal value (a deleted record holds none, an anonymised one none).
   */
  public boolean anyPersonalValues(Scope scope, String subjectId, Instant now) {
    for (Found f : find(scope, subjectId, now)) {
      EntityModel m = model(f.entity());
      if (m.erasure() == Erasure.Mode.DELETE_RECORD) {
        return true;
      }
      for (String name : m.personal()) {
        if (value(m, f.instance(), name) != null) {
          return true;
        }
      }
    }
    return false;
  }

  private static String dueCondition(EntityModel m) {
    StringBuilder w =
        new StringBuilder("e.")
            .append(m.hold().from())
            .append(" is not null and e.")
            .append(m.hold().from())
            .append(" <= :cutoff");
    if (m.erasure() == Erasure.Mode.ANONYMISE_FIELDS && !m.personal().isEmpty()) {
      w.append(" and (");
      String or = "";
      for (String name : m.personal()) {
        w.append(or).append("e.").append(name).append(" is not null");
        or = " or ";
      }
      w.append(')');
    }
    return w.toString();
  }

  /** now - period + 1 day, in the type of the hold's start attribute (a superset bound). */
  private Object cutoff(EntityModel m, Instant now) {
    Instant bound = now.atOffset(ZoneOffset.UTC).minus(m.hold().period()).plusDays(1).toInstant();
    Class<?> type =
        persister(m).findAttributeMapping(m.hold().from()).getJavaType().getJavaTypeClass();
    if (type == Instant.class) {
      return bound;
    }
    if (type == LocalDate.class) {
      return LocalDate.ofInstant(bound, ZoneOffset.UTC);
    }
    if (type == LocalDateTime.class) {
      return LocalDateTime.ofInstant(bound, ZoneOffset.UTC);
    }
    if (type == OffsetDateTime.class) {
      return bound.atOffset(ZoneOffset.UTC);
    }
    if (type == ZonedDateTime.class) {
      return bound.atZone(ZoneOffset.UTC);
    }
    if (type == Date.class) {
      return Date.from(bound);
    }
    throw inconsistent("not a date type: " + type.getName());
  }

  private Found found(Scope scope, EntityModel m, Object e, Instant now) {
    RecordRef ref =
        SubjectRecords.ref(
            m, persister(m), scope.session.unwrap(SharedSessionContractImplementor.class), e);
    return new Found(m.entityName(), ref.id(), ref, e, hold(m, e, now));
  }

  /** The attributes of a loaded (opened) record to export: every personal attribute, by name. */
  public Map<String, String> attributes(Found f) {
    EntityModel m = model(f.entity());
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : m.personal()) {
      out.put(name, text(value(m, f.instance(), name)));
    }
    if (m.subjectAttribute() != null) {
      out.put(m.subjectAttribute(), text(value(m, f.instance(), m.subjectAttribute())));
    }
    return out;
  }

  /** Erases one record (not under hold) in the ERASE scope: deletes it or nulls its fields. */
  public Erasure.Mode erase(Scope scope, Found f) {
    EntityModel m = model(f.entity());
    if (m.erasure() == Erasure.Mode.DELETE_RECORD) {
      scope.session.remove(f.instance());
    } else {
      EntityPersister p = persister(m);
      for (String name : m.personal()) {
        p.setValue(f.instance(), position(m, p, name), null);
      }
    }
    return m.erasure();
  }

  /**
   * Records that a record is kept under a hold: the ERASE decision (which must allow) and an ERASE
   * event with outcome {@code FAILURE(LEGAL_HOLD)}.
   */
  public void retain(Scope scope, Found f) {
    PrivacyContext ctx = suoja().guard().currentContext();
    List<String> fields = model(f.entity()).personal();
    Decision d =
        suoja()
            .guard()
            .decide(ctx.actor(), ctx.purpose().orElse(null), Action.ERASE, f.ref(), fields);
    if (d instanceof Decision.Deny deny) {
      throw new AccessDeniedException(deny, Action.ERASE, f.ref());
    }
    suoja()
        .guard()
        .recordFailure(
            ctx.actor(),
            ctx.purpose().orElse(null),
            Action.ERASE,
            f.ref(),
            fields,
            d,
            "LEGAL_HOLD");
    scope.session.setReadOnly(f.instance(), true);
  }

  /** Whether the record's entity seals under subject keys. */
  public boolean subjectKeyed(Found f) {
    return model(f.entity()).subjectKey();
  }

  /** Whether any protected entity seals under subject keys. */
  public boolean anySubjectKeyed() {
    return listener.models().values().stream().anyMatch(EntityModel::subjectKey);
  }

  public Transaction begin(Scope scope) {
    return scope.session.beginTransaction();
  }

  private EntityModel model(String entityName) {
    for (EntityModel m : listener.models().values()) {
      if (m.entityName().equals(entityName)) {
        return m;
      }
    }
    throw inconsistent("unknown entity " + entityName);
  }

  private HoldState hold(EntityModel m, Object e, Instant now) {
    EntityModel.Hold h = m.hold();
    if (h == null) {
      return new HoldState(null, null, false);
    }
    Object from = value(m, e, h.from());
    if (from == null) {
      return new HoldState(h.basis(), null, true); // not started: retained, end unknown
    }
    Instant ends = start(from).atOffset(ZoneOffset.UTC).plus(h.period()).toInstant();
    return new HoldState(h.basis(), ends, now.isBefore(ends));
  }

  private static Instant start(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof LocalDate d) {
      return d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (v instanceof LocalDateTime d) {
      return d.toInstant(ZoneOffset.UTC);
    }
    if (v instanceof OffsetDateTime d) {
      return d.toInstant();
    }
    if (v instanceof ZonedDateTime d) {
      return d.toInstant();
    }
    if (v instanceof Date d) {
      return d.toInstant();
    }
    throw inconsistent("not a date: " + v.getClass().getName());
  }

  /** The persister of a protected entity: how Hibernate itself reads and writes its values. */
  private EntityPersister persister(EntityModel m) {
    return factory
        .unwrap(SessionFactoryImplementor.class)
        .getMappingMetamodel()
        .getEntityDescriptor(m.type());
  }

  /** The name of the single id attribute that retention pages by. */
  private String simpleIdName(EntityModel m) {
    EntityPersister p = persister(m);
    if (p.getIdentifierMapping() instanceof CompositeIdentifierMapping) {
      throw new SuojaConfigurationException(
          "SUOJA-6041",
          m.entityName()
              + " has a composite id: the retention job pages by a single id"
              + " attribute. Map a single @Id, or erase its records through SubjectRights");
    }
    return p.getIdentifierPropertyName();
  }

  /** The value of attribute {@code name} of a loaded record, read through its persister. */
  private Object value(EntityModel m, Object e, String name) {
    EntityPersister p = persister(m);
    return p.getValue(e, position(m, p, name));
  }

  private static int position(EntityModel m, EntityPersister p, String name) {
    int i = Arrays.asList(p.getPropertyNames()).indexOf(name);
    if (i < 0) {
      throw inconsistent(m.entityName() + " has no persistent attribute " + name);
    }
    return i;
  }

  /** The entity model and the mapping disagree: a mapping the subject-rights flow cannot handle. */
  private static SuojaException inconsistent(String what) {
    return new SuojaException("SUOJA-6022", what);
  }

  private static String text(Object v) {
    return v == null ? null : v.toString();
  }
}
