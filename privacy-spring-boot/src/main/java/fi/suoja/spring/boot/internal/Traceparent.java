package fi.suoja.spring.boot.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The trace id of the W3C {@code traceparent} header; loaded only when Spring Web is present. */
final class Traceparent {
  // version-traceid-parentid-flags; an all-zero trace id is invalid
  private static final Pattern HEADER =
      Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

  private Traceparent() {}

  static String currentTraceId() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (!(attributes instanceof ServletRequestAttributes servlet)) {
      return null;
    }
    HttpServletRequest request = servlet.getRequest();
    return parse(request.getHeader("traceparent"));
  }

  static String parse(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = HEADER.matcher(header.trim());
    if (!m.matches() || m.group(1).chars().allMatch(c -> c == '0')) {
      return null;
    }
    return m.group(1);
  }
}
