package fi.suoja.audit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import fi.suoja.audit.AccessBasis;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.AuditResource;
import fi.suoja.audit.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one JSON codec of the event: a fixed field order, no whitespace, absent values omitted. The
 * output is canonical: {@code write(read(bytes))} returns the same bytes exactly when the input was
 * written by this codec, which is what lets a verifier detect any byte change of a stored record.
 */
public final class EventCodec {
  /** Code for malformed or foreign JSON. */
  public static final String MALFORMED = "SUOJA-4011";

  /** Shared factory: strict duplicate detection so a record cannot carry two values of a field. */
  public static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Shared mapper for tree reading. */
  public static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private static final Set<String> EVENT_FIELDS =
      Set.of(
          "id", "time", "actor", "action", "resource", "subjectId", "fields", "basis", "purpose",
          "outcome", "correlationId", "application", "node");

  private EventCodec() {}

  /** Compact canonical JSON of the event. */
  public static String toJson(AuditEvent event) {
    return new String(toBytes(event), StandardCharsets.UTF_8);
  }

  /** Compact canonical JSON of the event as UTF-8. */
  public static byte[] toBytes(AuditEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes the event as one JSON object into {@code g}. */
  public static void write(JsonGenerator g, AuditEvent e) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", e.id());
    g.writeStringField("time", e.time().toString());
    AuditActor a = e.actor();
    g.writeObjectFieldStart("actor");
    g.writeStringField("userId", a.userId());
    g.writeStringField("tenantId", a.tenantId());
    g.writeArrayFieldStart("roles");
    for (String role : a.roles()) {
      g.writeString(role);
    }
    g.writeEndArray();
    g.writeStringField("side", a.side().name());
    g.writeEndObject();
    g.writeStringField("action", e.action().name());
    if (e.resource() != null) {
      g.writeObjectFieldStart("resource");
      g.writeStringField("type", e.resource().type());
      g.writeStringField("id", e.resource().id());
      g.writeStringField("tenantId", e.resource().tenantId());
      g.writeEndObject();
    }
    optional(g, "subjectId", e.subjectId());
    g.writeArrayFieldStart("fields");
    for (String f : e.fields()) {
      g.writeString(f);
    }
    g.writeEndArray();
    if (e.basis() != null) {
      g.writeObjectFieldStart("basis");
      g.writeStringField("code", e.basis().code());
      g.writeBooleanField("elevated", e.basis().elevated());
      g.writeEndObject();
    }
    optional(g, "purpose", e.purpose());
    g.writeObjectFieldStart("outcome");
    g.writeStringField("status", e.outcome().status().name());
    optional(g, "reason", e.outcome().reason());
    g.writeEndObject();
    optional(g, "correlationId", e.correlationId());
    optional(g, "application", e.application());
    optional(g, "node", e.node());
    g.writeEndObject();
  }

  private static void optional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  /** Parses the JSON form; {@code SUOJA-4011} for malformed or foreign JSON. */
  public static AuditEvent fromJson(String json) {
    JsonNode node;
    try (JsonParser p = FACTORY.createParser(json)) {
      node = MAPPER.readTree(p);
      if (p.nextToken() != null) {
        throw malformed("trailing content after the event object");
      }
    } catch (IOException e) {
      throw new AuditException(MALFORMED, "not a JSON audit event: " + safe(e), null);
    }
    return read(node);
  }

  /** Reads an event object; {@code SUOJA-4011} for foreign shapes, {@code SUOJA-4001} if invalid. */
  public static AuditEvent read(JsonNode n) {
    object(n, "event", EVENT_FIELDS);
    JsonNode actor = n.get("actor");
    object(actor, "actor", Set.of("userId", "tenantId", "roles", "side"));
    Set<String> roles = new LinkedHashSet<>();
    for (JsonNode role : array(actor, "roles")) {
      roles.add(text(role, "actor.roles[]"));
    }
    AuditActor a =
        new AuditActor(
            string(actor, "userId", true),
            string(actor, "tenantId", true),
            roles,
            enumValue(AuditActor.Side.class, string(actor, "side", true), "actor.side"));
    AuditResource resource = null;
    JsonNode r = n.get("resource");
    if (r != null) {
      object(r, "resource", Set.of("type", "id", "tenantId"));
      resource =
          new AuditResource(
              string(r, "type", true), string(r, "id", true), string(r, "tenantId", true));
    }
    List<String> fields = new ArrayList<>();
    for (JsonNode f : array(n, "fields")) {
      fields.add(text(f, "fields[]"));
    }
    AccessBasis basis = null;
    JsonNode b = n.get("basis");
    if (b != null) {
      object(b, "basis", Set.of("code", "elevated"));
      JsonNode elevated = b.get("elevated");
      if (elevated == null || !elevated.isBoolean()) {
        throw malformed("basis.elevated must be a boolean");
      }
      basis = new AccessBasis(string(b, "code", true), elevated.booleanValue());
    }
    JsonNode o = n.get("outcome");
    object(o, "outcome", Set.of("status", "reason"));
    Outcome outcome =
        new Outcome(
            enumValue(Outcome.Status.class, string(o, "status", true), "outcome.status"),
            string(o, "reason", false));
    Instant time;
    try {
      time = Instant.parse(string(n, "time", true));
    } catch (DateTimeException e) {
      throw malformed("time is not an ISO-8601 instant");
    }
    return new AuditEvent(
        string(n, "id", true),
        time,
        a,
        enumValue(AuditAction.class, string(n, "action", true), "action"),
        resource,
        string(n, "subjectId", false),
        fields,
        basis,
        string(n, "purpose", false),
        outcome,
        string(n, "correlationId", false),
        string(n, "application", false),
        string(n, "node", false));
  }

  /** Requires an object whose field names are all in {@code allowed}. */
  public static void object(JsonNode n, String what, Set<String> allowed) {
    if (n == null || !n.isObject()) {
      throw malformed(what + " must be a JSON object");
    }
    Iterator<String> names = n.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw malformed(what + " has an unknown field (foreign JSON?)");
      }
    }
  }

  private static Iterable<JsonNode> array(JsonNode n, String name) {
    JsonNode a = n.get(name);
    if (a == null || !a.isArray()) {
      throw malformed(name + " must be a JSON array");
    }
    return a;
  }

  /** A string field; {@code required} false returns null when absent. */
  public static String string(JsonNode n, String name, boolean required) {
    JsonNode v = n.get(name);
    if (v == null) {
      if (required) {
        throw malformed(name + " is missing");
      }
      return null;
    }
    return text(v, name);
  }

  private static String text(JsonNode v, String name) {
    if (v.getNodeType() != JsonNodeType.STRING) {
      throw malformed(name + " must be a string");
    }
    return v.textValue();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw malformed(name + " has an unknown value");
    }
  }

  /** An exception for malformed or foreign JSON. */
  public static AuditException malformed(String what) {
    return new AuditException(MALFORMED, "malformed audit JSON: " + what);
  }

  // Jackson's messages quote the offending input; keep only its location.
  private static String safe(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
        && jpe.getLocation() != null) {
      return "parse error at line "
          + jpe.getLocation().getLineNr()
          + ", column "
          + jpe.getLocation().getColumnNr();
    }
    return "parse error";
  }
}
