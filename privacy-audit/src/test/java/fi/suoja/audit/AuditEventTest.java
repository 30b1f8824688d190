package fi.suoja.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditEventTest {

  private static AuditActor actor() {
    return AuditActor.tenantUser("u-1", "t-1", Set.of("NURSE", "ADMIN"));
  }

  @Test
  void build_withoutActor_throwsNamingActor() {
    assertThatThrownBy(
            () -> AuditEvent.builder().action(AuditAction.READ).outcome(Outcome.success()).build())
        .isInstanceOf(AuditException.class)
        .hasMessage("SUOJA-4001: invalid audit event: actor is missing");
  }

  @Test
  void build_withoutAction_throwsNamingAction() {
    assertThatThrownBy(() -> AuditEvent.builder().actor(actor()).outcome(Outcome.success()).build())
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("action is missing");
  }

  @Test
  void build_withoutOutcome_throwsNamingOutcome() {
    assertThatThrownBy(() -> AuditEvent.builder().actor(actor()).action(AuditAction.READ).build())
        .hasMessageContaining("outcome is missing");
  }

  @Test
  void build_minimal_defaultsIdTimeAndEmptyFields() {
    Instant before = Instant.now().minusSeconds(1);
    AuditEvent e =
        AuditEvent.builder()
            .actor(actor())
            .action(AuditAction.READ)
            .outcome(Outcome.success())
            .build();
    assertThat(e.id()).hasSize(36);
    assertThat(e.time()).isAfter(before);
    assertThat(e.fields()).isEmpty();
    assertThat(e.elevated()).isFalse();
  }

  @Test
  void build_subjectShapedLikeHetu_refusedWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                AuditEvent.builder()
                    .actor(actor())
                    .action(AuditAction.READ)
                    .outcome(Outcome.success())
                    .subject("131052-308T")
                    .build())
        .isInstanceOf(AuditException.class)
        .hasMessageStartingWith("SUOJA-4002: subjectId")
        .hasMessageNotContaining("131052");
  }

  @Test
  void build_fieldNameWithSpaces_refused() {
    assertThatThrownBy(
            () ->
                AuditEvent.builder()
                    .actor(actor())
                    .action(AuditAction.UPDATE)
                    .outcome(Outcome.success())
                    .fields("Matti Meikäläinen")
                    .build())
        .hasMessageContaining("fields[] may only contain")
        .hasMessageNotContaining("Matti");
  }

  @Test
  void outcome_deniedWithoutReason_refused() {
    assertThatThrownBy(() -> Outcome.denied(null))
        .hasMessageContaining("outcome.reason is missing");
    assertThatThrownBy(() -> new Outcome(Outcome.Status.SUCCESS, "X"))
        .hasMessageContaining("outcome.reason must be absent");
  }

  @Test
  void actor_roles_sortedAndUnmodifiable() {
    AuditActor a = actor();
    assertThat(a.roles()).containsExactly("ADMIN", "NURSE");
    assertThatThrownBy(() -> a.roles().add("X")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void basis_incident_isElevatedWithGrantId() {
    AccessBasis b = AccessBasis.incident("g-42");
    assertThat(b.code()).isEqualTo("INCIDENT:g-42");
    assertThat(b.elevated()).isTrue();
    assertThat(AccessBasis.orgAdmin().elevated()).isTrue();
    assertThat(AccessBasis.owner().elevated()).isFalse();
  }

  @Test
  void time_truncatedToMicros() {
    AuditEvent e =
        Events.read(1).toBuilder().time(Instant.parse("2026-01-01T00:00:00.123456789Z")).build();
    assertThat(e.time()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
  }

  @Test
  void toJson_fromJson_roundTripsEqualAndCanonical() {
    for (int i = 0; i < 40; i++) {
      AuditEvent e = Events.read(i);
      String json = e.toJson();
      AuditEvent back = AuditEvent.fromJson(json);
      assertThat(back).isEqualTo(e);
      assertThat(back.toJson()).isEqualTo(json);
    }
  }

  @Test
  void toJson_stableFieldNamesAndOrder() {
    String json = Events.read(3).toJson();
    assertThat(json)
        .isEqualTo(
            "{\"id\":\"ev-3\",\"time\":\"2026-03-01T10:15:33.123456Z\","
                + "\"actor\":{\"userId\":\"u-3\",\"tenantId\":\"t-1\",\"roles\":[\"NURSE\"],"
                + "\"side\":\"TENANT\"},\"action\":\"UPDATE\","
                + "\"resource\":{\"type\":\"Client\",\"id\":\"c-3\",\"tenantId\":\"t-1\"},"
                + "\"subjectId\":\"s-3\",\"fields\":[\"firstName\",\"hetu\"],"
                + "\"basis\":{\"code\":\"ORG_ADMIN\",\"elevated\":true},\"purpose\":\"CARE\","
                + "\"outcome\":{\"status\":\"SUCCESS\"},\"correlationId\":\"req-3\","
                + "\"application\":\"echat\",\"node\":\"node-1\"}");
  }

  @Test
  void fromJson_foreignJson_clearError() {
    assertThatThrownBy(() -> AuditEvent.fromJson("{\"hello\":\"world\"}"))
        .isInstanceOf(AuditException.class)
        .hasMessageStartingWith("SUOJA-4011")
        .hasMessageContaining("unknown field");
    assertThatThrownBy(() -> AuditEvent.fromJson("not json at all 131052-308T"))
        .hasMessageStartingWith("SUOJA-4011")
        .hasMessageNotContaining("131052");
    assertThatThrownBy(() -> AuditEvent.fromJson("[1,2]"))
        .hasMessageContaining("must be a JSON object");
  }

  @Test
  void fromJson_duplicateField_refused() {
    String json =
        Events.read(1).toJson().replace("{\"id\":\"ev-1\"", "{\"id\":\"ev-1\",\"id\":\"x\"");
    assertThatThrownBy(() -> AuditEvent.fromJson(json)).hasMessageStartingWith("SUOJA-4011");
  }
}
