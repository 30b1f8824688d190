package fi.suoja;

import fi.suoja.annotation.ProtectedType;
import fi.suoja.audit.Auditor;
import fi.suoja.crypto.BlindIndexer;
import fi.suoja.crypto.FieldCipher;
import fi.suoja.crypto.FieldOptions;
import fi.suoja.crypto.Keyring;
import fi.suoja.crypto.Normalization;
import fi.suoja.crypto.SubjectKeys;
import fi.suoja.crypto.SuojaCrypto;
import fi.suoja.crypto.internal.SubKeys;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.masking.Anonymiser;
import fi.suoja.masking.Masker;
import fi.suoja.masking.Pseudonymiser;
import fi.suoja.masking.SensitiveValues;
import fi.suoja.policy.AccessGuard;
import fi.suoja.policy.AccessPolicy;
import fi.suoja.policy.ActorResolver;
import fi.suoja.policy.NoActorException;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.TenantPrivacySettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.SecretKey;

/**
 * The Suoja runtime: field cryptography, the access guard (policy + audit) and the registry of
 * decrypted values for log masking, built once and shared by every integration (the Hibernate
 * integration takes it from the {@code suoja.runtime} property).
 *
 * <pre>{@code
 * Suoja suoja = Suoja.builder()
 *     .keyProvider(KeyProvider.pkcs12(Path.of("suoja.p12"), "SUOJA_KEYSTORE_PASSWORD"))
 *     .wrappedKeyStore(WrappedKeyStore.directory(Path.of("keys")))
 *     .entities(Client.class, Employee.class)      // reads @Encrypted and @BlindIndex
 *     .policy(CareAccessPolicy.builder().incidentGrants(grants).build())
 *     .auditor(Auditor.builder(sink).application("echat").node("node-1").build())
 *     .build();
 * }</pre>
 *
 * <p>Every option without a safe default (keys, policy, auditor) is required: {@link
 * Builder#build()} names the first one missing. Immutable and thread-safe; no global state.
 */
public final class Suoja {
  private final SuojaCrypto crypto;
  private final AccessGuard guard;
  private final Auditor auditor;
  private final Set<String> entities;
  private final Function<String, Optional<TenantPrivacySettings>> tenantSettings;
  private final SecretKey pseudonymKey;
  private final Map<String, Masker> maskers = new ConcurrentHashMap<>();
  private final SuojaMetrics metrics;

