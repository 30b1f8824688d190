package fi.suoja.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stores the field encrypted: an AES-256-GCM envelope bound to tenant, entity, field and row id,
 * opened on load only for an actor the access policy allows. The field must be a {@code String}
 * mapped to a character column wide enough for the envelope (see {@code docs/ENVELOPE.md}).
 *
 * <p>Warning: an encrypted column cannot be compared, sorted or searched by prefix in SQL. For
 * equality search, add a {@link BlindIndex} attribute.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Encrypted {

  /**
   * Hide the plaintext length: pad it to the smallest power-of-two bucket of at least this many
   * bytes before encryption. 0 (the default) pads nothing.
   */
  int padToBucket() default 0;

  /**
   * The plaintext budget: the longest value, in characters ({@code String.length()}), this
   * attribute may hold. When set, the JPA integration checks at boot that the column is wide enough
   * for the envelope of any such value (counting 3 UTF-8 bytes per character, the worst case) and
   * refuses longer values on write. 0 (the default) declares no budget: each value is then only
   * checked against the column width when it is written.
   */
  int maxLength() default 0;
}
