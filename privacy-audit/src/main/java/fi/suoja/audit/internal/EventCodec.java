package fi.suoja.audit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.io.IOException;
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
          "id",
          "time",
          "actor",
          "action",
          "resource",
          "subjectId",
          "fields",
          "basis",
          "purpose",
          "outcome",
          "correlationId",
          "application",
          "node");

  private EventCodec() {}

  /** Compact canonical JSON of the event. */
  public static String toJson(AuditEvent event) {
    return new String(toBytes(event), StandardCharsets.UTF_8);
  }

  // Field names of the canonical form, encoded once.
  private static final byte[] K_ACTION = JsonOut.key("action");
  private static final byte[] K_ACTOR = JsonOut.key("actor");
  private static final byte[] K_APPLICATION = JsonOut.key("application");
  private static final byte[] K_BASIS = JsonOut.key("basis");
  private static final byte[] K_CODE = JsonOut.key("code");
  private static final byte[] K_CORRELATION_ID = JsonOut.key("correlationId");
  private static final byte[] K_ELEVATED = JsonOut.key("elevated");
  private static final byte[] K_FIELDS = JsonOut.key("fields");
  private static final byte[] K_ID = JsonOut.key("id");
  private static final byte[] K_NODE = JsonOut.key("node");
  private static final byte[] K_OUTCOME = JsonOut.key("outcome");
  private static final byte[] K_PURPOSE = JsonOut.key("purpose");
  private static final byte[] K_REASON = JsonOut.key("reason");
  private static final byte[] K_RESOURCE = JsonOut.key("resource");
  private static final byte[] K_ROLES = JsonOut.key("roles");
  private static final byte[] K_SIDE = JsonOut.key("side");
  private static final byte[] K_STATUS = JsonOut.key("status");
  private static final byte[] K_TIME = JsonOut.key("time");
  private static final byte[] K_SUBJECT_ID = JsonOut.key("subjectId");
  private static final byte[] K_TENANT_ID = JsonOut.key("tenantId");
  private static final byte[] K_TYPE = JsonOut.key("type");
  private static final byte[] K_USER_ID = JsonOut.key("userId");

  /** Compact canonical JSON of the event as UTF-8. */
  public static byte[] toBytes(AuditEvent e) {
    JsonOut g = JsonOut.get();
    g.startObject();
    g.field(K_ID, e.id());
    g.instant(K_TIME, e.time());
    AuditActor a = e.actor();
    g.name(K_ACTOR);
    g.startObject();
    g.field(K_USER_ID, a.userId());
    g.field(K_TENANT_ID, a.tenantId());
    g.name(K_ROLES);
    g.startArray();
    for (String role : a.roles()) {
      g.value(role);
    }
    g.endArray();
    g.field(K_SIDE, a.side().name());
    g.endObject();
    g.field(K_ACTION, e.action().name());
    if (e.resource() != null) {
      g.name(K_RESOURCE);
      g.startObject();
      g.field(K_TYPE, e.resource().type());
      g.field(K_ID, e.resource().id());
      g.field(K_TENANT_ID, e.resource().tenantId());
      g.endObject();
    }
    optional(g, K_SUBJECT_ID, e.subjectId());
    g.name(K_FIELDS);
    g.startArray();
    for (String f : e.fields()) {
      g.value(f);
    }
    g.endArray();
    if (e.basis() != null) {
      g.name(K_BASIS);
      g.startObject();
      g.field(K_CODE, e.basis().code());
      g.name(K_ELEVATED);
      g.value(e.basis().elevated());
      g.endObject();
    }
    optional(g, K_PURPOSE, e.purpose());
    g.name(K_OUTCOME);
    g.startObject();
    g.field(K_STATUS, e.outcome().status().name());
    optional(g, K_REASON, e.outcome().reason());
    g.endObject();
    optional(g, K_CORRELATION_ID, e.correlationId());
    optional(g, K_APPLICATION, e.application());
    optional(g, K_NODE, e.node());
    g.endObject();
    return g.toByteArray();
  }

  private static void optional(JsonOut g, byte[] name, String value) {
    if (value != null) {
      g.field(name, value);
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

  /**
   * Reads an event object; {@code SUOJA-4011} for foreign shapes, {@code SUOJA-4001} if invalid.
   */
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
    if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
      return "parse error at line "
          + jpe.getLocation().getLineNr()
          + ", column "
          + jpe.getLocation().getColumnNr();
    }
    return "parse error";
  }
}
