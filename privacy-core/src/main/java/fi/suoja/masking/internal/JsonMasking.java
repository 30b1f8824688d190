package fi.suoja.masking.internal;

import fi.suoja.annotation.PersonalData;
import fi.suoja.masking.MaskerSelector;
import java.lang.annotation.Annotation;
import java.util.Objects;

/**
 * What Suoja's JSON modules write, decided once and free of Jackson: the Jackson 2 module ({@code
 * fi.suoja.masking.jackson}) and the Jackson 3 one ({@code fi.suoja.masking.jackson3}) only adapt
 * it to their library's serialiser API. A property is personal when it carries {@link
 * PersonalData}; its value is written as the masker's whole-value token, {@code null} as {@code
 * null}; every other string passes through the masker. Not API.
 */
public final class JsonMasking {
  private final MaskerSelector selector;

  /** Masks with the masker {@code selector} chooses for each value. */
  public JsonMasking(MaskerSelector selector) {
    this.selector = Objects.requireNonNull(selector, "selector");
  }

  /** A property's annotations (field, getter or record component, merged by the library). */
  @FunctionalInterface
  public interface Annotated {
    /** The annotation of {@code type}, or null. */
    <A extends Annotation> A annotation(Class<A> type);
  }

  /** Whether the property is written as one whole-value token, never as its content. */
  public static boolean isPersonal(Annotated property) {
    return property.annotation(PersonalData.class) != null;
  }

  /**
   * The text written for a personal property's value: the whole-value token; null when the value is
   * null (the property is written as JSON {@code null}, which reveals nothing).
   */
  public String personalValue(Object value) {
    return value == null ? null : selector.select().maskValue(value);
  }

  /** The text written for any other string value: personal data in it masked. */
  public String text(String value) {
    return selector.select().mask(value);
  }
}
