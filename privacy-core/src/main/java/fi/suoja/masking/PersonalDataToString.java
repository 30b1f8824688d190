package fi.suoja.masking;

import fi.suoja.annotation.PersonalData;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code toString} for entities and DTOs that never prints personal data:
 *
 * <pre>{@code
 * @Override
 * public String toString() {
 *   return PersonalDataToString.of(this);   // Client[id=42, lastName=<personal>, hetu=<personal>]
 * }
 * }</pre>
 *
 * <p>Fields annotated {@link PersonalData} print as the masker's whole-value token ({@code
 * <personal>} or a keyed pseudonym); {@code null} prints as {@code null}. Every other field prints
 * its own {@code toString}, passed through the masker as well, so a HETU in a free-text field is
 * still masked. Static and synthetic fields are skipped; superclass fields come first.
 *
 * <p>Not guaranteed: the {@code toString} of a nested object is only pattern-masked; a field that
 * cannot be read reflectively (a module that does not open its package) prints as {@code
 * <inaccessible>}, never its value.
 */
public final class PersonalDataToString {

  private PersonalDataToString() {}

  /** {@code obj} printed with the masker of {@link MaskerSelector#scoped()}. */
  public static String of(Object obj) {
    return of(obj, MaskerSelector.scoped().select());
  }

  /** {@code obj} printed with {@code masker}. */
  public static String of(Object obj, Masker masker) {
    Objects.requireNonNull(masker, "masker");
    if (obj == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(64).append(obj.getClass().getSimpleName()).append('[');
    boolean first = true;
    for (Field field : fieldsOf(obj.getClass())) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append(field.getName()).append('=');
      Object value;
      try {
        field.setAccessible(true);
        value = field.get(obj);
      } catch (RuntimeException | IllegalAccessException e) {
        out.append("<inaccessible>");
        continue;
      }
      if (value == null) {
        out.append("null");
      } else if (field.isAnnotationPresent(PersonalData.class)) {
        out.append(masker.maskValue(value));
      } else {
        out.append(masker.mask(String.valueOf(value)));
      }
    }
    return out.append(']').toString();
  }

  private static List<Field> fieldsOf(Class<?> type) {
    List<Class<?>> hierarchy = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      hierarchy.add(0, c);
    }
    List<Field> fields = new ArrayList<>();
    for (Class<?> c : hierarchy) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
          fields.add(f);
        }
      }
    }
    return fields;
  }
}
