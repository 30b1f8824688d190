package fi.suoja.audit.verify;

import java.util.Objects;

/**
 * One chain record as read from storage the verifier does not read itself (a Kafka topic, a SIEM
 * export): the record line's bytes, exactly as the sink wrote them, and where it was read. Given in
 * storage order to {@link AuditVerifier#verifyChain}.
 *
 * <p><b>Guarantees.</b> Immutable: the bytes are copied in and out. {@link #toString()} names the
 * location and length, never the contents.
 */
public final class StoredRecord {
  private final String location;
  private final byte[] line;

  private StoredRecord(String location, byte[] line) {
    this.location = Objects.requireNonNull(location, "location");
    this.line = line.clone();
  }

  /**
   * A record.
   *
   * @param location where it was read (e.g. {@code topic-0@1234}), used in reports
   * @param line the record line, {@code {"seq":n,"chain":id,"event":{...},"hash":base64}}, without
   *     a newline
   */
  public static StoredRecord of(String location, byte[] line) {
    return new StoredRecord(location, Objects.requireNonNull(line, "line"));
  }

  /** Where it was read. */
  public String location() {
    return location;
  }

  /** A copy of the record line. */
  public byte[] line() {
    return line.clone();
  }

  byte[] lineUnsafe() {
    return line;
  }

  @Override
  public String toString() {
    return "StoredRecord[" + location + ", " + line.length + " bytes]";
  }
}
