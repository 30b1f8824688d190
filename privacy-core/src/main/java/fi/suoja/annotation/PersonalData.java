package fi.suoja.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field, accessor or record component as personal data of a data subject; on an entity
 * class, names whose data the entity holds ({@code subject = "client"} or {@code "employee"}),
 * which selects the access rules that apply to it.
 *
 * <p>Guarantees given by Suoja's integrations: the Jackson module of {@code
 * fi.suoja.masking.jackson} and {@code fi.suoja.masking.PersonalDataToString} never print the
 * value, only a mask token ({@code <personal>} or a keyed pseudonym).
 *
 * <p>Not guaranteed by this annotation alone: encryption at rest (that is a separate annotation of
 * the JPA integration) and masking of the value when host code copies it into a log message by
 * hand; for that, see {@code fi.suoja.masking.SensitiveValues} and the log maskers.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface PersonalData {

  /** What kind of personal data this is. */
  PersonalDataCategory category() default PersonalDataCategory.OTHER;

  /**
   * Whose data this is, as a data-subject role of the host's model, for example {@code "client"} or
   * {@code "employee"}. Empty (the default) means the data subject of the entity that holds the
   * field.
   */
  String subject() default "";
}
