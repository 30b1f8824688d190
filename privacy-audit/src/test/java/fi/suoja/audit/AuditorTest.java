package fi.suoja.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.audit.spi.AuditSink;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditorTest {
  private final InMemoryAuditSink sink = new InMemoryAuditSink();
  private final Clock clock = Clock.fixed(Instant.parse("2026-05-05T05:05:05Z"), ZoneOffset.UTC);
  private final Auditor auditor =
      Auditor.builder(sink).application("echat").node("n-2").clock(clock).build();

  @Test
  void record_draft_fillsIdTimeApplicationNode() {
    AuditEvent e =
        auditor.record(
            auditor
                .event(AuditAction.READ)
                .actor(AuditActor.tenantUser("u", "t", Set.of()))
                .outcome(Outcome.success()));
    assertThat(e.application()).isEqualTo("echat");
    assertThat(e.node()).isEqualTo("n-2");
    assertThat(e.time()).isEqualTo(clock.instant());
    assertThat(sink.events()).containsExactly(e);
  }

  @Test
  void record_eventWithoutOrigin_stamped() {
    AuditEvent bare = Events.read(1).toBuilder().application(null).node(null).build();
    AuditEvent recorded = auditor.record(bare);
    assertThat(recorded.application()).isEqualTo("echat");
    assertThat(recorded.node()).isEqualTo("n-2");
    assertThat(recorded.id()).isEqualTo(bare.id());
  }

  @Test
  void record_sinkFailing_throwsAuditUnavailable() {
    sink.failing(true);
    assertThatThrownBy(() -> auditor.record(Events.read(1)))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessageStartingWith("SUOJA-4100");
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void record_sinkThrowsArbitraryException_wrappedAsUnavailable() {
    AuditSink broken =
        event -> {
          throw new IllegalStateException("disk on fire");
        };
    Auditor a = Auditor.builder(broken).application("a").node("n").build();
    assertThatThrownBy(() -> a.record(Events.read(2)))
        .isInstanceOf(AuditUnavailableException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void record_incompleteDraft_throwsBeforeSink() {
    assertThatThrownBy(
            () -> auditor.record(auditor.event(AuditAction.READ).outcome(Outcome.success())))
        .hasMessageContaining("actor is missing");
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void build_withoutNode_refused() {
    assertThatThrownBy(() -> Auditor.builder(sink).application("a").build())
        .hasMessageContaining("node is missing");
  }

  @Test
  void close_thenRecord_fails() {
    auditor.close();
    assertThatThrownBy(() -> auditor.record(Events.read(3)))
        .isInstanceOf(AuditUnavailableException.class);
  }
}
