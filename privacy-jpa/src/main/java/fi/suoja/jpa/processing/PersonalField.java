package fi.suoja.jpa.processing;

import fi.suoja.annotation.PersonalDataCategory;

/**
 * One personal-data attribute as the annotations of its entity declare it. Holds names only, never
 * a value.
 *
 * @param subject the data-subject category ({@code @PersonalData(subject)} of the field or its
 *     entity; {@code unspecified} when neither names one)
 * @param entity the JPA entity name
 * @param field the attribute name
 * @param category the {@code @PersonalData} category ({@code OTHER} for an attribute that is only
 *     {@code @Encrypted})
 * @param encrypted whether the attribute is {@code @Encrypted}
 * @param paddingBucket the minimum padding bucket in bytes, 0 for none
 * @param blindIndexBits the bits of its blind index, 0 when it has none
 * @param blindIndexNormalization the index normalisation, empty when it has no index
 */
public record PersonalField(
    String subject,
    String entity,
    String field,
    PersonalDataCategory category,
    boolean encrypted,
    int paddingBucket,
    int blindIndexBits,
    String blindIndexNormalization) {

  /** Whether the category is a special category of GDPR Art. 9 (health and social-care data). */
  public boolean specialCategory() {
    return category == PersonalDataCategory.HEALTH;
  }

  /**
   * Expected false positives of one equality lookup through the blind index among {@code rows} rows
   * of one tenant: each other row matches by chance with probability 2^-bits.
   */
  public double expectedFalsePositives(long rows) {
    return blindIndexBits == 0 ? 0 : Math.max(0, rows - 1) / Math.pow(2, blindIndexBits);
  }
}
