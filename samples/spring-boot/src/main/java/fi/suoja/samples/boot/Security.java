package fi.suoja.samples.boot;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic with four in-memory demo users. The application's own roles (NURSE, HEAD_NURSE,
 * SUPPORT) become Suoja's roles through {@code suoja.actor.roles.*} in application.properties;
 * which records each may see is the care policy's business, not this class's.
 */
@Configuration(proxyBeanMethods = false)
public class Security {
  /** The demo users' password. A sample only: a real service signs its users in properly. */
  public static final String DEMO_PASSWORD = "demo-password";

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            a ->
                a.requestMatchers("/actuator/health/**", "/error")
                    .permitAll()
                    .requestMatchers("/incident-grants/**")
                    .hasRole("HEAD_NURSE")
                    .requestMatchers("/support/**")
                    .hasRole("SUPPORT")
                    .requestMatchers("/clients/**")
                    .hasAnyRole("NURSE", "HEAD_NURSE")
                    .anyRequest()
                    .denyAll())
        .httpBasic(Customizer.withDefaults())
        .csrf(c -> c.disable())
        .build();
  }

  @Bean
  InMemoryUserDetailsManager users() {
    return new InMemoryUserDetailsManager(
        user("aino.hoitaja", "NURSE"), // an employee with her own clients
        user("eero.hoitaja", "NURSE"), // her colleague, with his own
        user("cecilia.esihenkilo", "HEAD_NURSE"), // the organisation admin
        user("sami.tuki", "SUPPORT")); // the provider's support person
  }

  private static UserDetails user(String name, String role) {
    return User.withUsername(name).password("{noop}" + DEMO_PASSWORD).roles(role).build();
  }
}
