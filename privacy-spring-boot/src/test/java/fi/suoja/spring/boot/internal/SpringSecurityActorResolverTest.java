package fi.suoja.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.policy.Actor;
import fi.suoja.policy.Role;
import fi.suoja.policy.Side;
import fi.suoja.spring.boot.SuojaProperties;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;

class SpringSecurityActorResolverTest {

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  static SpringSecurityActorResolver resolver(
      Map<String, String> roles, String tenantAttribute, String tenant) {
    SuojaProperties.Actor p = new SuojaProperties.Actor();
    p.setRoles(roles);
    p.setTenantAttribute(tenantAttribute);
    p.setTenant(tenant);
    return new SpringSecurityActorResolver(p);
  }

  static void signIn(Authentication auth) {
    SecurityContextHolder.getContext().setAuthentication(auth);
  }

  static Authentication user(String name, String... authorities) {
    return UsernamePasswordAuthenticationToken.authenticated(
        name, "n/a", AuthorityUtils.createAuthorityList(authorities));
  }

  @Test
  void signedInUser_isATenantActor_withTheMappedRoles() {
    signIn(user("aino.hoitaja", "ROLE_HOITAJA", "ROLE_OTHER"));

    Optional<Actor> actor =
        resolver(Map.of("ROLE_HOITAJA", "EMPLOYEE"), null, "hoiva").currentActor();

    assertThat(actor).contains(Actor.tenantUser("aino.hoitaja", "hoiva", Role.EMPLOYEE));
  }

  @Test
  void withoutAMapping_roleAuthoritiesAreTheirRoles() {
    signIn(user("cecilia.esihenkilo", "ROLE_ORG_ADMIN", "SCOPE_read"));

    assertThat(resolver(Map.of(), null, "hoiva").currentActor().orElseThrow().roles())
        .containsExactly(Role.ORG_ADMIN);
  }

  @Test
  void providerRole_makesAProviderActor_withoutTenant() {
    signIn(user("tuki.henkilo", "ROLE_SUPPORT"));

    Actor actor =
        resolver(Map.of("ROLE_SUPPORT", "PROVIDER_SUPPORT"), null, "hoiva")
            .currentActor()
            .orElseThrow();

    assertThat(actor.side()).isEqualTo(Side.PROVIDER);
    assertThat(actor.tenant()).isEmpty();
  }

  @Test
  void tenant_comesFromThePrincipalsAttribute_beforeTheFixedOne() {
    signIn(
        new UsernamePasswordAuthenticationToken(
            new DefaultOAuth2AuthenticatedPrincipal(
                "aino.hoitaja", Map.of("org", "kuu"), AuthorityUtils.createAuthorityList("ROLE_X")),
            "n/a",
            AuthorityUtils.createAuthorityList("ROLE_HOITAJA")));

    Actor actor =
        resolver(Map.of("ROLE_HOITAJA", "EMPLOYEE"), "org", "hoiva").currentActor().orElseThrow();

    assertThat(actor.tenant()).contains("kuu");
  }

  @Test
  void nobodyAnonymousUnmappedTenantlessOrReserved_isNoActor() {
    SpringSecurityActorResolver r = resolver(Map.of("ROLE_HOITAJA", "EMPLOYEE"), null, "hoiva");
    assertThat(r.currentActor()).isEmpty();

    signIn(
        new AnonymousAuthenticationToken(
            "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_HOITAJA")));
    assertThat(r.currentActor()).isEmpty();

    signIn(user("aino.hoitaja", "ROLE_VIERAS"));
    assertThat(r.currentActor()).isEmpty();

    signIn(user("system:retention", "ROLE_HOITAJA"));
    assertThat(r.currentActor()).isEmpty();

    signIn(user("aino.hoitaja", "ROLE_HOITAJA"));
    assertThat(resolver(Map.of("ROLE_HOITAJA", "EMPLOYEE"), null, null).currentActor()).isEmpty();
  }

  @Test
  void genericAccount_isRefusedAsAnyActor() {
    signIn(user("admin", "ROLE_HOITAJA"));

    assertThatThrownBy(
            () -> resolver(Map.of("ROLE_HOITAJA", "EMPLOYEE"), null, "hoiva").currentActor())
        .hasMessageStartingWith("SUOJA-3001");
  }

  @Test
  void roleMapping_toANonRole_failsAtStartUp() {
    assertThatThrownBy(() -> resolver(Map.of("ROLE_X", "head nurse"), null, "hoiva"))
        .isInstanceOf(StartupFailure.class)
        .hasMessageStartingWith("SUOJA-8009");
  }
}
