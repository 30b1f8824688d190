package fi.suoja.masking;

/**
 * Replaces personal data in text by mask tokens, for log lines and other diagnostic output.
 *
 * <p>Guarantees of both implementations, {@link Anonymiser} and {@link Pseudonymiser}:
 *
 * <ul>
 *   <li>Finds HETUs (every century sign, temporary numbers, any case, and HETU-shaped strings whose
 *       check character is wrong), e-mail addresses, phone numbers (Finnish national,
 *       international, E.164), Finnish IBANs, and every value registered in the current {@link
 *       SensitiveValues} scope. HETUs and IBANs also in the spellings of pasted, serialised and
 *       encoded text: Unicode dashes and spaces, zero-width characters, JSON and URL escapes,
 *       full-width forms (the list and its limits: docs/MASKING.md, "Spellings").
 *   <li>Single pass over the text; a text with nothing to mask is returned as the same instance,
 *       without allocating.
 *   <li>Idempotent: {@code mask(mask(x)).equals(mask(x))}; tokens never look like data.
 * </ul>
 *
 * <p>Not guaranteed: names, addresses and free-form personal data cannot be recognised by pattern;
 * they are masked only when registered in {@link SensitiveValues} (the library registers every
 * value it decrypts) or printed through {@code @PersonalData}-aware paths. A masker is a safety net
 * for logs, not a reason to log personal data.
 */
public interface Masker {

  /**
   * The text with every finding replaced by its token.
   *
   * @return {@code text} itself when there is nothing to mask
   */
  String mask(String text);

  /**
   * The token for a whole value known to be personal data (a {@code @PersonalData} field): {@code
   * <personal>}, or its keyed pseudonym.
   */
  String maskValue(Object value);
}
