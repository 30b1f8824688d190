package fi.suoja.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditUnavailableException;
import fi.suoja.audit.Events;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

class Slf4jAndCompositeSinkTest {

  static final class RecordingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    final ArrayList<String> lines = new ArrayList<>(); // serializable, as the logger is
    final boolean info;

    RecordingLogger(boolean info) {
      this.name = Slf4jAuditSink.LOGGER_NAME;
      this.info = info;
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public boolean isInfoEnabled() {
      return info;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String msg, Object[] args, Throwable t) {
      lines.add(level + " " + msg);
    }
  }

  @Test
  void slf4j_record_oneJsonObjectPerEventAtInfo() {
    RecordingLogger log = new RecordingLogger(true);
    Slf4jAuditSink sink = new Slf4jAuditSink(log);
    AuditEvent e = Events.read(5);
    sink.record(e);
    sink.record(Events.read(6));
    assertThat(log.lines).hasSize(2);
    assertThat(log.lines.get(0)).isEqualTo("INFO " + e.toJson());
    assertThat(AuditEvent.fromJson(log.lines.get(0).substring(5))).isEqualTo(e);
  }

  @Test
  void slf4j_loggerDisabled_failsClosed() {
    Slf4jAuditSink sink = new Slf4jAuditSink(new RecordingLogger(false));
    assertThatThrownBy(() -> sink.record(Events.read(1)))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessageContaining("suoja.audit is not enabled for INFO");
  }

  @Test
  void slf4j_defaultLogger_isSuojaAudit() {
    // slf4j-simple (test scope) enables INFO by default: the default sink records
    new Slf4jAuditSink().record(Events.read(1));
  }

  @Test
  void all_oneMemberFails_throwsButOthersStillRecord() {
    InMemoryAuditSink ok = new InMemoryAuditSink();
    InMemoryAuditSink broken = new InMemoryAuditSink();
    broken.failing(true);
    CompositeAuditSink sink = CompositeAuditSink.all(broken, ok);
    assertThatThrownBy(() -> sink.record(Events.read(1)))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessageContaining("1 of 2 audit sinks failed");
    assertThat(ok.events()).hasSize(1);
  }

  @Test
  void any_oneMemberFails_succeeds_allFail_throws() {
    InMemoryAuditSink ok = new InMemoryAuditSink();
    InMemoryAuditSink broken = new InMemoryAuditSink();
    broken.failing(true);
    CompositeAuditSink.any(broken, ok).record(Events.read(1));
    assertThat(ok.events()).hasSize(1);
    ok.failing(true);
    assertThatThrownBy(() -> CompositeAuditSink.any(broken, ok).record(Events.read(2)))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessageContaining("2 of 2");
  }

  @Test
  void composite_empty_refused() {
    assertThatThrownBy(CompositeAuditSink::all).hasMessageStartingWith("SUOJA-4020");
  }
}
