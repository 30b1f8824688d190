package fi.suoja.jpa;

/**
 * A data subject's export (GDPR Art. 15/20) as a JSON document following {@code
 * fi/suoja/jpa/subject-export.schema.json} (docs/SUBJECT_RIGHTS.md).
 *
 * <p>Warning: the document holds the subject's personal data in clear. Hand it to the data subject
 * over a protected channel; it is deliberately not {@code Serializable} and its {@code toString}
 * shows only counts.
 */
public final class SubjectExport {
  private final String json;
  private final int records;

  SubjectExport(String json, int records) {
    this.json = json;
    this.records = records;
  }

  /** The JSON document. */
  public String toJson() {
    return json;
  }

  /** How many records the export holds. */
  public int recordCount() {
    return records;
  }

  @Override
  public String toString() {
    return "SubjectExport[records=" + records + "]";
  }
}
