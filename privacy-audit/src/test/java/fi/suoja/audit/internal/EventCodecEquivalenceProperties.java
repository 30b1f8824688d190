package fi.suoja.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import fi.suoja.audit.AccessBasis;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

/**
 * The hand-written canonical encoder produces exactly the bytes of Jackson's generator (the
 * reference, and what version 0.1.0 frozen vectors were first written with) for any values: quotes,
 * backslashes, non-ASCII and supplementary characters, any instant in years 1..9999 and beyond.
 */
class EventCodecEquivalenceProperties {

  @Property(tries = 500)
  void toBytes_anyEvent_sameBytesAsJacksonAndRoundTrips(
      @ForAll
          @StringLength(min = 1, max = 20)
          @CharRange(from = ' ', to = '~')
          @Chars({'ä', 'Ö', '€', '"', '\\'})
          String text,
      @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long second,
      @ForAll @LongRange(min = 0, max = 999_999) long micros) {
    String id = text.isBlank() ? "x" + text + "x" : text;
    AuditEvent e =
        AuditEvent.builder()
            .id("ev-1")
            .time(Instant.ofEpochSecond(second, micros * 1000))
            .actor(AuditActor.tenantUser(id + "\uD83D\uDE00", "t", Set.of("R1", "R2")))
            .action(AuditAction.READ)
            .resource("Client", id, "t")
            .subject(id)
            .fields(List.of("a", "b.c"))
            .basis(AccessBasis.orgAdmin())
            .purpose("CARE")
            .outcome(Outcome.denied("X"))
            .correlationId(id)
            .application("app")
            .node("n")
            .build();
    byte[] fast = EventCodec.toBytes(e);
    assertThat(fast).isEqualTo(jacksonBytes(e));
    assertThat(EventCodec.fromJson(new String(fast, java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(e);
  }

  /** The reference: the same form written by Jackson's generator. */
  static byte[] jacksonBytes(AuditEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = EventCodec.FACTORY.createGenerator(out)) {
      write(g, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes the event as one JSON object into {@code g}. */
  private static void write(JsonGenerator g, AuditEvent e) throws IOException {
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
}
