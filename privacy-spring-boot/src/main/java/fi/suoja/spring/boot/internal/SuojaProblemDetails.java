package fi.suoja.spring.boot.internal;

import fi.suoja.audit.AuditUnavailableException;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.DenyReason;
import fi.suoja.policy.NoActorException;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Suoja's refusals as RFC 9457 problem details: a denied access and a missing actor are 403, keys
 * or audit out of reach (including a denial because the audit trail was unavailable) are 503. The
 * body carries the SUOJA code, a fixed title and detail and, for a denial, the reason code: never
 * the exception message, the request path, a record id or a value. Spring matches the handlers
 * against causes too, so a refusal wrapped by Hibernate or Spring's exception translation is
 * answered the same way.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SuojaProblemDetails {
  private static final URI NO_INSTANCE = URI.create("urn:suoja:request");

  /** 403, or 503 when the denial is the audit trail's. */
  @ExceptionHandler(AccessDeniedException.class)
  public ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
    DenyReason reason = e.decision().reason();
    if (reason == DenyReason.AUDIT_UNAVAILABLE) {
      return unavailable(e.code(), "The access could not be audited, so it was refused.")
          .withReason(reason);
    }
    return problem(
            HttpStatus.FORBIDDEN,
            e.code(),
            "Access denied",
            "The access policy does not allow this access.")
        .withReason(reason);
  }

  /** 403: nobody known is acting. */
  @ExceptionHandler(NoActorException.class)
  public ResponseEntity<ProblemDetail> noActor(NoActorException e) {
    return problem(
            HttpStatus.FORBIDDEN,
            e.code(),
            "Access denied",
            "No authenticated person is acting, so the access was refused.")
        .entity();
  }

  /** 503: a key is out of reach. */
  @ExceptionHandler(KeyUnavailableException.class)
  public ResponseEntity<ProblemDetail> keyUnavailable(KeyUnavailableException e) {
    return unavailable(e.code(), "An encryption key is not available right now.").entity();
  }

  /** 503: the audit trail is out of reach. */
  @ExceptionHandler(AuditUnavailableException.class)
  public ResponseEntity<ProblemDetail> auditUnavailable(AuditUnavailableException e) {
    return unavailable(e.code(), "The access could not be audited, so it was refused.").entity();
  }

  private static Problem unavailable(String code, String detail) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, code, "Service unavailable", detail);
  }

  private static Problem problem(HttpStatus status, String code, String title, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setType(URI.create("urn:suoja:error:" + code));
    body.setTitle(title);
    // Spring would fill in the request path, which may name a record or hold a HETU
    body.setInstance(NO_INSTANCE);
    body.setProperty("code", code);
    return new Problem(status, body);
  }

  private record Problem(HttpStatus status, ProblemDetail body) {
    ResponseEntity<ProblemDetail> withReason(DenyReason reason) {
      body.setProperty("reason", reason.name());
      return entity();
    }

    ResponseEntity<ProblemDetail> entity() {
      return ResponseEntity.status(status).body(body);
    }
  }
}
