package fi.suoja.annotation;

/** How a value is normalised before its {@link BlindIndex} is computed. */
public enum IndexNormalization {
  /** The value as it is. */
  EXACT,
  /** Trimmed, upper-cased HETU; the century sign is kept (it is part of the identity). */
  HETU,
  /** Trimmed, lower-cased e-mail address. */
  EMAIL,
  /** Case- and accent-folded name with collapsed white space. */
  NAME,
  /** Digits only, Finnish national and international forms folded together. */
  PHONE
}
