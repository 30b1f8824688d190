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

  private static final FieldOptions DEFAULTS = new FieldOptions(0, Normalization.EXACT, 0);

  private final int paddingBucket;
  private final Normalization normalization;
  private final int blindIndexBits;

  private FieldOptions(int paddingBucket, Normalization normalization, int blindIndexBits) {
    this.paddingBucket = paddingBucket;
    this.normalization = normalization;
    this.blindIndexBits = blindIndexBits;
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
    return new FieldOptions(minimumBucket, normalization, blindIndexBits);
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
    return new FieldOptions(paddingBucket, normalization, bits);
  }

  /** The normalisation used when this field is part of a compound index. */
  public FieldOptions normalization(Normalization normalization) {
    return new FieldOptions(
        paddingBucket, Objects.requireNonNull(normalization, "normalization"), blindIndexBits);
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
        && blindIndexBits == f.blindIndexBits;
  }

  @Override
  public int hashCode() {
    return Objects.hash(paddingBucket, normalization, blindIndexBits);
  }

  @Override
  public String toString() {
    return "FieldOptions[paddingBucket="
        + paddingBucket
        + ", normalization="
        + normalization
        + ", blindIndexBits="
        + blindIndexBits
        + "]";
  }
}