  private Suoja(Builder b, SuojaCrypto crypto, AccessGuard guard, SuojaMetrics metrics) {
    this.crypto = crypto;
    this.metrics = metrics;
    this.guard = guard;
    this.auditor = b.auditor;
    this.entities = Set.copyOf(b.entities.keySet());
    this.tenantSettings = b.tenantSettings;
    this.pseudonymKey = b.pseudonymKey;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Seals and opens field values. */
  public FieldCipher cipher() {
    return crypto.fieldCipher();
  }

  /** Computes blind indexes. */
  public BlindIndexer blindIndexer() {
    return crypto.blindIndexer();
  }

  /** Creates and rotates tenant keys. */
  public Keyring keyring() {
    return crypto.keyring();
  }

  /** Per-data-subject keys (crypto-shredding). */
  public SubjectKeys subjectKeys() {
    return crypto.subjectKeys();
  }

  /** Decides and audits accesses. */
  public AccessGuard guard() {
    return guard;
  }

  /** Records audit events. */
  public Auditor auditor() {
    return auditor;
  }

  /**
   * The runtime's counters (seals, opens, decisions, key cache, audit writes), for a metrics
   * registry; {@code fi.suoja.micrometer.SuojaMeterBinder} binds them to Micrometer.
   */
  public SuojaMetrics metrics() {
    return metrics;
  }

  /**
   * The log masker of a tenant: a {@link Pseudonymiser} keyed for that tenant alone when the tenant
   * allows client data in logs as pseudonyms ({@link TenantPrivacySettings#clientDataInLogs()}) and
   * a pseudonym key is configured; the irreversible {@link Anonymiser} otherwise (fail closed:
   * unknown tenants are anonymised).
   */
  public Masker maskerFor(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return maskers.computeIfAbsent(
        tenant,
        t -> {
          boolean pseudonyms =
              pseudonymKey != null
                  && tenantSettings
                      .apply(t)
                      .map(TenantPrivacySettings::clientDataInLogs)
                      .orElse(false);
          return pseudonyms ? Pseudonymiser.withKey(tenantPseudonymKey(t)) : Anonymiser.instance();
        });
  }

  private SecretKey tenantPseudonymKey(String tenant) {
    try {
      return SubKeys.logPseudonymKey(pseudonymKey, tenant);
    } catch (IllegalArgumentException unusable) {
      throw new SuojaConfigurationException(
          "SUOJA-1505", "cannot derive the log pseudonym key of a tenant", unusable);
    }
  }

  /** The names of the entities registered with {@link Builder#entities}. */
  public Set<String> entities() {
    return entities;
  }

  /**
   * Registers a value just decrypted with the current unit of work, so the log maskers mask it
   * wherever it appears in this request's log lines. A scope opened without a masker (a {@link
   * PrivacyContext}'s) gets the masker of the context's tenant first ({@link #maskerFor}; the
   * anonymiser for a provider-side actor on no tenant), so every way of opening a unit of work
   * masks the tenant's way.
   *
   * @throws SuojaException {@code SUOJA-2002} when no {@link SensitiveValues} scope is open (fail
   *     closed)
   */
  public void remember(String plaintext) {
    SensitiveValues.Scope scope = SensitiveValues.current().orElse(null);
    if (scope == null) {
      SensitiveValues.register(plaintext); // fails with SUOJA-2002
      return;
    }
    if (scope.masker().isEmpty()) {
      scope.maskWith(contextMasker());
    }
    scope.register(plaintext);
  }

  /** The masker of the current context's tenant; the anonymiser without a tenant or an actor. */
  private Masker contextMasker() {
    Optional<String> tenant;
    try {
      tenant = guard.currentContext().tenant();
    } catch (NoActorException none) {
      return Anonymiser.instance();
    }
    return tenant.map(this::maskerFor).orElse(Anonymiser.instance());
  }

  @Override
  public String toString() {
    return "Suoja[entities=" + entities + "]";
  }

  /** The JPA entity name of a class: {@code @Entity(name = ...)} or the simple class name. */
  public static String entityName(Class<?> type) {
    try {
      return ProtectedType.entityName(type);
    } catch (IllegalStateException unreadable) {
      throw new SuojaConfigurationException(
          "SUOJA-1500", "cannot read @Entity of " + type.getName(), unreadable);
    }
  }

  /** Configures a {@link Suoja} runtime. */
  public static final class Builder {
    private final SuojaCrypto.Builder crypto = SuojaCrypto.builder();
    private final Map<String, Class<?>> entities = new LinkedHashMap<>();
    // field options by envelope scope (hierarchy root entity name), as given to the crypto builder
    private final Map<String, Map<String, FieldOptions>> scoped = new LinkedHashMap<>();
    private AccessPolicy policy;
    private Auditor auditor;
    private ActorResolver resolver = ActorResolver.none();
    private String providerId = "provider";
    private Supplier<String> correlationId = () -> null;
    private Function<String, Optional<TenantPrivacySettings>> tenantSettings =
        tenant -> Optional.empty();
    private SecretKey pseudonymKey;

    private Builder() {}

    /**
     * How each tenant's log lines are masked: tenants whose settings allow client data in logs get
     * stable pseudonyms keyed per tenant from {@code pseudonymKey} (at least 128 bits, kept like
     * any other key); every other tenant is anonymised. Default: everyone anonymised.
     */
    public Builder logMasking(
        Function<String, Optional<TenantPrivacySettings>> settings, SecretKey pseudonymKey) {
      this.tenantSettings = Objects.requireNonNull(settings, "settings");
      this.pseudonymKey = Objects.requireNonNull(pseudonymKey, "pseudonymKey");
      if (pseudonymKey.getEncoded() == null || pseudonymKey.getEncoded().length < 16) {
        throw new SuojaConfigurationException(
            "SUOJA-1506",
            "the log pseudonym key of Suoja.builder().logMasking(settings, pseudonymKey) must"
                + " hold at least 128 bits");
      }
      return this;
    }

    /** Where master keys come from. Required. */
    public Builder keyProvider(KeyProvider keyProvider) {
      crypto.keyProvider(keyProvider);
      return this;
    }

    /** Where wrapped tenant data keys are kept. Required. */
    public Builder wrappedKeyStore(WrappedKeyStore store) {
      crypto.wrappedKeyStore(store);
      return this;
    }

    /** Further crypto options (cache TTL, master key version, compound indexes). */
    public Builder crypto(Consumer<SuojaCrypto.Builder> options) {
      options.accept(crypto);
      return this;
    }

    /**
     * The entity classes whose {@code @Encrypted} and {@code @BlindIndex} annotations configure
     * padding and blind indexes.
     */
    public Builder entities(Class<?>... types) {
      for (Class<?> type : types) {
        String name = entityName(type);
        Class<?> previous = entities.put(name, type);
        if (previous != null && previous != type) {
          throw new SuojaConfigurationException(
              "SUOJA-1501",
              "two entity classes share the entity name '"
                  + name
                  + "': "
                  + previous.getName()
                  + " and "
                  + type.getName());
        }
        configure(name, ProtectedType.of(type));
      }
      return this;
    }

    /** The access policy. Required: there is no permissive default. */
    public Builder policy(AccessPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The auditor every decision is recorded through. Required. */
    public Builder auditor(Auditor auditor) {
      this.auditor = Objects.requireNonNull(auditor, "auditor");
      return this;
    }

    /** Supplies the actor from the host's security framework. Default: none. */
    public Builder actorResolver(ActorResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** The organisation id recorded for provider-side actors. Default {@code "provider"}. */
    public Builder providerId(String providerId) {
      this.providerId = Objects.requireNonNull(providerId, "providerId");
      return this;
    }

    /**
     * Supplies the correlation id of the current request (a trace id), recorded in every audit
     * event the guard writes; {@code null} when there is none. Default: none.
     */
    public Builder correlationId(Supplier<String> correlationId) {
      this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
      return this;
    }

    public Suoja build() {
      if (policy == null) {
        throw new SuojaConfigurationException(
            "SUOJA-1502", "no access policy: set Suoja.builder().policy(...)");
      }
      if (auditor == null) {
        throw new SuojaConfigurationException(
            "SUOJA-1503", "no auditor: set Suoja.builder().auditor(...)");
      }
      SuojaMetrics metrics = SuojaMetrics.create(auditor.metrics());
      AccessGuard guard =
          AccessGuard.builder(policy, auditor)
              .actorResolver(resolver)
              .providerId(providerId)
              .correlationId(correlationId)
              .metrics(metrics)
              .build();
      return new Suoja(this, crypto.metrics(metrics).build(), guard, metrics);
    }

    /**
     * Registers the field options of {@code type} under its envelope scope, the entity name of its
     * hierarchy's root ({@link ProtectedType#scope}), as the JPA integration seals - so options
     * declared on a subclass apply (before 2026-12 they were kept under the subclass's own name and
     * silently ignored: no padding, a late SUOJA-1023 for an index).
     */
    private void configure(String entity, ProtectedType type) {
      String scope = type.scope();
      Map<String, FieldOptions> options = new LinkedHashMap<>();
      for (ProtectedType.EncryptedAttribute e : type.encrypted()) {
        FieldOptions o = FieldOptions.defaults();
        options.put(e.name(), e.padToBucket() > 0 ? o.padToBucket(e.padToBucket()) : o);
      }
      for (ProtectedType.IndexAttribute bi : type.indexes()) {
        FieldOptions base = options.get(bi.of());
        if (base == null) {
          throw new SuojaConfigurationException(
              "SUOJA-1504",
              entity
                  + "."
                  + bi.name()
                  + " is @BlindIndex(of = \""
                  + bi.of()
                  + "\"), and '"
                  + bi.of()
                  + "' is not an @Encrypted attribute");
        }
        Normalization n = Normalization.valueOf(bi.normalization().name());
        if (bi.prefix() != 0) {
          if (base.prefixLength() != 0) {
            throw new SuojaConfigurationException(
                "SUOJA-1514",
                entity
                    + "."
                    + bi.name()
                    + " is a second prefix index of '"
                    + bi.of()
                    + "': one prefix length per attribute keeps the leakage analysable");
          }
          int bits = bi.bits() > 0 ? bi.bits() : FieldOptions.DEFAULT_PREFIX_INDEX_BITS;
          options.put(bi.of(), base.prefixIndex(n, bi.prefix(), bits));
        } else {
          options.put(bi.of(), bi.bits() > 0 ? base.blindIndex(n, bi.bits()) : base.blindIndex(n));
        }
      }
      Map<String, FieldOptions> known = scoped.computeIfAbsent(scope, k -> new LinkedHashMap<>());
      options.forEach(
          (field, o) -> {
            FieldOptions before = known.putIfAbsent(field, o);
            if (before == null) {
              crypto.field(scope, field, o);
            } else if (!before.equals(o)) {
              // two classes of one hierarchy declare the same attribute name differently
              throw new SuojaConfigurationException(
                  "SUOJA-1507",
                  entity
                      + "."
                      + field
                      + " is declared with other @Encrypted/@BlindIndex options"
                      + " by another entity of the hierarchy "
                      + scope
                      + ": one name, one"
                      + " envelope scope, one set of options");
            }
          });
    }
  }
}
