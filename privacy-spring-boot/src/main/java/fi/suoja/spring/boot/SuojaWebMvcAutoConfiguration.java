package fi.suoja.spring.boot;

import fi.suoja.Suoja;
import fi.suoja.policy.ActorResolver;
import fi.suoja.policy.Purpose;
import fi.suoja.spring.boot.internal.RequestPrivacyContext;
import fi.suoja.spring.boot.internal.SuojaProblemDetails;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Spring MVC: each request runs as its user (a PrivacyContext with the tenant's log masker, {@code
 * suoja.web.request-scope}), and Suoja's refusals are answered as problem details without personal
 * data ({@code suoja.web.problem-details=false} turns that off).
 */
@AutoConfiguration(after = SuojaAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnProperty(prefix = "suoja", name = "enabled", matchIfMissing = true)
public class SuojaWebMvcAutoConfiguration {

  /** Instantiated by Spring. */
  public SuojaWebMvcAutoConfiguration() {}

  @Bean
  @ConditionalOnProperty(prefix = "suoja.web", name = "problem-details", matchIfMissing = true)
  SuojaProblemDetails suojaProblemDetails() {
    return new SuojaProblemDetails();
  }

  @Bean
  @ConditionalOnProperty(prefix = "suoja.web", name = "request-scope", matchIfMissing = true)
  RequestPrivacyContext suojaRequestPrivacyContext(
      ObjectProvider<Suoja> suoja, ObjectProvider<ActorResolver> resolver, SuojaProperties p) {
    String purpose = p.getWeb().getPurpose();
    return new RequestPrivacyContext(
        suoja,
        resolver.getIfAvailable(ActorResolver::none),
        purpose == null ? null : new Purpose(purpose));
  }
}
