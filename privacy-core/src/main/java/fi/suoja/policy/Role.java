package fi.suoja.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A role an {@link Actor} holds. The four roles of the eChat model are constants; a host may define
 * its own ({@code Role.of("NURSE")}) for its own {@link AccessRule}s. The default {@link
 * CareAccessPolicy} grants nothing to a role it does not know: unknown roles deny.
 *
 * @param name upper-case identifier, {@code [A-Z][A-Z0-9_]*}
 */
public record Role(String name) {
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  /** A tenant's staff member: reads and updates the clients they own. */
  public static final Role EMPLOYEE = new Role("EMPLOYEE");

  /** A tenant's administrator: may read other employees' clients, always as elevated access. */
  public static final Role ORG_ADMIN = new Role("ORG_ADMIN");

  /** The provider's support staff: employee accounts; client data only under an incident grant. */
  public static final Role PROVIDER_SUPPORT = new Role("PROVIDER_SUPPORT");

  /**
   * The provider's administrator: the rights of {@link #PROVIDER_SUPPORT}, nothing more by default.
   */
  public static final Role PROVIDER_ADMIN = new Role("PROVIDER_ADMIN");

  public Role {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new InvalidActorException(
          "SUOJA-3003",
          "a role name is an upper-case identifier [A-Z][A-Z0-9_]*, got length " + name.length());
    }
  }

  /** The role with this name; upper-cases it first. */
  public static Role of(String name) {
    return new Role(Objects.requireNonNull(name, "name").trim().toUpperCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return name;
  }
}
