package fi.suoja.jpa.internal;

import fi.suoja.Suoja;
import fi.suoja.SuojaException;
import fi.suoja.crypto.CipherContext;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.Action;
import fi.suoja.policy.Decision;
import fi.suoja.policy.DenyReason;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.RecordRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.EntityEntryExtraState;
import org.hibernate.engine.spi.SelfDirtinessTracker;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.Status;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.FlushEntityEvent;
import org.hibernate.event.spi.FlushEntityEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostLoadEvent;
import org.hibernate.event.spi.PostLoadEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.event.spi.PreDeleteEvent;
import org.hibernate.event.spi.PreDeleteEventListener;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The heart of the integration ("sealed on load, opened after the policy", docs/JPA.md).
 *
 * <ul>
 *   <li>Pre-insert / pre-update: ask the guard (CREATE / UPDATE with the changed attribute names),
 *       compute blind indexes from the plaintext, seal encrypted attributes in the state Hibernate
 *       writes. The entity keeps its plaintext.
 *   <li>Post-insert / post-update: give the persistence context a loaded state with the plaintext
 *       (a copy of the sealed array Hibernate took, which other listeners also read), so dirty
 *       checking stays quiet.
 *   <li>Post-load: the entity arrives sealed; ask the guard (READ); open in place (entity and
 *       loaded state) when allowed; otherwise fail, or mask and make the entity read-only.
 *   <li>Pre-delete: ask the guard (DELETE); seal the deleted state Hibernate hands to the
 *       post-delete listeners.
 *   <li>Flush-entity, before Hibernate's own dirty check, for {@code @DynamicUpdate} entities only:
 *       recompute a blind index whose source changed, so that the index column counts as dirty and
 *       is written with its source (a dynamic update writes only the dirty columns, and they are
 *       chosen before pre-update); when the owner or data subject changed, mark every encrypted
 *       attribute dirty, so that all of them are re-sealed under the new one.
 * </ul>
 *
 * <p>Owner and data subject (the policy's inputs besides tenant and id) are bound into every
 * envelope of the row ({@link #context}): changed in the database without keys, the row no longer
 * opens; changed through the session, the row is re-sealed.
 *
 * <p>No write ever stores {@link SuojaJpaSettings#MASK}: a masked entity that reaches a write
 * (merged into another session, copied, or made writable again) fails with {@code SUOJA-5012}
 * instead of overwriting the stored values.
 */
final class PrivacyListener
    implements FlushEntityEventListener,
        PreInsertEventListener,
        PreUpdateEventListener,
        PreDeleteEventListener,
        PostInsertEventListener,
        PostUpdateEventListener,
        PostLoadEventListener {
  private static final long serialVersionUID = 1L;

  /** Reason of the follow-up event when an allowed value does not open. */
  static final String UNREADABLE = "UNREADABLE";

  private final transient Map<String, EntityModel> models;
  private final transient Suoja suoja;
  private final boolean maskOnDenied;
  private final transient Map<String, Positions> positions = new ConcurrentHashMap<>();
  private final transient LegacyPlaintext legacy;
  // entities with @DynamicUpdate and blind indexes: the flush-entity listener's work list
  private final transient Set<String> dynamicIndexed;
  // sessions of the subject-rights flow (identity keys): loads decided as EXPORT, or not opened at
  // all and writes decided as ERASE; empty outside that flow, so the hot path pays one isEmpty()
  private final transient Map<Object, Action> actingAs = new ConcurrentHashMap<>();
  private final transient SessionBindings bindings;
  // entities with @DynamicUpdate whose envelopes bind an owner or subject: re-sealed in full
  // when either changes (the flush-entity listener's other work list)
  private final transient Set<String> dynamicBound;
  // SuojaJpaSettings.REQUIRE_POLICY_BINDING: refuse an unbound envelope where one could be bound
  private final boolean requireBinding;
  // stands in the loaded state for an encrypted value that must be re-sealed (owner or subject
  // changed under @DynamicUpdate): never equal to a value, so Hibernate writes the column
  private static final String RESEAL = new String("<suoja:reseal>");
  // ids the database assigns during the insert (IDENTITY): the UPDATE that re-seals for the id
  private final transient IdentityRows identityRows = new IdentityRows();
  // entities that had such an insert: the flush-entity listener looks for their pending fix-up
  private final transient Set<String> identityInserted = ConcurrentHashMap.newKeySet();

  // the insert sealed for a pending row on this thread, between pre- and post-insert (Hibernate
  // runs both synchronously around an IDENTITY insert, nothing in between); per listener, i.e.
  // per session factory, on purpose: two factories never share it
  @SuppressWarnings("ThreadLocalUsage")
  private final transient ThreadLocal<PendingInsert> pendingInsert = new ThreadLocal<>();

  /** An insert whose id the database assigns: its state and its CREATE, not yet recorded. */
  @SuppressWarnings("ArrayRecordComponent") // compared by identity with the event's state only
  private record PendingInsert(Object[] state, WriteOutcomes.Deferred create) {}

  /**
   * @param dynamicUpdates names of the entities mapped with {@code @DynamicUpdate}
   */
  PrivacyListener(
      Map<String, EntityModel> models,
      Suoja suoja,
      boolean maskOnDenied,
      LegacyPlaintext legacy,
      Set<String> dynamicUpdates,
      boolean requireBinding) {
    this.models = Collections.unmodifiableMap(new LinkedHashMap<>(models)); // stable order
    this.suoja = Objects.requireNonNull(suoja, "suoja");
    this.maskOnDenied = maskOnDenied;
    this.legacy = Objects.requireNonNull(legacy, "legacy");
    // a session opened outside any context matters only where a tenant filter applies
    this.bindings =
        new SessionBindings(
            suoja.guard(), models.values().stream().anyMatch(m -> m.tenantAttribute() != null));
    this.dynamicIndexed =
        Set.copyOf(
            dynamicUpdates.stream()
                .filter(n -> models.containsKey(n) && !models.get(n).indexes().isEmpty())
                .toList());
    this.dynamicBound =
        Set.copyOf(
            dynamicUpdates.stream()
                .filter(n -> models.containsKey(n) && bindsPolicy(models.get(n)))
                .toList());
    this.requireBinding = requireBinding;
  }

  /** Whether the entity's envelopes bind policy inputs: it has an owner or subject attribute. */
  private static boolean bindsPolicy(EntityModel model) {
    return model.ownerAttribute() != null || model.subjectAttribute() != null;
  }

  /** Suoja's listener registered with {@code factory}, or null when Suoja is not integrated. */
  // listeners() is deprecated on 7.x but is the one lookup of registered listeners 6.6 also has
  @SuppressWarnings("deprecation")
  static PrivacyListener registered(SessionFactoryImplementor factory) {
    EventListenerRegistry registry =
        factory.getServiceRegistry().getService(EventListenerRegistry.class);
    if (registry != null) {
      for (Object l : registry.getEventListenerGroup(EventType.POST_LOAD).listeners()) {
        if (l instanceof PrivacyListener p) {
          return p;
        }
      }
    }
    return null;
  }

  /**
   * Decides this session's loads as EXPORT, or (ERASE) its writes as ERASE, until {@link #release}.
   */
  void actAs(Object session, Action action) {
    actingAs.put(session, action);
  }

  void release(Object session) {
    actingAs.remove(session);
  }

  Map<String, EntityModel> models() {
    return models;
  }

  Suoja suoja() {
    return suoja;
  }

  SessionBindings bindings() {
    return bindings;
  }

  private Action acting(Object session, Action usual) {
    if (actingAs.isEmpty()) {
      return usual;
    }
    Action a = actingAs.get(session);
    if (a == null) {
      return usual;
    }
    return a == Action.EXPORT && usual != Action.READ ? usual : a;
  }

  /** Attribute positions of one entity in the persister's property arrays. */
  @SuppressWarnings("ArrayRecordComponent") // never compared or hashed: a carrier of results
  record Positions(SubjectRecords.Slots slots, int[] encrypted, int[] indexes, int[] sources) {
    int tenant() {
      return slots.tenant();
    }

    int owner() {
      return slots.owner();
    }

    int subject() {
      return slots.subject();
    }
  }

  // ---- writes ---------------------------------------------------------------------------------

  @Override
  public void onFlushEntity(FlushEntityEvent event) {
    if (dynamicIndexed.isEmpty() && dynamicBound.isEmpty() && identityInserted.isEmpty()) {
      return;
    }
    EntityEntry entry = event.getEntityEntry();
    EntityPersister persister = entry.getPersister();
    Object[] loaded = entry.getLoadedState();
    if (loaded == null || entry.getStatus() != Status.MANAGED || entry.isReadOnly()) {
      return;
    }
    if (!identityInserted.isEmpty() && identityInserted.contains(persister.getEntityName())) {
      loaded = plaintextAfterIdentityInsert(entry, event.getEntity());
    }
    if (dynamicIndexed.isEmpty() && dynamicBound.isEmpty()) {
      return;
    }
    if (dynamicBound.contains(persister.getEntityName())) {
      resealOnNewOwner(models.get(persister.getEntityName()), persister, event.getEntity(), loaded);
    }
    if (!dynamicIndexed.contains(persister.getEntityName())) {
      return;
    }
    EntityModel model = models.get(persister.getEntityName());
    Positions pos = positions(model, persister);
    Object entity = event.getEntity();
    for (int k = 0; k < pos.indexes().length; k++) {
      Object source = persister.getValue(entity, pos.sources()[k]);
      if (!Objects.equals(source, loaded[pos.sources()[k]])) {
        String tenant = tenant(model, pos, loaded);
        EntityModel.IndexAttribute index = model.indexes().get(k);
        persister.setValue(entity, pos.indexes()[k], index(model, index, tenant, source));
        if (entity instanceof SelfDirtinessTracker tracker) {
          // bytecode-enhanced dirty tracking: Hibernate asks the tracker, not the values
          tracker.$$_hibernate_trackChange(index.name());
        }
      }
    }
  }

  /**
   * Under {@code @DynamicUpdate} only dirty columns are written: when the owner or the subject
   * changed, every encrypted value must be written too, sealed for the new one, or the row would
   * keep envelopes bound to the old owner (unreadable). The loaded value is replaced by {@link
   * #RESEAL} so that value comparison finds it dirty, and an enhanced entity's tracker is told.
   */
  private void resealOnNewOwner(
      EntityModel model, EntityPersister persister, Object entity, Object[] loaded) {
    Positions pos = positions(model, persister);
    boolean moved =
        (pos.owner() >= 0
                && !Objects.equals(persister.getValue(entity, pos.owner()), loaded[pos.owner()]))
            || (pos.subject() >= 0
                && !Objects.equals(
                    persister.getValue(entity, pos.subject()), loaded[pos.subject()]));
    if (!moved) {
      return;
    }
    for (int k = 0; k < pos.encrypted().length; k++) {
      int i = pos.encrypted()[k];
      if (loaded[i] != null) {
        loaded[i] = RESEAL;
        if (entity instanceof SelfDirtinessTracker tracker) {
          tracker.$$_hibernate_trackChange(model.encrypted().get(k).name());
        }
      }
    }
  }

  @Override
  public boolean onPreInsert(PreInsertEvent event) {
    EntityModel model = models.get(event.getPersister().getEntityName());
    if (model == null) {
      return false;
    }
    pendingInsert.remove(); // left by an insert that failed
    refuseStateless(event.getSession(), model);
    writing(event.getSession(), () -> insert(event, model));
    return false;
  }

  /** Runs a write's work; a Suoja failure on its way out dooms the transaction. */
  private void writing(SharedSessionContractImplementor session, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      bindings.failed(session); // Hibernate marks the transaction for rollback (SessionBindings)
      throw e;
    }
  }

  private void insert(PreInsertEvent event, EntityModel model) {
    bindings.bind(event.getSession());
    Positions pos = positions(model, event.getPersister());
    Object[] state = event.getState();
    if (pos.tenant() >= 0 && state[pos.tenant()] == null) {
      // Hibernate fills @TenantId from the session's tenant when it binds the insert, after this
      // event; the envelope is bound to that same tenant now.
      state[pos.tenant()] = event.getSession().getTenantIdentifier();
    }
    String id = SubjectRecords.idText(event.getId());
    refuseUnwritable(model, pos, id, state);
    RecordRef ref = ref(model, pos, id, state);
    if (id != null) {
      WriteOutcomes.require(
          suoja.guard(),
          event.getSession(),
          Action.CREATE,
          ref,
          presentEncrypted(model, pos, state));
      protect(
          event.getSession(),
          model,
          pos,
          ref,
          id,
          state,
          event.getEntity(),
          event.getPersister(),
          false);
      return;
    }
    // the database assigns the id during this insert (IDENTITY): decided now, recorded once the
    // id is known (the event names the row); the INSERT carries envelopes bound to a pending row
    // that no committed row opens; post-insert re-seals them for the id
    WriteOutcomes.Deferred create =
        WriteOutcomes.requireBeforeId(suoja.guard(), ref, presentEncrypted(model, pos, state));
    RecordRef pending =
        new RecordRef(
            ref.type(),
            IdentityRows.pendingRow(),
            ref.tenant(),
            ref.owner(),
            ref.subjectId(),
            ref.category());
    protect(
        event.getSession(),
        model,
        pos,
        pending,
        pending.id(),
        state,
        event.getEntity(),
        event.getPersister(),
        true);
    identityInserted.add(event.getPersister().getEntityName());
    pendingInsert.set(new PendingInsert(state, create));
  }

  @Override
  public boolean onPreUpdate(PreUpdateEvent event) {
    EntityModel model = models.get(event.getPersister().getEntityName());
    if (model == null) {
      return false;
    }
    refuseStateless(event.getSession(), model);
    writing(event.getSession(), () -> update(event, model));
    return false;
  }

  private void update(PreUpdateEvent event, EntityModel model) {
    bindings.bind(event.getSession());
    EntityPersister persister = event.getPersister();
    Positions pos = positions(model, persister);
    Object[] state = event.getState();
    String id = SubjectRecords.idText(event.getId());
    refuseUnwritable(model, pos, id, state);
    RecordRef ref = ref(model, pos, id, state);
    Object[] old = event.getOldState();
    // decided on the record as stored: may this actor change it? (an owner may hand a client
    // over; nobody takes a record by writing their own id into it - they could not load it).
    // Sealed under the new state: a transfer re-seals the row for the new owner.
    RecordRef stored =
        old == null || tenant(model, pos, old) == null ? ref : ref(model, pos, id, old);
    WriteOutcomes.require(
        suoja.guard(),
        event.getSession(),
        acting(event.getSession(), Action.UPDATE),
        stored,
        changed(persister, state, old, pos));
    protect(event.getSession(), model, pos, ref, id, state, event.getEntity(), persister, false);
  }

  @Override
  public boolean onPreDelete(PreDeleteEvent event) {
    EntityModel model = models.get(event.getPersister().getEntityName());
    if (model == null) {
      return false;
    }
    refuseStateless(event.getSession(), model); // it has no deleted state to decide on
    writing(event.getSession(), () -> delete(event, model));
    return false;
  }

  private void delete(PreDeleteEvent event, EntityModel model) {
    bindings.bind(event.getSession());
    Positions pos = positions(model, event.getPersister());
    Object[] state = event.getDeletedState();
    String id = SubjectRecords.idText(event.getId());
    RecordRef ref = ref(model, pos, id, state);
    Action action = acting(event.getSession(), Action.DELETE);
    WriteOutcomes.require(suoja.guard(), event.getSession(), action, ref, List.of());
    EntityEntry entry =
        event.getSession().getPersistenceContextInternal().getEntry(event.getEntity());
    Opened opened = entry == null ? null : entry.getExtraState(Opened.class);
    if (opened != null
        && opened.sealedState != null
        && opened.sealedState == entry.getLoadedState()) {
      return; // inserted with an assigned id, no flush since: the deleted state holds envelopes
    }
    if (action != Action.ERASE) { // an erased record was never opened: its values are sealed
      // the deleted state is Hibernate's own copy of the plaintext values, handed to every
      // post-delete listener (Hibernate Envers stores it with store_data_at_delete)
      for (int k = 0; k < pos.encrypted().length; k++) {
        int i = pos.encrypted()[k];
        if (state[i] instanceof String value && !SuojaJpaSettings.MASK.equals(value)) {
          String field = model.encrypted().get(k).name();
          state[i] = seal(model, ref, context(model, pos, ref, field), value);
        }
      }
    }
  }

  @Override
  public void onPostInsert(PostInsertEvent event) {
    PendingInsert pending = pendingInsert.get();
    if (pending != null && pending.state() == event.getState()) {
      pendingInsert.remove();
      EntityModel model = models.get(event.getPersister().getEntityName());
      writing(event.getSession(), () -> sealForAssignedId(event, model, pending.create()));
      return;
    }
    restorePlaintext(event.getSession(), event.getEntity(), event.getPersister());
  }

  /**
   * The second step of an insert whose id the database assigned: records the CREATE {@code create}
   * allowed (naming the row), re-seals every encrypted value for the id (in the state Hibernate
   * hands the other post-insert listeners, Envers among them) and writes the envelopes to the row
   * before anything else runs in the transaction; then gives the persistence context the plaintext
   * as loaded state, as after any insert.
   */
  private void sealForAssignedId(
      PostInsertEvent event, EntityModel model, WriteOutcomes.Deferred create) {
    EntityPersister persister = event.getPersister();
    Positions pos = positions(model, persister);
    Object[] state = event.getState();
    Object entity = event.getEntity();
    String id = SubjectRecords.idText(event.getId());
    if (id == null) {
      throw new SuojaException(
          "SUOJA-5240",
          model.entityName()
              + ": the database returned no id for the inserted row; its envelopes"
              + " cannot be bound to it, the transaction is rolled back");
    }
    RecordRef ref = ref(model, pos, id, state);
    if (model.subjectKey() && ref.subjectId() == null) {
      throw new SuojaException(
          "SUOJA-6012",
          model.entityName()
              + "#"
              + id
              + " is sealed under its data subject's key but has no"
              + " data subject id");
    }
    // the CREATE decided before the insert, recorded now that the event can name the row; if it
    // cannot be recorded the transaction is doomed and the row never commits (fail closed)
    WriteOutcomes.created(suoja.guard(), event.getSession(), create, ref);
    Object[] plain = new Object[state.length];
    for (int k = 0; k < pos.encrypted().length; k++) {
      int i = pos.encrypted()[k];
      if (state[i] != null) {
        Object value = persister.getValue(entity, i);
        plain[i] = value;
        String field = model.encrypted().get(k).name();
        state[i] = seal(model, ref, context(model, pos, ref, field), (String) value);
      }
    }
    identityRows.write(event.getSession(), persister, pos.encrypted(), state, event.getId());
    EntityEntry entry = event.getSession().getPersistenceContextInternal().getEntry(entity);
    if (entry == null) {
      return;
    }
    if (entry.getLoadedState() != null) {
      restorePlaintext(event.getSession(), entity, persister); // a delayed insert, at flush
    } else {
      // the insert ran at persist: Hibernate makes the entity managed after the post-insert
      // listeners, with this sealed state as loaded state (and keeps this entry's extra state);
      // the next flush-entity event puts the plaintext there before the dirty check
      opened(entry);
      Opened mark = entry.getExtraState(Opened.class);
      mark.insertedPlain = plain;
      mark.sealedState = state;
    }
  }

  /**
   * The loaded state of an entity inserted with an id the database assigned, with the plaintext it
   * was inserted with in place of the envelopes (see {@link #sealForAssignedId}); the loaded state
   * unchanged when that was done already. Changes an enhanced entity tracked since the insert stay
   * tracked.
   */
  private static Object[] plaintextAfterIdentityInsert(EntityEntry entry, Object entity) {
    Opened opened = entry.getExtraState(Opened.class);
    if (opened == null || opened.insertedPlain == null) {
      return entry.getLoadedState();
    }
    Object[] plain = opened.insertedPlain;
    Object[] sealed = opened.sealedState;
    opened.insertedPlain = null;
    opened.sealedState = null;
    if (entry.getLoadedState() != sealed) {
      return entry.getLoadedState(); // replaced since (a refresh, read-only and back): current
    }
    Object[] loaded = entry.getLoadedState().clone(); // never the sealed array Envers was handed
    for (int i = 0; i < plain.length; i++) {
      if (plain[i] != null) {
        loaded[i] = plain[i];
      }
    }
    String[] tracked =
        entity instanceof SelfDirtinessTracker t ? t.$$_hibernate_getDirtyAttributes() : null;
    entry.postUpdate(entity, loaded, entry.getVersion());
    if (tracked != null) {
      for (String name : tracked) {
        ((SelfDirtinessTracker) entity).$$_hibernate_trackChange(name);
      }
    }
    return entry.getLoadedState();
  }

  @Override
  public void onPostUpdate(PostUpdateEvent event) {
    restorePlaintext(event.getSession(), event.getEntity(), event.getPersister());
  }

  @Override
  public boolean requiresPostCommitHandling(EntityPersister persister) {
    return false;
  }

  // ---- loads ----------------------------------------------------------------------------------

  @Override
  public void onPostLoad(PostLoadEvent event) {
    EntityPersister persister = event.getPersister();
    EntityModel model = models.get(persister.getEntityName());
    if (model == null) {
      return;
    }
    Action action = acting(event.getSession(), Action.READ);
    if (action == Action.ERASE) {
      return; // erasure never opens: the values stay sealed and the write is decided as ERASE
    }
    try {
      bindings.check(event.getSession());
      open(event.getSession(), model, persister, event.getEntity(), event.getId(), action);
    } catch (RuntimeException e) {
      // nothing sealed may stay in the session: a retry, a later find or a flush would see the
      // envelopes as the entity's values (returned as such, or sealed a second time)
      evictUnopened(event.getSession());
      bindings.failed(event.getSession());
      throw e;
    }
  }

  /**
   * Evicts every protected entity the session holds as loaded from the database but not opened (or
   * masked): the one whose load failed, and those loaded with it whose post-load never ran.
   * Entities not yet inserted, and those opened for the actor, stay.
   */
  private void evictUnopened(EventSource session) {
    List<Object> sealed = new ArrayList<>();
    for (Map.Entry<Object, EntityEntry> e :
        session.getPersistenceContextInternal().reentrantSafeEntityEntries()) {
      EntityEntry entry = e.getValue();
      if (entry.isExistsInDatabase()
          && entry.getExtraState(Opened.class) == null
          && models.containsKey(entry.getPersister().getEntityName())) {
        sealed.add(e.getKey());
      }
    }
    for (Object entity : sealed) {
      session.evict(entity);
    }
  }

  /**
   * Opens an instance that did not come through a load: it holds envelopes (a revision Hibernate
   * Envers read from its audit table), and is decided, audited and opened like a loaded one. An
   * instance the session manages was opened on load and is left as it is.
   *
   * @return whether the instance is of a protected entity
   */
  boolean openDetached(SessionImplementor session, Object instance) {
    EntityPersister persister =
        session.getFactory().getMappingMetamodel().getEntityDescriptor(instance.getClass());
    EntityModel model = models.get(persister.getEntityName());
    if (model == null) {
      return false;
    }
    if (session.getPersistenceContextInternal().getEntry(instance) == null) {
      bindings.check(session);
      open(
          session,
          model,
          persister,
          instance,
          persister.getIdentifier(instance, session),
          Action.READ);
    }
    return true;
  }

  private void open(
      SharedSessionContractImplementor session,
      EntityModel model,
      EntityPersister persister,
      Object entity,
      Object rawId,
      Action action) {
    Positions pos = positions(model, persister);
    Object[] values = persister.getValues(entity);
    String id = SubjectRecords.idText(rawId);
    RecordRef ref = ref(model, pos, id, values);
    boolean[] plain =
        legacy.plaintextFields(suoja.cipher(), model, pos.encrypted(), values, ref.tenant(), id);
    Decision decision =
        suoja.guard().decide(action, ref, LegacyPlaintext.mark(model.encryptedNames(), plain));
    EntityEntry entry = session.getPersistenceContextInternal().getEntry(entity);
    Object[] loaded = entry == null ? null : entry.getLoadedState();
    if (decision instanceof Decision.Deny deny) {
      // a lookup leaves out rows the policy denies, never rows whose READ the trail refused: that
      // would read as "no such record" while the audit store is down (issue 19)
      if (action != Action.READ
          || (!maskOnDenied
              && (entry == null
                  || !QuietDenial.covers(session, entity)
                  || deny.reason() == DenyReason.AUDIT_UNAVAILABLE))) {
        throw new AccessDeniedException(deny, action, ref);
      }
      // mask mode, or a transparent lookup's row the actor may not see: masked and read-only;
      // the lookup's post-filter leaves it out of the result
      for (int i : pos.encrypted()) {
        if (values[i] != null) {
          persister.setValue(entity, i, SuojaJpaSettings.MASK);
          if (loaded != null) {
            loaded[i] = SuojaJpaSettings.MASK;
          }
        }
      }
      if (entry != null) {
        session.getPersistenceContextInternal().setReadOnly(entity, true);
        opened(entry);
        bindings.bind(session);
      }
      return;
    }
    bindings.openValues(session);
    for (int k = 0; k < pos.encrypted().length; k++) {
      int i = pos.encrypted()[k];
      if (values[i] == null) {
        continue;
      }
      String field = model.encrypted().get(k).name();
      String opened =
          plain != null && plain[k]
              ? (String) values[i] // legacy plaintext, flagged in the audit event above
              : openSealed(model, pos, ref, field, (String) values[i], action, decision, plain);
      suoja.remember(opened);
      persister.setValue(entity, i, opened);
      if (loaded != null) {
        loaded[i] = opened;
      }
    }
    if (entry != null) {
      opened(entry);
      bindings.bind(session);
    }
  }

  /** Marks a managed entity as holding what Suoja opened (or masked, or was given to write). */
  private static void opened(EntityEntry entry) {
    if (entry.getExtraState(Opened.class) == null) {
      entry.addExtraState(new Opened());
    }
  }

  /** The mark of {@link #opened}: extra state of the entity's entry, gone with the entry. */
  static final class Opened implements EntityEntryExtraState {
    private EntityEntryExtraState next;
    // after an insert whose id the database assigned, until the next flush: the plaintext it was
    // inserted with, by property position (null elsewhere); see sealForAssignedId
    private Object[] insertedPlain;
    // the sealed state Hibernate made the loaded state of that entity, while it still is
    private Object[] sealedState;

    @Override
    public void addExtraState(EntityEntryExtraState extraState) {
      if (next == null) {
        next = extraState;
      } else {
        next.addExtraState(extraState);
      }
    }

    @Override
    public <T extends EntityEntryExtraState> T getExtraState(Class<T> type) {
      if (next == null) {
        return null;
      }
      return type.isInstance(next) ? type.cast(next) : next.getExtraState(type);
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  /**
   * Computes the blind indexes and seals the encrypted values of {@code state}. {@code pending}:
   * sealed for a pending row (an IDENTITY insert, {@link IdentityRows}) under the tenant key, as
   * the data subject may be the id not assigned yet; never opened, re-sealed after the insert.
   */
  private void protect(
      SharedSessionContractImplementor session,
      EntityModel model,
      Positions pos,
      RecordRef ref,
      String id,
      Object[] state,
      Object entity,
      EntityPersister persister,
      boolean pending) {
    String tenant = ref.tenant();
    if (model.subjectKey() && ref.subjectId() == null && !(pending && pos.subject() < 0)) {
      throw new SuojaException(
          "SUOJA-6012",
          model.entityName()
              + "#"
              + id
              + " is sealed under its data subject's key but has no"
              + " data subject id");
    }
    for (int k = 0; k < pos.indexes().length; k++) {
      String value = index(model, model.indexes().get(k), tenant, state[pos.sources()[k]]);
      state[pos.indexes()[k]] = value;
      persister.setValue(entity, pos.indexes()[k], value);
    }
    bindings.openValues(session);
    for (int k = 0; k < pos.encrypted().length; k++) {
      int i = pos.encrypted()[k];
      if (state[i] != null) {
        String field = model.encrypted().get(k).name();
        suoja.remember((String) state[i]); // the unit of work's log lines mask it too
        CipherContext context = context(model, pos, ref, field);
        state[i] =
            pending
                ? suoja.cipher().seal(context, (String) state[i])
                : seal(model, ref, context, (String) state[i]);
      }
    }
  }

  private String index(
      EntityModel model, EntityModel.IndexAttribute index, String tenant, Object source) {
    if (source == null) {
      return null;
    }
    return index.prefix() > 0
        ? suoja
            .blindIndexer()
            .prefixIndex(tenant, model.scope(), index.of(), (String) source)
            .toHex()
        : suoja.blindIndexer().index(tenant, model.scope(), index.of(), (String) source).toHex();
  }

  private String seal(EntityModel model, RecordRef ref, CipherContext context, String value) {
    return model.subjectKey()
        ? suoja.cipher().sealForSubject(context, ref.subjectId(), value)
        : suoja.cipher().seal(context, value);
  }

  /**
   * Fails a write that would store the mask of a denied load over the real value, or seal an
   * envelope a second time (a sealed value that reached the entity: stored, it would open to the
   * envelope text instead of the value).
   */
  private void refuseUnwritable(EntityModel model, Positions pos, String id, Object[] state) {
    String tenant = tenant(model, pos, state);
    for (int k = 0; k < pos.encrypted().length; k++) {
      Object value = state[pos.encrypted()[k]];
      if (value instanceof String s
          && tenant != null
          && looksSealed(s)
          && LegacyPlaintext.isEnvelope(
              suoja.cipher(),
              new CipherContext(tenant, model.scope(), model.encrypted().get(k).name(), id),
              s)) {
        throw new SuojaException(
            "SUOJA-5021",
            model.entityName()
                + "#"
                + id
                + "."
                + model.encrypted().get(k).name()
                + " holds a sealed envelope, not a value: sealing it again would replace the"
                + " stored value with the envelope's text. Set the plaintext; a value read"
                + " around Suoja (a native query, a stateless session, JDBC) is sealed");
      }
      if (SuojaJpaSettings.MASK.equals(value)) {
        throw new SuojaException(
            "SUOJA-5012",
            model.entityName()
                + "#"
                + id
                + "."
                + model.encrypted().get(k).name()
                + " holds the mask of a denied load ("
                + SuojaJpaSettings.MASK
                + "): writing it"
                + " would overwrite the stored value. A masked entity is read-only; do not merge,"
                + " copy or re-enable writes on it - load the record as an actor allowed to see"
                + " it");
      }
    }
  }

  /** The text form of a format-1 envelope: "AQ" and at least 47 characters (35 bytes). */
  private static boolean looksSealed(String value) {
    return value.length() >= 47 && value.charAt(0) == 'A' && value.charAt(1) == 'Q';
  }

  private void restorePlaintext(
      SharedSessionContractImplementor session, Object entity, EntityPersister persister) {
    EntityModel model = models.get(persister.getEntityName());
    if (model == null) {
      return;
    }
    EntityEntry entry = session.getPersistenceContextInternal().getEntry(entity);
    if (entry == null || entry.getLoadedState() == null) {
      return;
    }
    // A copy, never the array itself: Hibernate hands that same sealed array to every other
    // post-insert/post-update listener (Hibernate Envers copies it into its audit table), and the
    // order of the listeners is not ours to choose.
    Object[] loaded = entry.getLoadedState().clone();
    Positions pos = positions(model, persister);
    for (int i : pos.encrypted()) {
      loaded[i] = persister.getValue(entity, i);
    }
    entry.postUpdate(entity, loaded, entry.getVersion());
    opened(entry);
  }

  /**
   * The context of one value: tenant, entity, field, row, and the owner and data subject the policy
   * decided on (review D5: a policy input that a database writer could change without keys must not
   * yield plaintext). The subject is bound only where the entity names a subject attribute;
   * otherwise the policy's subject is the row id, bound already.
   */
  private static CipherContext context(
      EntityModel model, Positions pos, RecordRef ref, String field) {
    CipherContext context = new CipherContext(ref.tenant(), model.scope(), field, ref.id());
    if (pos.owner() < 0 && pos.subject() < 0) {
      return context;
    }
    return context.withPolicy(ref.owner(), pos.subject() < 0 ? null : ref.subjectId());
  }

  /**
   * Opens one value after the policy allowed {@code action}. The READ event is already recorded as
   * a success; if the value does not open (tampered, moved, or its owner or subject changed without
   * keys) a follow-up {@code FAILURE(UNREADABLE)} event records that no plaintext was handed out,
   * and the failure goes to the caller.
   */
  private String openSealed(
      EntityModel model,
      Positions pos,
      RecordRef ref,
      String field,
      String sealed,
      Action action,
      Decision decision,
      boolean[] plain) {
    CipherContext context = context(model, pos, ref, field);
    try {
      if (requireBinding
          && context.policy() != null
          && !suoja.cipher().bindsPolicy(context, sealed)) {
        throw new SuojaException(
            "SUOJA-5019",
            model.entityName()
                + "#"
                + ref.id()
                + "."
                + field
                + " is sealed without its owner"
                + " and subject bound, and the persistence-unit property "
                + SuojaJpaSettings.REQUIRE_POLICY_BINDING
                + " is true: run the key rotation to re-seal old rows");
      }
      return suoja.cipher().open(context, sealed);
    } catch (SuojaException e) {
      try {
        PrivacyContext current = suoja.guard().currentContext();
        suoja
            .guard()
            .recordFailure(
                current.actor(),
                current.purpose().orElse(null),
                action,
                ref,
                LegacyPlaintext.mark(model.encryptedNames(), plain),
                decision,
                UNREADABLE);
      } catch (RuntimeException auditFailed) {
        e.addSuppressed(auditFailed);
      }
      throw e;
    }
  }

  /** The tenant of the record in {@code state}: its tenant attribute, or the fixed tenant. */
  private static String tenant(EntityModel model, Positions pos, Object[] state) {
    return model.tenantOf(pos.tenant() < 0 ? null : state[pos.tenant()]);
  }

  private static RecordRef ref(EntityModel model, Positions pos, String id, Object[] state) {
    return SubjectRecords.ref(model, pos.slots(), id, state);
  }

  private static List<String> presentEncrypted(EntityModel model, Positions pos, Object[] state) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < pos.encrypted().length; k++) {
      if (state[pos.encrypted()[k]] != null) {
        out.add(model.encrypted().get(k).name());
      }
    }
    return out;
  }

  private static List<String> changed(
      EntityPersister persister, Object[] state, Object[] old, Positions pos) {
    String[] names = persister.getPropertyNames();
    boolean[] maintained = new boolean[names.length];
    for (int i : pos.indexes()) {
      maintained[i] = true; // blind indexes follow their source; not a change of their own
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      // RESEAL: re-sealed because the owner moved, not changed by the caller
      boolean changed = old == null || (old[i] != RESEAL && !Objects.equals(state[i], old[i]));
      if (!maintained[i] && changed) {
        out.add(names[i]);
      }
    }
    return out;
  }

  private Positions positions(EntityModel model, EntityPersister persister) {
    return positions.computeIfAbsent(
        persister.getEntityName(),
        n -> {
          List<String> names = Arrays.asList(persister.getPropertyNames());
          int[] enc = model.encrypted().stream().mapToInt(a -> names.indexOf(a.name())).toArray();
          int[] idx = model.indexes().stream().mapToInt(a -> names.indexOf(a.name())).toArray();
          int[] src = model.indexes().stream().mapToInt(a -> names.indexOf(a.of())).toArray();
          return new Positions(SubjectRecords.Slots.of(model, persister), enc, idx, src);
        });
  }

  private static void refuseStateless(SharedSessionContractImplementor session, EntityModel model) {
    // instanceof rather than isStateless(), which Hibernate 6.6 lacks
    if (session == null || session instanceof StatelessSession) {
      throw new SuojaException(
          "SUOJA-5011",
          "stateless sessions are not supported for "
              + model.entityName()
              + ": they bypass the load events that open and check encrypted attributes");
    }
  }
}
