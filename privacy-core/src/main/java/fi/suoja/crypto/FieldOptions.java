package fi.suoja.crypto;

import fi.suoja.SuojaConfigurationException;
import java.util.Objects;

/**
 * Per-field settings: length hiding (padding to a bucket) and the blind index. Immutable; each
 * {@code with}-style method returns a copy and validates at once, naming the option.
 *
 * <h2>Blind-index size</h2>
 *
 * With N rows and b bits, a lookup returns on average N / 2^b false positives (rows whose index
 * matches by chance; the caller filters them after opening). Fewer bits leak less (each index value
 * stands for more possible plaintexts) but cost more false positives. Default {@value
 * #DEFAULT_BLIND_INDEX_BITS} bits: 10^6 rows give 0.0002 false positives per lookup. Allowed
 * {@value #MIN_BLIND_INDEX_BITS}..{@value #MAX_BLIND_INDEX_BITS}.
 *
 * <p>Warning: a blind index reveals which rows hold equal (normalised) values. Index only fields
 * that must be searched for equality, with the fewest bits the table size allows.
 */
public final class FieldOptions {
  /** Fewest blind-index bits allowed. */
  public static final int MIN_BLIND_INDEX_BITS = 8;

  /** Most blind-index bits allowed. */
  public static final int MAX_BLIND_INDEX_BITS = 128;

  /** Default blind-index bits. */
  public static final int DEFAULT_BLIND_INDEX_BITS = 32;

  /** Smallest padding bucket. */
  public static final int MIN_BUCKET = 16;

  /** Largest minimum padding bucket. */
  public static final int MAX_BUCKET = 65536;

  /** Default prefix-index bits (see docs/PREFIX_SEARCH.md for the measurement behind it). */
  public static final int DEFAULT_PREFIX_INDEX_BITS = 16;

  /** Longest prefix a prefix index may cover. */
  public static final int MAX_PREFIX_LENGTH = 8;

  private static final FieldOptions DEFAULTS =
      new FieldOptions(0, Normalization.EXACT, 0, Normalization.EXACT, 0, 0);

  private final int paddingBucket;
  private final Normalization normalization;
  private final int blindIndexBits;
  private final Normalization prefixNormalization;
  private final int prefixLength;
  private final int prefixBits;

  private FieldOptions(
      int paddingBucket,
      Normalization normalization,
      int blindIndexBits,
      Normalization prefixNormalization,
      int prefixLength,
      int prefixBits) {
    this.paddingBucket = paddingBucket;
    this.normalization = normalization;
    this.blindIndexBits = blindIndexBits;
    this.prefixNormalization = prefixNormalization;
    this.prefixLength = prefixLength;
    this.prefixBits = prefixBits;
  }

  /** No padding, no blind index, {@link Normalization#EXACT}. */
  public static FieldOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Pads every plaintext to {@code minimumBucket} bytes, or to that times the smallest power of two
   * that fits (16, 32, 64, ... for 16), so the ciphertext shows only the bucket.
   *
   * @throws SuojaConfigurationException unless a power of two within 16..65536
   */
  public FieldOptions padToBucket(int minimumBucket) {
    if (minimumBucket < MIN_BUCKET
        || minimumBucket > MAX_BUCKET
        || Integer.bitCount(minimumBucket) != 1) {
      throw new SuojaConfigurationException(
          "SUOJA-1034",
          "padToBucket (@Encrypted(padToBucket) or FieldOptions.padToBucket) must be a power of"
              + " two within "
              + MIN_BUCKET
              + ".."
              + MAX_BUCKET
              + ", was "
              + minimumBucket);
    }
    return new FieldOptions(
        minimumBucket,
        normalization,
        blindIndexBits,
        prefixNormalization,
        prefixLength,
        prefixBits);
  }

  /** A blind index of {@value #DEFAULT_BLIND_INDEX_BITS} bits over the normalised value. */
  public FieldOptions blindIndex(Normalization normalization) {
    return blindIndex(normalization, DEFAULT_BLIND_INDEX_BITS);
  }

  /**
   * A blind index of {@code bits} bits over the value normalised with {@code normalization}.
   *
   * @throws SuojaConfigurationException if bits is outside 8..128
   */
  public FieldOptions blindIndex(Normalization normalization, int bits) {
    Objects.requireNonNull(normalization, "normalization");
    checkBits("blindIndex bits (@BlindIndex(bits) or FieldOptions.blindIndex)", bits);
    return new FieldOptions(
        paddingBucket, normalization, bits, prefixNormalization, prefixLength, prefixBits);
  }

