package fi.suoja.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Suoja's annotations (and the few JPA ones it needs) declare on one entity class, read once
 * per class: the place that walks a class hierarchy for them. The runtime's field options ({@code
 * Suoja.builder().entities}), the JPA integration's model, its query guard and lookups, sweeps,
 * column checks, subject rights, off-boarding and the record of processing read this description.
 *
 * <p>Immutable and cached per class ({@link #of}). It describes; it does not validate: the
 * integrations refuse what they cannot protect (a non-String encrypted attribute, no tenant). JPA
 * annotations are recognised by name ({@code jakarta.persistence.Entity}, {@code Id}, {@code
 * org.hibernate.annotations.TenantId}), so this package stays free of JPA.
 */
public final class ProtectedType {
  private static final String ENTITY = "jakarta.persistence.Entity";
  private static final String ID = "jakarta.persistence.Id";
  private static final String TENANT_ID = "org.hibernate.annotations.TenantId";

  private static final ClassValue<ProtectedType> CACHE =
      new ClassValue<>() {
        @Override
        protected ProtectedType computeValue(Class<?> type) {
          return new ProtectedType(type);
        }
      };

  /** An {@link Encrypted} attribute. */
  public record EncryptedAttribute(String name, Class<?> javaType, int padToBucket) {}

  /**
   * A {@link BlindIndex} attribute: {@code name} holds the index of attribute {@code of}; {@code
   * prefix} is 0 for an equality index, else the length of the prefix it indexes.
   */
  public record IndexAttribute(
      String name,
      Class<?> javaType,
      String of,
      IndexNormalization normalization,
      int bits,
      int prefix) {}

  private final Class<?> type;
  private final String entityName;
  private final String scope;
  private final Class<?> entitySuperclass;
  private final List<Field> fields;
  private final List<Field> instanceFields;
  private final Map<String, Field> byName;
  private final List<EncryptedAttribute> encrypted;
  private final List<IndexAttribute> indexes;
  private final String tenant;
  private final String owner;
  private final String subject;
  private final String id;
  private final List<String> personal;

  private ProtectedType(Class<?> type) {
    this.type = type;
    this.entityName = entityName(type);
    List<Field> all = new ArrayList<>();
    List<Field> rootFirst = new ArrayList<>();
    Class<?> root = type;
    Class<?> nearest = null;
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      all.addAll(List.of(c.getDeclaredFields()));
      rootFirst.addAll(0, List.of(c.getDeclaredFields()));
      if (c != type && annotated(c, ENTITY)) {
        root = c;
        nearest = nearest == null ? c : nearest;
      }
    }
    this.scope = entityName(root);
    this.entitySuperclass = nearest;
    this.fields = List.copyOf(all);
    Map<String, Field> names = new LinkedHashMap<>();
    List<EncryptedAttribute> enc = new ArrayList<>();
    List<IndexAttribute> idx = new ArrayList<>();
    String t = null;
    String o = null;
    String s = null;
    String i = null;
    for (Field f : all) {
      if (names.putIfAbsent(f.getName(), f) != null) {
        continue; // hidden by a subclass's field of the same name
      }
      Encrypted e = f.getAnnotation(Encrypted.class);
      if (e != null) {
        enc.add(new EncryptedAttribute(f.getName(), f.getType(), e.padToBucket()));
      }
      BlindIndex bi = f.getAnnotation(BlindIndex.class);
      if (bi != null) {
        idx.add(
            new IndexAttribute(
                f.getName(), f.getType(), bi.of(), bi.normalization(), bi.bits(), bi.prefix()));
      }
      t = mapped(f, TENANT_ID) && t == null ? f.getName() : t;
      o = f.isAnnotationPresent(Owner.class) && o == null ? f.getName() : o;
      s = f.isAnnotationPresent(DataSubjectId.class) && s == null ? f.getName() : s;
      i = mapped(f, ID) && i == null ? f.getName() : i;
    }
    this.byName = Collections.unmodifiableMap(names);
    this.instanceFields = instanceFields(rootFirst, names);
    this.encrypted = List.copyOf(enc);
    this.indexes = List.copyOf(idx);
    this.tenant = t;
    this.owner = o;
    this.subject = s;
    this.id = i;
    List<String> pers = new ArrayList<>();
    for (Field f : names.values()) {
      String n = f.getName();
      if ((f.isAnnotationPresent(Encrypted.class) || f.isAnnotationPresent(PersonalData.class))
          && !n.equals(s)
          && !n.equals(o)
          && !n.equals(t)
          && !n.equals(i)) {
        pers.add(n);
      }
    }
    this.personal = List.copyOf(pers);
  }

  /** The description of {@code type}, read from its annotations on first use. */
  public static ProtectedType of(Class<?> type) {
    return CACHE.get(Objects.requireNonNull(type, "type"));
  }

  /** The JPA entity name of a class: {@code @Entity(name = ...)} or the simple class name. */
  public static String entityName(Class<?> type) {
    for (Annotation a : type.getAnnotations()) {
      if (a.annotationType().getName().equals(ENTITY)) {
        try {
          Object value = a.annotationType().getMethod("name").invoke(a);
          if (value instanceof String name && !name.isEmpty()) {
            return name;
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read @Entity of " + type.getName(), e);
        }
      }
    }
    return type.getSimpleName();
  }

  /** The described class. */
  public Class<?> type() {
    return type;
  }

  /** Its JPA entity name. */
  public String entityName() {
    return entityName;
  }

  /**
   * The name its envelopes and blind indexes are bound to: the entity name of the root entity of
   * its inheritance hierarchy (its own name without an entity superclass), so a row opens and
   * matches whichever class of the hierarchy reads or searches it.
   */
  public String scope() {
    return scope;
  }

  /** The nearest superclass that is an entity itself (inheritance), if any. */
  public Optional<Class<?>> entitySuperclass() {
    return Optional.ofNullable(entitySuperclass);
  }

  /** Whether the class has any {@link Encrypted} attribute. */
  public boolean isProtected() {
    return !encrypted.isEmpty();
  }

  /** The {@link Encrypted} attributes, subclass first, in declaration order. */
  public List<EncryptedAttribute> encrypted() {
    return encrypted;
  }

  /** The {@link BlindIndex} attributes, subclass first, in declaration order. */
  public List<IndexAttribute> indexes() {
    return indexes;
  }

  /** The {@link Encrypted} attribute named {@code attribute}, if it is one. */
  public Optional<EncryptedAttribute> encrypted(String attribute) {
    for (EncryptedAttribute e : encrypted) {
      if (e.name().equals(attribute)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code attribute} is {@link Encrypted}. */
  public boolean isEncrypted(String attribute) {
    return encrypted(attribute).isPresent();
  }

  /** The (equality) blind index of the encrypted {@code attribute}, if it has one. */
  public Optional<IndexAttribute> indexOf(String attribute) {
    for (IndexAttribute i : indexes) {
      if (i.of().equals(attribute) && i.prefix() == 0) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** The prefix index ({@link BlindIndex#prefix}) of the encrypted {@code attribute}, if any. */
  public Optional<IndexAttribute> prefixIndexOf(String attribute) {
    for (IndexAttribute i : indexes) {
      if (i.of().equals(attribute) && i.prefix() > 0) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** The attribute annotated with Hibernate's {@code @TenantId} (on the field or its getter). */
  public Optional<String> tenantAttribute() {
    return Optional.ofNullable(tenant);
  }

  /** The {@link Owner} attribute. */
  public Optional<String> ownerAttribute() {
    return Optional.ofNullable(owner);
  }

  /** The {@link DataSubjectId} attribute. */
  public Optional<String> subjectAttribute() {
    return Optional.ofNullable(subject);
  }

  /**
   * The JPA {@code @Id} attribute, on the field or its getter (none for an {@code @EmbeddedId}; the
   * first of an {@code @IdClass} entity's).
   */
  public Optional<String> idAttribute() {
    return Optional.ofNullable(id);
  }

  /**
   * The personal attributes erasure clears: {@link Encrypted} and {@link PersonalData} ones, not
   * the data subject id, owner, tenant or id.
   */
  public List<String> personal() {
    return personal;
  }

  /** The {@link PersonalData} annotation of the field {@code attribute}, if it has one. */
  public Optional<PersonalData> personalData(String attribute) {
    return field(attribute).map(f -> f.getAnnotation(PersonalData.class));
  }

  /**
   * Whether the field {@code attribute} carries any of Suoja's field annotations: {@link
   * PersonalData}, {@link Encrypted}, {@link BlindIndex}, {@link Owner} or {@link DataSubjectId}.
   */
  public boolean isAnnotated(String attribute) {
    Field f = byName.get(attribute);
    return f != null
        && (f.isAnnotationPresent(PersonalData.class)
            || f.isAnnotationPresent(Encrypted.class)
            || f.isAnnotationPresent(BlindIndex.class)
            || f.isAnnotationPresent(Owner.class)
            || f.isAnnotationPresent(DataSubjectId.class));
  }

  /** The type-level annotation {@code annotation}, if present. */
  public <A extends Annotation> Optional<A> annotation(Class<A> annotation) {
    return Optional.ofNullable(type.getAnnotation(annotation));
  }

  /** The field named {@code attribute}, declared on the class or a superclass. */
  public Optional<Field> field(String attribute) {
    return Optional.ofNullable(byName.get(attribute));
  }

  /** Every field of the class and its superclasses, subclass first. */
  public List<Field> fields() {
    return fields;
  }

  /**
   * Its instance fields (no static or synthetic ones), root class first, each class's in
   * declaration order: the order a document lists the attributes in. Each name appears once; a
   * field hidden by a subclass's field of the same name is replaced, in its place, by the
   * subclass's field, the one every other accessor describes.
   */
  public List<Field> instanceFields() {
    return instanceFields;
  }

  private static List<Field> instanceFields(List<Field> rootFirst, Map<String, Field> visible) {
    LinkedHashSet<Field> out = new LinkedHashSet<>();
    for (Field f : rootFirst) {
      Field v = visible.get(f.getName());
      if (!Modifier.isStatic(v.getModifiers()) && !v.isSynthetic()) {
        out.add(v);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Whether the JPA or Hibernate {@code annotation} maps the attribute of field {@code f}: on the
   * field (field access) or on its getter (property access, {@code @Access(PROPERTY)}).
   */
  private static boolean mapped(Field f, String annotation) {
    if (annotated(f, annotation)) {
      return true;
    }
    Method getter = getter(f);
    return getter != null && annotated(getter, annotation);
  }

  /** The getter of field {@code f} in its declaring class, as JPA property access names it. */
  private static Method getter(Field f) {
    String name = f.getName();
    String suffix = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (String prefix : f.getType() == boolean.class ? List.of("is", "get") : List.of("get")) {
      try {
        return f.getDeclaringClass().getDeclaredMethod(prefix + suffix);
      } catch (NoSuchMethodException absent) {
        // try the next prefix
      }
    }
    return null;
  }

  /**
   * The {@code annotation} on the field {@code attribute} or, where the entity is mapped with
   * property access, on its getter.
   */
  public <A extends Annotation> Optional<A> annotation(String attribute, Class<A> annotation) {
    Field f = byName.get(attribute);
    if (f == null) {
      return Optional.empty();
    }
    A onField = f.getAnnotation(annotation);
    if (onField != null) {
      return Optional.of(onField);
    }
    Method getter = getter(f);
    return Optional.ofNullable(getter == null ? null : getter.getAnnotation(annotation));
  }

  private static boolean annotated(AnnotatedElement e, String annotation) {
    for (Annotation a : e.getAnnotations()) {
      if (a.annotationType().getName().equals(annotation)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "ProtectedType["
        + entityName
        + ", scope="
        + scope
        + ", encrypted="
        + encrypted.stream().map(EncryptedAttribute::name).toList()
        + "]";
  }
}
