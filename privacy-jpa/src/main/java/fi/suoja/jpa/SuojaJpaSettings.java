package fi.suoja.jpa;

/**
 * The configuration properties of the Hibernate integration, for {@code persistence.xml},
 * {@code hibernate.properties} or Spring Boot's {@code spring.jpa.properties.*}.
 *
 * <p>The integration registers itself through Hibernate's {@code Integrator} service; it needs
 * exactly one thing from the host: the {@link fi.suoja.Suoja} runtime under {@link #RUNTIME}. An
 * entity with {@code @Encrypted} attributes and no runtime fails the boot with a message saying
 * what to configure; there is no silent fallback.
 */
public final class SuojaJpaSettings {
  private SuojaJpaSettings() {}

  /**
   * The {@link fi.suoja.Suoja} runtime (an object, not a string): keys, policy, audit. Required
   * when any entity carries {@code @Encrypted}.
   */
  public static final String RUNTIME = "suoja.runtime";

  /**
   * What a load does when the policy denies the actor: {@code fail} (default) throws {@link
   * fi.suoja.policy.AccessDeniedException}; {@code mask} loads the entity with its encrypted
   * attributes replaced by a mask token and makes it read-only, so nothing masked is ever written
   * back.
   */
  public static final String ON_DENIED = "suoja.on_denied";

  /**
   * {@code false} switches the integration off entirely (default {@code true}). The skip is
   * logged. Entities with encrypted attributes are then stored as they are: use only in tools
   * that never touch personal data.
   */
  public static final String ENABLED = "suoja.enabled";

  /** The mask token an encrypted attribute holds after a denied load in {@code mask} mode. */
  public static final String MASK = "<masked>";
}
