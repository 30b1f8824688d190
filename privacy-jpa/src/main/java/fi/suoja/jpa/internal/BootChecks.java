package fi.suoja.jpa.internal;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.annotation.ProtectedType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.engine.OptimisticLockStyle;
import org.hibernate.engine.spi.PersistentAttributeInterceptable;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.Join;
import org.hibernate.mapping.OneToMany;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Selectable;
import org.hibernate.mapping.SimpleValue;
import org.hibernate.mapping.ToOne;
import org.hibernate.mapping.Value;

/**
 * The boot-time refusals of the JPA integration: every mapping Suoja cannot protect fails the
 * {@code SessionFactory} with a coded {@code SuojaConfigurationException} naming the entity and the
 * attribute (docs/JPA.md, "Boot-time refusals"). Called by {@link SuojaIntegrator}, which registers
 * the listeners once these pass.
 */
final class BootChecks {
  private BootChecks() {}

  /**
   * Refuses a protected entity the runtime was not built with ({@code
   * Suoja.builder().entities(...)}): its padding and blind-index options would be silently ignored
   * (values sealed unpadded, the first indexed write failing with SUOJA-1023).
   */
  static void requireRegistered(Suoja suoja, Map<String, EntityModel> models) {
    List<String> missing = new ArrayList<>();
    for (EntityModel m : models.values()) {
      if (!suoja.entities().contains(m.entityName())) {
        missing.add(m.type().getName());
      }
    }
    if (!missing.isEmpty()) {
      throw new SuojaConfigurationException(
          "SUOJA-5023",
          "entities "
              + missing
              + " have @Encrypted attributes but were not given to"
              + " Suoja.builder().entities(...): their @Encrypted/@BlindIndex options (padding,"
              + " blind indexes) would be ignored. Add them to the runtime's entity list");
    }
  }

  /**
   * Refuses {@code @Encrypted} and {@code @BlindIndex} inside an embeddable (embedded, element
   * collection, embedded id), at any depth: the listeners see an embeddable as one value of the
   * entity's state, so its attributes would be stored as plaintext without a word.
   */
  static void refuseInComponents(String path, Value value) {
    if (value instanceof Collection collection) {
      refuseInComponents(path, collection.getElement());
    } else if (value instanceof Component component) {
      Class<?> type = component.getComponentClass();
      ProtectedType described = type == null ? null : ProtectedType.of(type);
      if (described != null
          && (!described.encrypted().isEmpty() || !described.indexes().isEmpty())) {
        String attribute =
            described.encrypted().isEmpty()
                ? described.indexes().get(0).name()
                : described.encrypted().get(0).name();
        throw new SuojaConfigurationException(
            "SUOJA-5013",
            path
                + " is an embeddable ("
                + type.getSimpleName()
                + ") whose attribute '"
                + attribute
                + "' is annotated @Encrypted or @BlindIndex: Suoja protects"
                + " attributes of the entity itself only, and would store it as plaintext."
                + " Move the attribute into the entity");
      }
      for (Property p : component.getProperties()) {
        refuseInComponents(path + "." + p.getName(), p.getValue());
      }
    }
  }

  /**
   * Refuses a composite id ({@code @EmbeddedId}, {@code @IdClass}) whose class keeps {@code
   * Object.toString()}: the id's text is bound into every envelope of the row and names the record
   * to the policy and the audit trail ({@link SubjectRecords#idText}), and an identity hash would
   * differ on the next load, leaving every value of the row unreadable.
   */
  static void requireIdText(PersistentClass pc, EntityModel model) {
    if (!(pc.getIdentifier() instanceof Component id) || id.getComponentClass() == null) {
      return;
    }
    Class<?> type = id.getComponentClass();
    try {
      if (type.getMethod("toString").getDeclaringClass() != Object.class) {
        return;
      }
    } catch (NoSuchMethodException impossible) {
      // every class has toString
    }
    throw new SuojaConfigurationException(
        "SUOJA-6042",
        model.entityName()
            + " has a composite id of class "
            + type.getName()
            + " without its"
            + " own toString(): the id's text is bound into every encrypted value of the row, and"
            + " Object.toString() changes from load to load. Use a record, or override toString()"
            + " with the id's values");
  }

