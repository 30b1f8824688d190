package fi.suoja.spring.boot.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/** HTTP Basic with in-memory users; /public/** needs no sign-in (and so reaches no data). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // not in the @DataJpaTest slice, which has no HttpSecurity
public class Security {
  public static final String PASSWORD = "salasana-123";

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            a -> a.requestMatchers("/public/**", "/error").permitAll().anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        .csrf(c -> c.disable())
        .build();
  }

  @Bean
  InMemoryUserDetailsManager users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("aino.hoitaja").password("{noop}" + PASSWORD).roles("HOITAJA").build(),
        User.withUsername("bertta.hoitaja").password("{noop}" + PASSWORD).roles("HOITAJA").build(),
        User.withUsername("cecilia.esihenkilo")
            .password("{noop}" + PASSWORD)
            .roles("ESIHENKILO")
            .build());
  }
}
