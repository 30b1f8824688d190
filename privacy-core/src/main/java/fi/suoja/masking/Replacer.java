package fi.suoja.masking;

/**
 * Writes the mask token for one finding; the strategy that tells anonymising from pseudonymising.
 */
interface Replacer {

  /**
   * Appends the token for {@code text[start, end)}.
   *
   * @param verified the checksum holds (always true for kinds without a checksum)
   */
  void replace(StringBuilder out, DataKind kind, boolean verified, String text, int start, int end);
}
