package fi.suoja.spring.boot.internal;

import fi.suoja.masking.Anonymiser;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.util.ClassUtils;

/**
 * The correlation id of the current request for audit events: the first of Micrometer Tracing's
 * current trace id, the W3C {@code traceparent} header of the current servlet request, and an MDC
 * entry. A value is used only when it is a plain token ({@code [A-Za-z0-9._:-]}, at most 128
 * characters) in which the masker finds no personal data: a header is caller-controlled, and a bad
 * correlation id must neither reach the audit trail nor make the access fail.
 */
public final class TraceIds implements Supplier<String> {
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final boolean SERVLET =
      ClassUtils.isPresent(
              "org.springframework.web.context.request.RequestContextHolder",
              TraceIds.class.getClassLoader())
          && ClassUtils.isPresent(
              "jakarta.servlet.http.HttpServletRequest", TraceIds.class.getClassLoader());

  private final List<Supplier<String>> tracers;
  private final String mdcKey;

  /**
   * @param tracers trace-id sources asked first (Micrometer Tracing), in order
   * @param mdcKey the MDC key asked last, or null
   */
  public TraceIds(List<Supplier<String>> tracers, String mdcKey) {
    this.tracers = List.copyOf(tracers);
    this.mdcKey = mdcKey;
  }

  @Override
  public String get() {
    for (Supplier<String> tracer : tracers) {
      String id = safe(tracer.get());
      if (id != null) {
        return id;
      }
    }
    if (SERVLET) {
      String id = safe(Traceparent.currentTraceId());
      if (id != null) {
        return id;
      }
    }
    return mdcKey == null ? null : safe(MDC.get(mdcKey));
  }

  static String safe(String candidate) {
    if (candidate == null || !TOKEN.matcher(candidate).matches()) {
      return null;
    }
    return Objects.equals(Anonymiser.instance().mask(candidate), candidate) ? candidate : null;
  }
}
