package fi.suoja.jpa.internal;

import fi.suoja.Suoja;
import fi.suoja.annotation.BlindIndex;
import fi.suoja.annotation.Encrypted;
import fi.suoja.crypto.Normalization;
import jakarta.persistence.Entity;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;

/**
 * Which attributes of a class are {@code @Encrypted}, and which attribute blind-indexes each (with
 * its normalisation), read once per class from the annotations. Used where Hibernate hands over
 * only a Java type and an attribute name (query translation, blind-index lookups).
 */
final class EncryptedAttributes {
  /** The blind index of an encrypted attribute; {@link #NONE} when it has none. */
  record Index(String attribute, Normalization normalization) {
    static final Index NONE = new Index("", null);
  }

  private static final ClassValue<Map<String, Index>> BY_CLASS =
      new ClassValue<>() {
        @Override
        protected Map<String, Index> computeValue(Class<?> type) {
          Map<String, Index> encrypted = new HashMap<>();
          Map<String, Index> indexes = new HashMap<>();
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
              if (f.isAnnotationPresent(Encrypted.class)) {
                encrypted.putIfAbsent(f.getName(), Index.NONE);
              }
              BlindIndex bi = f.getAnnotation(BlindIndex.class);
              if (bi != null) {
                indexes.putIfAbsent(
                    bi.of(),
                    new Index(f.getName(), Normalization.valueOf(bi.normalization().name())));
              }
            }
          }
          encrypted.replaceAll((name, none) -> indexes.getOrDefault(name, Index.NONE));
          return Map.copyOf(encrypted);
        }
      };

  private static final ClassValue<String> SCOPE =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          Class<?> root = type;
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(Entity.class)) {
              root = c;
            }
          }
          return Suoja.entityName(root);
        }
      };

  private EncryptedAttributes() {}

  /**
   * The entity name under which {@code type}'s values are sealed and blind-indexed: that of the
   * root entity of its inheritance hierarchy, so that a row opens and matches whichever class of
   * the hierarchy reads or searches it (a query on the root returns rows of every subclass), and
   * the migration and rotation sweeps, which read a table without knowing each row's class, seal
   * every row of it alike. For an entity without an entity superclass, its own name.
   */
  static String scope(Class<?> type) {
    return SCOPE.get(type);
  }

  /** Whether {@code attribute} of {@code type} is {@code @Encrypted}. */
  static boolean isEncrypted(Class<?> type, String attribute) {
    return type != null && BY_CLASS.get(type).containsKey(attribute);
  }

  /** Whether {@code type} has any {@code @Encrypted} attribute. */
  static boolean hasEncrypted(Class<?> type) {
    return type != null && !BY_CLASS.get(type).isEmpty();
  }

  /** The attribute holding the blind index of {@code attribute}, or empty text when none. */
  static String indexOf(Class<?> type, String attribute) {
    return index(type, attribute).attribute();
  }

  /** The blind index of {@code attribute}, {@link Index#NONE} when it has none. */
  static Index index(Class<?> type, String attribute) {
    return BY_CLASS.get(type).getOrDefault(attribute, Index.NONE);
  }

  /** {@code Entity.attribute}, as messages name it. */
  static String name(Class<?> type, String attribute) {
    return Suoja.entityName(type) + "." + attribute;
  }
}
