package fi.suoja.jpa.internal;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.jpa.SuojaJpaSettings;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers Suoja with every Hibernate {@code SessionFactory} through {@code
 * META-INF/services/org.hibernate.integrator.spi.Integrator}: scans the entities for Suoja's
 * annotations, refuses mappings it cannot protect, and appends its event listeners. Public only
 * because the service loader needs it; not API.
 */
public final class SuojaIntegrator implements Integrator {
  private static final Logger LOG = LoggerFactory.getLogger(SuojaIntegrator.class);

  @Override
  public void integrate(
      Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor factory) {
    Map<String, Object> settings = factory.getProperties();
    if ("false".equalsIgnoreCase(String.valueOf(settings.get(SuojaJpaSettings.ENABLED)))) {
      LOG.warn(
          "Suoja switched off ({}=false): encrypted attributes are NOT protected",
          SuojaJpaSettings.ENABLED);
      return;
    }
    String singleTenant = SingleTenant.of(settings);
    Map<String, EntityModel> models = new LinkedHashMap<>();
    Set<String> dynamicUpdates = new HashSet<>();
    for (PersistentClass pc : metadata.getEntityBindings()) {
      BootChecks.refuseInComponents(pc.getEntityName(), pc.getIdentifier());
      for (Property p : pc.getPropertyClosure()) {
        if (p.getValue() == pc.getIdentifierMapper()) {
          continue; // an @IdClass entity's @Id attributes, as a virtual embeddable of the entity
        }
        BootChecks.refuseInComponents(pc.getEntityName() + "." + p.getName(), p.getValue());
      }
      Class<?> type = pc.getMappedClass();
      EntityModel model =
          type == null
              ? null
              : ModelScanner.scan(pc.getJpaEntityName(), type, singleTenant).orElse(null);
      if (model != null) {
        models.put(pc.getEntityName(), model);
        BootChecks.requirePersistent(pc, model);
        BootChecks.requireIdText(pc, model);
        BootChecks.refuseTransformed(pc, model);
        BootChecks.refuseSecondaryTables(pc, model);
        BootChecks.refuseLazyLoading(pc, model);
        BootChecks.refuseValueLocking(pc, model);
        if (pc.useDynamicUpdate()) {
          dynamicUpdates.add(pc.getEntityName());
        }
      }
    }
    for (PersistentClass pc : metadata.getEntityBindings()) {
      BootChecks.refuseEncryptedOrdering(pc, models);
    }
    if (models.isEmpty()) {
      LOG.info("Suoja: no entity has @Encrypted attributes; nothing to register");
      return;
    }
    Object runtime = settings.get(SuojaJpaSettings.RUNTIME);
    if (!(runtime instanceof Suoja suoja)) {
      throw new SuojaConfigurationException(
          "SUOJA-5000",
          "entities "
              + models.values().stream().map(EntityModel::entityName).toList()
              + " have @Encrypted attributes, but the persistence-unit property '"
              + SuojaJpaSettings.RUNTIME
              + "' holds "
              + (runtime == null ? "nothing" : "a " + runtime.getClass().getName())
              + ": set it to the fi.suoja.Suoja runtime (Suoja.builder()...build())");
    }
    BootChecks.requireRegistered(suoja, models);
    TransportSecurity.requireFor(factory, settings);
    BootChecks.requireQueryGuard(factory, models);
    SecondLevelCache.refuseUnsafe(metadata, factory.getSessionFactoryOptions(), models);
    boolean mask = onDeniedMasks(settings.get(SuojaJpaSettings.ON_DENIED));
    LegacyPlaintext legacy = LegacyPlaintext.parse(settings.get(SuojaJpaSettings.LEGACY_PLAINTEXT));
    BlindIndexEquality.Paging.candidates(settings.get(SuojaJpaSettings.LOOKUP_CANDIDATE_LIMIT));
    if (legacy == LegacyPlaintext.READ) {
      LOG.warn(
          "Suoja: {}=read: values that are not envelopes are read as legacy plaintext (audited"
              + " with the field marker {}); switch it off once the plaintext migration is done",
          SuojaJpaSettings.LEGACY_PLAINTEXT,
          SuojaJpaSettings.LEGACY_PLAINTEXT_MARKER);
    }
    boolean requireBinding =
        requiresPolicyBinding(settings.get(SuojaJpaSettings.REQUIRE_POLICY_BINDING));
    PrivacyListener listener =
        new PrivacyListener(models, suoja, mask, legacy, dynamicUpdates, requireBinding);
    EventListenerRegistry registry =
        factory.getServiceRegistry().getService(EventListenerRegistry.class);
    if (registry == null) {
      throw new SuojaConfigurationException(
          "SUOJA-5005", "Hibernate offers no EventListenerRegistry; cannot register Suoja");
    }
    ColumnWidths widths = ColumnWidths.check(metadata, models);
    // the database's own widths, once Hibernate's schema management (an observer registered
    // before the integrators) has created, updated or validated the tables
    factory.addObserver(new RealWidthCheck(widths));
    // before Hibernate's own flush-entity listener, whose dirty check chooses a dynamic update's
    // columns (see PrivacyListener.onFlushEntity)
    registry.prependListeners(EventType.FLUSH_ENTITY, listener);
    registry.appendListeners(EventType.PRE_INSERT, listener);
    registry.appendListeners(EventType.PRE_UPDATE, listener);
    // after the privacy listener: the guard has decided (and audited), the state is sealed
    registry.appendListeners(EventType.PRE_INSERT, widths);
    registry.appendListeners(EventType.PRE_UPDATE, widths);
    registry.appendListeners(EventType.PRE_DELETE, listener);
    // first: an insert whose id the database assigned is re-sealed for that id in the state the
    // other post-insert listeners (Envers) are handed (PrivacyListener.sealForAssignedId)
    registry.prependListeners(EventType.POST_INSERT, listener);
    registry.appendListeners(EventType.POST_UPDATE, listener);
    registry.appendListeners(EventType.POST_LOAD, listener);
    // one session, one actor: checked before Hibernate consults the persistence context
    SessionGuard guard = new SessionGuard(listener.bindings());
    registry.prependListeners(EventType.LOAD, guard);
    registry.prependListeners(EventType.INIT_COLLECTION, guard);
    registry.prependListeners(EventType.AUTO_FLUSH, guard);
    registry.appendListeners(EventType.CLEAR, guard);
    LOG.info(
        "Suoja protects {} (denied loads: {})",
        models.values().stream().map(EntityModel::entityName).toList(),
        mask ? "masked, read-only" : "fail");
  }

