package fi.suoja.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} attribute that holds the blind index (a keyed, truncated HMAC of the
 * normalised value) of an {@link Encrypted} attribute of the same entity, which makes that
 * attribute searchable by equality. Suoja computes and maintains it on every insert and update; the
 * host never sets it.
 *
 * <pre>{@code
 * @Encrypted String hetu;
 * @BlindIndex(of = "hetu", normalization = IndexNormalization.HETU) String hetuIndex;
 * }</pre>
 *
 * <p>Warning: an index leaks equality — who shares a value with whom — within a tenant, and the
 * fewer its bits, the more false positives a lookup drops after opening. See {@code
 * docs/ENVELOPE.md} for the trade-off.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface BlindIndex {

  /** The name of the {@link Encrypted} attribute this index covers. */
  String of();

  /** How the value is normalised before hashing. */
  IndexNormalization normalization() default IndexNormalization.EXACT;

  /** Index length in bits. 0 means the library's default. */
  int bits() default 0;
}
