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

  /** Index length in bits. 0 means the library's default (32; 16 for a prefix index). */
  int bits() default 0;

  /**
   * 0 (the default): an equality index. A positive length makes this a <em>prefix index</em>: the
   * HMAC of the first {@code prefix} characters of the normalised value, under a key of its own,
   * which lets {@code where e.attr like 'Vir%'} (Spring Data {@code findByAttrStartingWith}) find
   * the records whose value starts with a searched prefix of at least this many characters; the
   * candidates are checked exactly after opening. At most one prefix index per attribute, within
   * 1..8 characters; refused for {@link IndexNormalization#HETU} (a HETU prefix is a birth date).
   *
   * <p>Warning: a prefix index leaks which records share a name prefix, and the prefixes of names
   * are few and skewed: see {@code docs/PREFIX_SEARCH.md} for the measured leakage and the
   * recommended {@code prefix = 3, bits = 16}.
   */
  int prefix() default 0;
}
