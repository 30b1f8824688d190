package fi.suoja.spring.boot.internal;

import fi.suoja.SuojaException;
import fi.suoja.policy.Actor;
import fi.suoja.policy.ActorResolver;
import fi.suoja.policy.Role;
import fi.suoja.spring.boot.SuojaProperties;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * The actor of the current thread from Spring Security's {@link SecurityContextHolder}: the user
 * name is the actor's user id, the authorities become roles through {@code suoja.actor.roles}, the
 * tenant comes from {@code suoja.actor.tenant-attribute} (a principal attribute or JWT claim) or
 * the fixed {@code suoja.actor.tenant}. A user holding a provider role ({@code PROVIDER_SUPPORT},
 * {@code PROVIDER_ADMIN}) is a provider-side actor without tenant.
 *
 * <p>Fails closed: anonymous or missing authentication, no mapped role, no tenant, or a user name
 * in the reserved {@code system:} space all answer "no actor", which the guard denies with
 * SUOJA-3002; the reason is logged with its code (never the user's attributes).
 */
public final class SpringSecurityActorResolver implements ActorResolver {
  private static final Logger LOG = LoggerFactory.getLogger(SpringSecurityActorResolver.class);
  private static final boolean OAUTH2 =
      ClassUtils.isPresent(
          "org.springframework.security.oauth2.core.ClaimAccessor",
          SpringSecurityActorResolver.class.getClassLoader());

  private final Map<String, Role> roles;
  private final String tenantAttribute;
  private final String tenant;

  public SpringSecurityActorResolver(SuojaProperties.Actor p) {
    this.roles = roleMapping(p.getRoles());
    this.tenantAttribute = p.getTenantAttribute();
    this.tenant = p.getTenant();
  }

  /**
   * The authority-to-role map, validated at start-up.
   *
   * @throws StartupFailure {@code SUOJA-8009} for a value that is not a role name
   */
  static Map<String, Role> roleMapping(Map<String, String> mapping) {
    Map<String, Role> out = new LinkedHashMap<>();
    mapping.forEach(
        (authority, role) -> {
          try {
            out.put(authority, Role.of(role));
          } catch (SuojaException e) {
            throw new StartupFailure(
                "SUOJA-8009",
                "suoja.actor.roles." + authority + " is not a Suoja role name",
                "Map the authority to an upper-case role name such as EMPLOYEE or ORG_ADMIN.",
                e);
          }
        });
    return Map.copyOf(out);
  }

  @Override
  public Optional<Actor> currentActor() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    String user = auth.getName();
    if (user == null || user.startsWith(SystemActorsImpl.PREFIX)) {
      LOG.warn(
          "SUOJA-8012: a signed-in user name in the reserved '{}' space is no actor",
          SystemActorsImpl.PREFIX);
      return Optional.empty();
    }
    Set<Role> mapped = new LinkedHashSet<>();
    for (GrantedAuthority a : auth.getAuthorities()) {
      Role r = role(a.getAuthority());
      if (r != null) {
        mapped.add(r);
      }
    }
    if (mapped.isEmpty()) {
      LOG.warn(
          "SUOJA-8013: the signed-in user has no authority mapped to a Suoja role"
              + " (suoja.actor.roles); no actor");
      return Optional.empty();
    }
    Role[] held = mapped.toArray(Role[]::new);
    if (mapped.contains(Role.PROVIDER_SUPPORT) || mapped.contains(Role.PROVIDER_ADMIN)) {
      return Optional.of(Actor.providerUser(user, held));
    }
    String home = tenantOf(auth);
    if (home == null || home.isBlank()) {
      LOG.warn(
          "SUOJA-8014: the signed-in user has no tenant (suoja.actor.tenant-attribute or"
              + " suoja.actor.tenant); no actor");
      return Optional.empty();
    }
    return Optional.of(Actor.tenantUser(user, home, held));
  }

  private Role role(String authority) {
    if (authority == null) {
      return null;
    }
    if (!roles.isEmpty()) {
      return roles.get(authority);
    }
    if (authority.startsWith("ROLE_") && authority.length() > 5) {
      try {
        return Role.of(authority.substring(5));
      } catch (SuojaException notARoleName) {
        return null;
      }
    }
    return null;
  }

  private String tenantOf(Authentication auth) {
    if (tenantAttribute != null && OAUTH2) {
      Object value = OAuth2Attributes.attribute(auth, tenantAttribute);
      if (value != null) {
        return value.toString();
      }
    }
    return tenant;
  }

  /** OAuth2 types, touched only when spring-security-oauth2-core is on the class path. */
  private static final class OAuth2Attributes {
    static Object attribute(Authentication auth, String name) {
      Object principal = auth.getPrincipal();
      Function<String, Object> lookup = null;
      if (principal instanceof org.springframework.security.oauth2.core.ClaimAccessor claims) {
        lookup = claims.getClaims()::get;
      } else if (principal
          instanceof org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal p) {
        lookup = p.getAttributes()::get;
      }
      return lookup == null ? null : lookup.apply(name);
    }
  }
}
