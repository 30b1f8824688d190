package fi.suoja.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class TraceIdsTest {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @AfterEach
  void reset() {
    RequestContextHolder.resetRequestAttributes();
    MDC.clear();
  }

  static void request(String traceparent) {
    MockHttpServletRequest r = new MockHttpServletRequest();
    if (traceparent != null) {
      r.addHeader("traceparent", traceparent);
    }
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(r));
  }

  @Test
  void order_tracerThenTraceparentThenMdc() {
    MDC.put("traceId", "mdc-1");
    request("00-" + TRACE + "-00f067aa0ba902b7-01");

    assertThat(new TraceIds(List.of(() -> "tracer-1"), "traceId").get()).isEqualTo("tracer-1");
    assertThat(new TraceIds(List.of(() -> null), "traceId").get()).isEqualTo(TRACE);
    RequestContextHolder.resetRequestAttributes();
    assertThat(new TraceIds(List.of(), "traceId").get()).isEqualTo("mdc-1");
    assertThat(new TraceIds(List.of(), null).get()).isNull();
  }

  @Test
  void malformedOrAllZeroTraceparent_isIgnored() {
    assertThat(Traceparent.parse("00-" + TRACE + "-00f067aa0ba902b7")).isNull();
    assertThat(Traceparent.parse("00-" + TRACE.toUpperCase() + "-00f067aa0ba902b7-01")).isNull();
    assertThat(Traceparent.parse("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")).isNull();
    assertThat(Traceparent.parse(" 00-" + TRACE + "-00f067aa0ba902b7-01 ")).isEqualTo(TRACE);
  }

  @Test
  void valuesThatAreNoPlainTokenOrHoldPersonalData_neverBecomeTheCorrelationId() {
    MDC.put("traceId", "131052-308T");
    assertThat(new TraceIds(List.of(), "traceId").get()).isNull();
    MDC.put("traceId", "maija.virtanen@example.fi");
    assertThat(new TraceIds(List.of(), "traceId").get()).isNull();
    MDC.put("traceId", "a b\nc");
    assertThat(new TraceIds(List.of(), "traceId").get()).isNull();
    MDC.put("traceId", "x".repeat(129));
    assertThat(new TraceIds(List.of(), "traceId").get()).isNull();
    assertThat(new TraceIds(List.of(() -> "131052A308T"), null).get()).isNull();
  }
}
