package fi.suoja.spring.boot.internal;

import fi.suoja.Suoja;
import fi.suoja.masking.Anonymiser;
import fi.suoja.masking.SensitiveValues;
import fi.suoja.policy.Actor;
import fi.suoja.policy.ActorResolver;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs each request as its user: when the {@link ActorResolver} knows the actor, the rest of the
 * chain runs in {@code PrivacyContext.callAs(actor, purpose, ...)}, a {@code PrivacyContext} whose
 * tenant Hibernate's {@code @TenantId} filter and the policy use, with the tenant's log masker for
 * the values opened on the way. Without an actor the request runs in an anonymising masking scope
 * and every access to personal data fails closed ({@code SUOJA-3002}). Ordered after Spring
 * Security's filter chain (order -100), which establishes the user.
 */
public final class RequestPrivacyContext extends OncePerRequestFilter implements Ordered {
  /** Just after Spring Security's default filter order. */
  public static final int ORDER = -100 + 10;

  private final ObjectProvider<Suoja> suoja;
  private final ActorResolver resolver;
  private final Purpose purpose;

  /**
   * @param purpose the purpose recorded for requests, or null for the actor's own
   */
  public RequestPrivacyContext(
      ObjectProvider<Suoja> suoja, ActorResolver resolver, Purpose purpose) {
    this.suoja = suoja;
    this.resolver = resolver;
    this.purpose = purpose;
  }

  @Override
  @SuppressWarnings("try") // the scope is used for its close
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Suoja runtime = suoja.getIfAvailable();
    Optional<Actor> actor = runtime == null ? Optional.empty() : actor();
    if (actor.isEmpty()) {
      SensitiveValues.Scope scope = SensitiveValues.open(Anonymiser.instance());
      try {
        chain.doFilter(request, response);
      } finally {
        scope.close();
      }
      return;
    }
    // the request's unit of work: the actor's context, with the tenant's log masker once a value
    // is opened; restored on every path out of the chain
    try (PrivacyContext.Scope scope = PrivacyContext.open(actor.get(), purpose)) {
      chain.doFilter(request, response);
    }
  }

  private Optional<Actor> actor() {
    try {
      return resolver.currentActor();
    } catch (RuntimeException invalidActor) {
      // a refused account (SUOJA-3001) or the like: no context, so every access fails closed
      return Optional.empty();
    }
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
