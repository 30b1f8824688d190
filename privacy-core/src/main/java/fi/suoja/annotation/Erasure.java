package fi.suoja.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the data-subject rights flow erases the entity's records, and whether their encrypted
 * attributes are sealed under the data subject's own key (crypto-shredding). Entities without it
 * are erased with {@link Mode#DELETE_RECORD} and sealed under the tenant key.
 *
 * <pre>{@code
 * @Erasure(value = Erasure.Mode.ANONYMISE_FIELDS, subjectKey = true)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Erasure {

  /** What erasing one record does. */
  enum Mode {
    /** The row is deleted. */
    DELETE_RECORD,
    /**
     * The row stays (for statistics, foreign keys); every {@link Encrypted} and {@link
     * PersonalData} attribute (except the data subject id, owner and tenant) is set to null. Such
     * attributes must therefore be nullable.
     */
    ANONYMISE_FIELDS
  }

  /** The erasure mode; default {@link Mode#DELETE_RECORD}. */
  Mode value() default Mode.DELETE_RECORD;

  /**
   * Seal the encrypted attributes under a per-data-subject key (created on the first write),
   * destroyed when the subject is erased and nothing of theirs remains under a legal hold: every
   * copy of the ciphertext, backups included, then stops opening. Default false (tenant key).
   */
  boolean subjectKey() default false;
}