  static boolean onDeniedMasks(Object value) {
    String v = value == null ? "fail" : value.toString().trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "fail" -> false;
      case "mask" -> true;
      default ->
          throw new SuojaConfigurationException(
              "SUOJA-5006",
              "persistence-unit property '"
                  + SuojaJpaSettings.ON_DENIED
                  + "' must be 'fail' or 'mask', got '"
                  + v
                  + "'");
    };
  }

  static boolean requiresPolicyBinding(Object value) {
    String v = value == null ? "false" : value.toString().trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "false" -> false;
      case "true" -> true;
      default ->
          throw new SuojaConfigurationException(
              "SUOJA-5221",
              "persistence-unit property '"
                  + SuojaJpaSettings.REQUIRE_POLICY_BINDING
                  + "' must be 'true' or"
                  + " 'false', got '"
                  + v
                  + "'");
    };
  }

  @Override
  public void disintegrate(
      SessionFactoryImplementor factory, SessionFactoryServiceRegistry serviceRegistry) {
    // nothing to release: the listener holds no resources of its own
  }

  /** Runs {@link ColumnWidths#checkDatabase} when the factory is built; a failure fails it. */
  private static final class RealWidthCheck implements SessionFactoryObserver {
    private static final long serialVersionUID = 1L;
    private final transient ColumnWidths widths;

    RealWidthCheck(ColumnWidths widths) {
      this.widths = widths;
    }

    @Override
    public void sessionFactoryCreated(SessionFactory factory) {
      widths.checkDatabase((SessionFactoryImplementor) factory);
    }
  }
}
