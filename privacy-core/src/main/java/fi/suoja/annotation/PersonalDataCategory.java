package fi.suoja.annotation;

/**
 * What kind of personal data a {@link PersonalData} value holds. The category documents the data
 * (records of processing, subject access reports) and lets integrations choose a label; it never
 * weakens masking: every category is masked in logs.
 */
public enum PersonalDataCategory {
  /** A personal identity code (HETU) or another national identifier. */
  IDENTIFIER,
  /** A first, last or full name. */
  NAME,
  /** An e-mail address, phone number or other contact detail. */
  CONTACT,
  /** A postal or street address. */
  ADDRESS,
  /** A bank account (IBAN), payment or income detail. */
  FINANCIAL,
  /**
   * Health or social-care data: a special category under GDPR Art. 9 (care records, diagnoses,
   * service decisions).
   */
  HEALTH,
  /** Free text that may contain any of the above (chat messages, notes). */
  FREE_TEXT,
  /** Personal data that fits no other category. */
  OTHER
}
