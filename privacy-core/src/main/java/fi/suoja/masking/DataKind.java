package fi.suoja.masking;

/** What a detector found; its label names the mask token, e.g. {@code <hetu>}. */
enum DataKind {
  HETU("hetu", true),
  EMAIL("email", false),
  PHONE("phone", false),
  IBAN("iban", true),
  PERSONAL("personal", false);

  private final String label;
  private final boolean checksummed;

  DataKind(String label, boolean checksummed) {
    this.label = label;
    this.checksummed = checksummed;
  }

  String label() {
    return label;
  }

  /** Whether a checksum decides the label: {@code <hetu>} when it holds, {@code <hetu?>} if not. */
  boolean checksummed() {
    return checksummed;
  }
}
