package fi.suoja.jpa.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.suoja.SuojaException;

/**
 * Writes privacy-jpa's JSON documents (subject export, tenant export and hand-over, record of
 * processing) with one Jackson mapper. A document is a tree of maps (members in their iteration
 * order), lists, strings, numbers, booleans and nulls; a Jackson {@code RawValue} embeds JSON
 * another module already wrote. Jackson escapes what RFC 8259 requires (quotes, backslash, control
 * characters) and writes every other character, non-BMP included, as it is.
 */
public final class JsonDocuments {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonDocuments() {}

  /** The document as compact JSON text. */
  public static String text(Object document) {
    try {
      return MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw failed(e);
    }
  }

  /** The document as compact JSON, UTF-8. */
  public static byte[] utf8(Object document) {
    try {
      return MAPPER.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw failed(e);
    }
  }

  private static SuojaException failed(JsonProcessingException e) {
    // Jackson names the path (member names), never a value
    return new SuojaException("SUOJA-6311", "cannot encode the JSON document", e);
  }
}
