package fi.suoja.jpa;

/**
 * The configuration properties of the Hibernate integration, for {@code persistence.xml}, {@code
 * hibernate.properties} or Spring Boot's {@code spring.jpa.properties.*}.
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
   * {@code false} switches the integration off entirely (default {@code true}). The skip is logged.
   * Entities with encrypted attributes are then stored as they are: use only in tools that never
   * touch personal data.
   */
  public static final String ENABLED = "suoja.enabled";

  /**
   * Adopting a database that holds plaintext: {@code off} (default) fails a load whose encrypted
   * attribute holds something that is not an envelope, exactly like tampering; {@code read} takes
   * such a value as legacy plaintext, after the policy allowed the read, and the READ audit event
   * names the field with {@link #LEGACY_PLAINTEXT_MARKER} appended. A value with a valid envelope
   * header that does not open still fails. Run {@link PlaintextMigration} and switch back to {@code
   * off}: while {@code read} is on, whoever can write the table can plant plaintext.
   */
  public static final String LEGACY_PLAINTEXT = "suoja.legacy_plaintext";

  /**
   * Whether a load refuses a value sealed before owners and data subjects were bound into the
   * envelope (docs/JPA.md, "Owner and subject binding"): {@code false} (default) opens such a
   * value, so data written by earlier versions stays readable; {@code true} fails the load of an
   * entity with an {@code @Owner} or {@code @DataSubjectId} attribute whose value is not bound,
   * with {@code SUOJA-5019}. Turn it on once {@link KeyRotation} has re-sealed every row (it binds
   * them) and the old key versions are retired: until then whoever can write the table can put back
   * an older, unbound envelope of the same row and change its owner.
   */
  public static final String REQUIRE_POLICY_BINDING = "suoja.require_policy_binding";

  /**
   * How the JDBC connection must be protected, checked at boot when entities with encrypted
   * attributes exist: {@code strict} (default) refuses a connection to a non-loopback host without
   * TLS that verifies the server (PostgreSQL {@code sslmode=verify-ca|verify-full} or {@code
   * ssl=true}; MariaDB {@code sslMode=verify-ca|verify-full}); {@code encrypted} also accepts TLS
   * without verification (PostgreSQL {@code sslmode=require}, MariaDB {@code sslMode=trust}, H2
   * {@code ssl://}); {@code off} checks nothing and logs a warning. In-process H2 and loopback
   * hosts always pass. See {@code docs/PROCESSING.md}.
   */
  public static final String TRANSPORT_SECURITY = "suoja.transport_security";

  /**
   * The most rows a paged, counting or exists query comparing a blind-indexed attribute reads
   * (default {@code 1000}): such a query is answered in memory over every row the index matched, so
   * that a page is a slice of the exact result and a count its size (docs/JPA.md, "Pages, counts
   * and exists"). One that matches more fails with {@code SUOJA-5130}; a plain list is not limited.
   */
  public static final String LOOKUP_CANDIDATE_LIMIT = "suoja.lookup_candidate_limit";

  /**
   * The tenant id of a single-tenant deployment (default: none, multi-tenant). Protected entities
   * without a {@code @TenantId} attribute then belong to this tenant: their values are sealed and
   * indexed under its data key and bound to it, and the policy sees it as the record's tenant (an
   * actor of another tenant is denied). Without it such an entity fails the boot ({@code
   * SUOJA-5001}). To become multi-tenant later, add the {@code @TenantId} column filled with this
   * id: envelopes and indexes stay valid (docs/JPA.md, "Single-tenant deployments").
   */
  public static final String SINGLE_TENANT = "suoja.single_tenant";

  /** Appended to a field name in audit events when the value was read as legacy plaintext. */
  public static final String LEGACY_PLAINTEXT_MARKER = ":legacy-plaintext";

  /** The mask token an encrypted attribute holds after a denied load in {@code mask} mode. */
  public static final String MASK = "<masked>";
}