  /** The normalisation used when this field is part of a compound index. */
  public FieldOptions normalization(Normalization normalization) {
    return new FieldOptions(
        paddingBucket,
        Objects.requireNonNull(normalization, "normalization"),
        blindIndexBits,
        prefixNormalization,
        prefixLength,
        prefixBits);
  }

  /**
   * A prefix index: the HMAC, truncated to {@code bits}, of the first {@code length} characters
   * (code points) of the value normalised with {@code normalization}, under a key unrelated to the
   * equality index's. Off unless asked for. It lets a search by a prefix of at least {@code length}
   * characters find its candidates ({@link BlindIndexer#prefixCandidates}).
   *
   * <p>Warning: it reveals which records share a prefix, and name prefixes are few and skewed;
   * frequency analysis of the index column names the commonest ones. See docs/PREFIX_SEARCH.md.
   *
   * @throws SuojaConfigurationException {@code SUOJA-1510} for {@link Normalization#HETU} (a HETU
   *     prefix is a birth date: the index would publish birth dates to frequency analysis); {@code
   *     SUOJA-1511} for a length outside 1..{@value #MAX_PREFIX_LENGTH}; {@code SUOJA-1035} for
   *     bits outside 8..128
   */
  public FieldOptions prefixIndex(Normalization normalization, int length, int bits) {
    Objects.requireNonNull(normalization, "normalization");
    if (normalization == Normalization.HETU) {
      throw new SuojaConfigurationException(
          "SUOJA-1510",
          "a prefix index (@BlindIndex(prefix) or FieldOptions.prefixIndex) is refused for HETU"
              + " normalisation: the first characters of a HETU are the holder's birth date, so"
              + " the index would reveal birth dates to anyone counting index values");
    }
    if (length < 1 || length > MAX_PREFIX_LENGTH) {
      throw new SuojaConfigurationException(
          "SUOJA-1511",
          "prefix length (@BlindIndex(prefix) or FieldOptions.prefixIndex) must be within 1.."
              + MAX_PREFIX_LENGTH
              + ", was "
              + length);
    }
    checkBits("prefix index bits (@BlindIndex(bits) or FieldOptions.prefixIndex)", bits);
    return new FieldOptions(
        paddingBucket, this.normalization, blindIndexBits, normalization, length, bits);
  }

  /** Normalisation of the prefix index (meaningful when {@link #prefixLength} is positive). */
  public Normalization prefixNormalization() {
    return prefixNormalization;
  }

  /** Characters a prefix index covers, or 0 if the field has none. */
  public int prefixLength() {
    return prefixLength;
  }

  /** Prefix-index bits, or 0 if the field has none. */
  public int prefixBits() {
    return prefixBits;
  }

  /** Minimum padding bucket, or 0 for no padding. */
  public int paddingBucket() {
    return paddingBucket;
  }

  /** Normalisation for blind indexes. */
  public Normalization normalization() {
    return normalization;
  }

  /** Blind-index bits, or 0 if the field has no blind index. */
  public int blindIndexBits() {
    return blindIndexBits;
  }

  static void checkBits(String option, int bits) {
    if (bits < MIN_BLIND_INDEX_BITS || bits > MAX_BLIND_INDEX_BITS) {
      throw new SuojaConfigurationException(
          "SUOJA-1035",
          option
              + " must be within "
              + MIN_BLIND_INDEX_BITS
              + ".."
              + MAX_BLIND_INDEX_BITS
              + ", was "
              + bits);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldOptions f
        && paddingBucket == f.paddingBucket
        && normalization == f.normalization
        && blindIndexBits == f.blindIndexBits
        && prefixNormalization == f.prefixNormalization
        && prefixLength == f.prefixLength
        && prefixBits == f.prefixBits;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        paddingBucket,
        normalization,
        blindIndexBits,
        prefixNormalization,
        prefixLength,
        prefixBits);
  }

  @Override
  public String toString() {
    return "FieldOptions[paddingBucket="
        + paddingBucket
        + ", normalization="
        + normalization
        + ", blindIndexBits="
        + blindIndexBits
        + (prefixLength == 0
            ? ""
            : ", prefix="
                + prefixLength
                + ", prefixNormalization="
                + prefixNormalization
                + ", prefixBits="
                + prefixBits)
        + "]";
  }
}
