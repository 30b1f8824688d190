package fi.suoja.jpa;

import fi.suoja.SuojaException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Exported data, already encrypted to the recipient: one CMS AuthEnvelopedData document (DER, RFC
 * 5083, AES-256-GCM content key transported with RSAES-OAEP/SHA-256) per name, each holding a UTF-8
 * JSON document. Only the holder of the recipient's private key can read it, e.g. {@code openssl
 * cms -decrypt -inform DER -inkey tenant.key -in Client.cms}. Holds no plaintext.
 */
public final class SealedExport {
  private final Map<String, byte[]> documents;
  private final Map<String, Integer> records;

  SealedExport(Map<String, byte[]> documents, Map<String, Integer> records) {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    documents.forEach((k, v) -> copy.put(k, v.clone()));
    this.documents = Collections.unmodifiableMap(copy);
    this.records = Collections.unmodifiableMap(new LinkedHashMap<>(records));
  }

  /** Document names (entity names, or {@code subject} for a hand-over), in export order. */
  public Set<String> names() {
    return documents.keySet();
  }

  /**
   * A copy of one encrypted document (DER).
   *
   * @throws SuojaException {@code SUOJA-6314} if {@link #names()} does not hold {@code name}
   */
  public byte[] document(String name) {
    byte[] d = documents.get(name);
    if (d == null) {
      // the name is the caller's text, not echoed
      throw new SuojaException(
          "SUOJA-6314", "no exported document of that name; names() lists the documents");
    }
    return d.clone();
  }

  /** How many records each document holds. */
  public Map<String, Integer> records() {
    return records;
  }

  @Override
  public String toString() {
    return "SealedExport" + records;
  }
}