  /**
   * Refuses an {@code @Encrypted}, {@code @BlindIndex} or {@code @Owner} attribute that Hibernate
   * does not persist ({@code @Transient}, {@code transient}): there is no column to seal into, and
   * an owner that is never stored would decide nothing.
   */
  static void requirePersistent(PersistentClass pc, EntityModel model) {
    Set<String> persistent = new HashSet<>();
    for (Property p : pc.getPropertyClosure()) {
      persistent.add(p.getName());
    }
    List<String> named = model.encryptedAndIndexNames();
    if (model.ownerAttribute() != null) {
      named.add(model.ownerAttribute());
    }
    for (String name : named) {
      if (!persistent.contains(name)) {
        throw new SuojaConfigurationException(
            "SUOJA-5014",
            model.entityName()
                + "."
                + name
                + " carries a Suoja annotation (@Encrypted,"
                + " @BlindIndex or @Owner) but is not a persistent attribute of the entity"
                + " (@Transient, transient, or the id): remove the annotation or map the"
                + " attribute to a column");
      }
    }
  }

  /**
   * Refuses a JPA converter ({@code @Convert}, or an auto-applied one) or a
   * {@code @ColumnTransformer} on an encrypted or blind-index attribute: they would rewrite the
   * envelope Suoja writes (or the value it reads) in a way no key can open, or store an index that
   * the lookups, which bind the index as Suoja computes it, never match.
   */
  static void refuseTransformed(PersistentClass pc, EntityModel model) {
    List<String> names = model.encryptedAndIndexNames();
    for (String name : names) {
      Value value = pc.getProperty(name).getValue();
      boolean converted =
          value instanceof SimpleValue simple
              && simple.getJpaAttributeConverterDescriptor() != null;
      boolean transformed = false;
      for (Selectable s : value.getSelectables()) {
        if (s instanceof Column c && (c.getCustomRead() != null || c.getCustomWrite() != null)) {
          transformed = true;
        }
      }
      if (converted || transformed) {
        throw new SuojaConfigurationException(
            "SUOJA-5015",
            model.entityName()
                + "."
                + name
                + " is @Encrypted or @BlindIndex and has "
                + (converted ? "a JPA AttributeConverter" : "a @ColumnTransformer")
                + ": it would rewrite the envelope or index Suoja stores, which would then"
                + " never open or match. Convert the value in the entity before Suoja seals it"
                + " (or exclude the attribute from an auto-applied converter with"
                + " @Convert(disableConversion = true))");
      }
    }
  }

  /**
   * Refuses an encrypted or blind-index attribute mapped to a {@code @SecondaryTable}: loads and
   * writes would work, but the plaintext migration and the key rotation sweep the entity's own
   * table, so the data under it could never be moved to a new key.
   */
  static void refuseSecondaryTables(PersistentClass pc, EntityModel model) {
    List<String> names = model.encryptedAndIndexNames();
    for (Join join : pc.getJoinClosure()) {
      for (Property p : join.getProperties()) {
        if (names.contains(p.getName())) {
          throw new SuojaConfigurationException(
              "SUOJA-5017",
              model.entityName()
                  + "."
                  + p.getName()
                  + " is @Encrypted or @BlindIndex and"
                  + " mapped to the secondary table "
                  + join.getTable().getName()
                  + ": the key"
                  + " rotation and the plaintext migration sweep the entity's own table only."
                  + " Keep it in the entity's table, or move the sensitive attributes into an"
                  + " entity of their own (@OneToOne), which Suoja protects like any other");
        }
      }
    }
  }

  /**
   * Refuses an encrypted attribute that a bytecode-enhanced entity fetches lazily
   * ({@code @Basic(fetch = LAZY)}): Hibernate fetches it on first access without a load event, so
   * it could not be opened after the policy (without enhancement Hibernate ignores the hint:
   * allowed).
   */
  static void refuseLazyLoading(PersistentClass pc, EntityModel model) {
    if (pc.getMappedClass() == null
        || !PersistentAttributeInterceptable.class.isAssignableFrom(pc.getMappedClass())) {
      return;
    }
    for (String name : model.encryptedNames()) {
      if (pc.getProperty(name).isLazy()) {
        throw new SuojaConfigurationException(
            "SUOJA-5018",
            model.entityName()
                + "."
                + name
                + " is @Encrypted and fetched lazily by the"
                + " bytecode-enhanced entity: Hibernate fetches it on first access without a load"
                + " event, so Suoja could not open it after the policy decision. Fetch it eagerly"
                + " (remove fetch = LAZY), or move it into an entity of its own behind a lazy"
                + " @OneToOne");
      }
    }
  }

  /**
   * Refuses an {@code @OrderBy} on a collection of protected entities that names one of their
   * encrypted attributes: the database would sort the randomised ciphertext, silently.
   */
  static void refuseEncryptedOrdering(PersistentClass pc, Map<String, EntityModel> models) {
    for (Property p : pc.getPropertyClosure()) {
      if (!(p.getValue() instanceof Collection collection) || collection.getOrderBy() == null) {
        continue;
      }
      String element =
          collection.getElement() instanceof OneToMany otm
              ? otm.getReferencedEntityName()
              : collection.getElement() instanceof ToOne to ? to.getReferencedEntityName() : null;
      EntityModel model = element == null ? null : models.get(element);
      if (model == null) {
        continue;
      }
      for (String token : collection.getOrderBy().split("[^A-Za-z0-9_$]+", -1)) {
        if (model.encryptedNames().contains(token)) {
          throw new SuojaConfigurationException(
              "SUOJA-5016",
              pc.getJpaEntityName()
                  + "."
                  + p.getName()
                  + " is ordered by "
                  + model.entityName()
                  + "."
                  + token
                  + ", an @Encrypted attribute: the database would sort its"
                  + " ciphertext. Order by another attribute, or sort the loaded collection in"
                  + " Java");
        }
      }
    }
  }

  /**
   * Refuses {@code @OptimisticLocking(type = DIRTY or ALL)} on an entity with encrypted attributes:
   * Hibernate would compare their old values in the update's {@code where} clause - plaintext sent
   * to the database against randomised ciphertext, so every such update would also fail as a stale
   * row.
   */
  static void refuseValueLocking(PersistentClass pc, EntityModel model) {
    OptimisticLockStyle style = pc.getOptimisticLockStyle();
    if (style == OptimisticLockStyle.DIRTY || style == OptimisticLockStyle.ALL) {
      throw new SuojaConfigurationException(
          "SUOJA-5009",
          model.entityName()
              + " has @Encrypted attributes and @OptimisticLocking(type = "
              + style
              + "): Hibernate would send their old plaintext to the database in the"
              + " update's where clause, compared with randomised ciphertext. Use a @Version"
              + " attribute (OptimisticLockType.VERSION) or NONE");
    }
  }

  /**
   * Fails the boot when the query translator that refuses queries on encrypted attributes is not
   * installed (the host configured another one): such queries would silently match nothing.
   */
  static void requireQueryGuard(
      SessionFactoryImplementor factory, Map<String, EntityModel> models) {
    if (factory.getSessionFactoryOptions().getCustomSqmTranslatorFactory()
        instanceof SuojaSqmTranslatorFactory) {
      return;
    }
    throw new SuojaConfigurationException(
        "SUOJA-5100",
        "entities "
            + models.values().stream().map(EntityModel::entityName).toList()
            + " have @Encrypted attributes, but Hibernate's query translator is not Suoja's:"
            + " set '"
            + SuojaServiceContributor.QUERY_TRANSLATOR
            + "' to "
            + SuojaSqmTranslatorFactory.class.getName()
            + " (Suoja sets it when the property is"
            + " absent), so that queries on encrypted attributes fail instead of silently"
            + " matching nothing");
  }
}
