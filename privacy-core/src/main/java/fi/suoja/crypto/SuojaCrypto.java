package fi.suoja.crypto;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaMetrics;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Suoja's field cryptography, built once: the {@link FieldCipher}, the {@link BlindIndexer} and the
 * {@link Keyring}, sharing one key cache. Immutable and thread-safe.
 *
 * <pre>{@code
 * SuojaCrypto crypto = SuojaCrypto.builder()
 *     .keyProvider(KeyProvider.pkcs12(Path.of("suoja.p12"), "SUOJA_KEYSTORE_PASSWORD"))
 *     .wrappedKeyStore(WrappedKeyStore.directory(Path.of("/var/lib/suoja/keys")))
 *     .field("Client", "hetu", FieldOptions.defaults().padToBucket(16)
 *         .blindIndex(Normalization.HETU))
 *     .build();
 * }</pre>
 */
public final class SuojaCrypto {
  /** Default time unwrapped data keys and the key version list stay cached: 5 minutes. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

  /**
   * Default bound of the data-key cache: 10 000 tenants. An entry holds a tenant's unwrapped key
   * versions and the field keys derived from them, a few kilobytes; 10 000 is more tenants than one
   * node of a care vendor serves, at tens of megabytes at most.
   */
  public static final int DEFAULT_CACHE_MAX_TENANTS = 10_000;

  /**
   * Default bound of the subject-key cache: 100 000 keys. One entry is a 32-byte key and its
   * bookkeeping, about 200 bytes: 20 MB at most, for the subjects a node serves within one TTL.
   */
  public static final int DEFAULT_SUBJECT_KEY_CACHE_MAX_ENTRIES = 100_000;

  private final FieldCipher fieldCipher;
  private final BlindIndexer blindIndexer;
  private final KeyCache keyring;
  private final SubjectKeyCache subjectKeys;

  private SuojaCrypto(
      FieldCipher fieldCipher,
      BlindIndexer blindIndexer,
      KeyCache keyring,
      SubjectKeyCache subjectKeys) {
    this.fieldCipher = fieldCipher;
    this.blindIndexer = blindIndexer;
    this.keyring = keyring;
    this.subjectKeys = subjectKeys;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Seals and opens field values. */
  public FieldCipher fieldCipher() {
    return fieldCipher;
  }

  /** Computes blind indexes for the fields configured with one. */
  public BlindIndexer blindIndexer() {
    return blindIndexer;
  }

  /** Creates and rotates tenant data keys; re-wraps them after a master-key rotation. */
  public Keyring keyring() {
    return keyring;
  }

  /** Per-data-subject keys for crypto-shredding (create, find, destroy). */
  public SubjectKeys subjectKeys() {
    return subjectKeys;
  }

  @Override
  public String toString() {
    return "SuojaCrypto[" + keyring + "]";
  }

  /** Collects options; {@link #build()} validates them and names the first bad one. */
  public static final class Builder {
    private KeyProvider keyProvider;
    private SuojaMetrics metrics = SuojaMetrics.create();
    private WrappedKeyStore wrappedKeyStore;
    private Integer masterKeyVersion;
    private Duration cacheTtl = DEFAULT_CACHE_TTL;
    private int cacheMaxTenants = DEFAULT_CACHE_MAX_TENANTS;
    private int subjectKeyCacheMaxEntries = DEFAULT_SUBJECT_KEY_CACHE_MAX_ENTRIES;
    private boolean createTenantKeysOnFirstUse;
    private final List<FieldSpec> fields = new ArrayList<>();
    private final List<CompoundSpec> compounds = new ArrayList<>();

    private record FieldSpec(String entity, String field, FieldOptions options) {}

    @SuppressWarnings("ArrayRecordComponent") // never compared or hashed: a carrier of results
    private record CompoundSpec(String entity, String name, int bits, String[] fields) {}

    private Builder() {}

    /** Required: where master keys come from. */
    public Builder keyProvider(KeyProvider keyProvider) {
      this.keyProvider = keyProvider;
      return this;
    }

    /**
     * Where seals, opens and data-key cache hits and misses are counted. Default: counters of this
     * runtime's own that nobody reads ({@code Suoja.builder()} passes the runtime's).
     */
    public Builder metrics(SuojaMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** Required: where wrapped tenant data keys are stored ({@code WrappedKeyStore.directory}). */
    public Builder wrappedKeyStore(WrappedKeyStore wrappedKeyStore) {
      this.wrappedKeyStore = wrappedKeyStore;
      return this;
    }

    /** The master key version that wraps new data keys. Default: the provider's current one. */
    public Builder masterKeyVersion(int version) {
      this.masterKeyVersion = version;
      return this;
    }

    /**
     * How long unwrapped data keys and the key version list stay cached on this node (default 5
     * minutes; {@link Duration#ZERO} re-reads the store for every operation). Also how long another
     * node's rotation takes to reach this node's seals. Measured on a coarse clock of 10 ms
     * resolution (reading the real clock on every operation was the largest fixed cost of opening a
     * small value), so an entry may live up to one tick longer.
     */
    public Builder dataKeyCacheTtl(Duration ttl) {
      this.cacheTtl = ttl;
      return this;
    }

    /**
     * How many tenants' data keys this node keeps unwrapped at most (default {@value
     * #DEFAULT_CACHE_MAX_TENANTS}); beyond that the longest-held entries are dropped and their keys
     * destroyed, and the next use of such a tenant unwraps again (with a master key in a key
     * management service: one call to it).
     */
    public Builder dataKeyCacheMaxTenants(int maxTenants) {
      this.cacheMaxTenants = maxTenants;
      return this;
    }

    /**
     * How many subject keys and subject reference keys this node keeps unwrapped at most (default
     * {@value #DEFAULT_SUBJECT_KEY_CACHE_MAX_ENTRIES}); beyond that the longest-held tenth is
     * dropped and zeroed, and the next use of such a key unwraps it again.
     */
    public Builder subjectKeyCacheMaxEntries(int maxEntries) {
      this.subjectKeyCacheMaxEntries = maxEntries;
      return this;
    }

    /**
     * Whether the first seal for a tenant without a data key creates version 1 (default false: such
     * a seal fails with {@link KeyUnavailableException}, and on-boarding calls {@code
     * keyring().create(tenant)}).
     */
    public Builder createTenantKeysOnFirstUse(boolean create) {
      this.createTenantKeysOnFirstUse = create;
      return this;
    }

    /** Options for one field; fields without options are sealed unpadded, without an index. */
    public Builder field(String entity, String field, FieldOptions options) {
      fields.add(new FieldSpec(entity, field, options));
      return this;
    }

    /**
     * A compound blind index {@code name} of {@code entity} over two or more fields, in order; each
     * value is normalised with its field's {@link FieldOptions#normalization()}.
     */
    public Builder compoundIndex(String entity, String name, int bits, String... fields) {
      compounds.add(new CompoundSpec(entity, name, bits, fields == null ? null : fields.clone()));
      return this;
    }

    /**
     * Validates every option and builds. Resolves the master key now, so a missing key fails at
     * start-up rather than at the first write.
     *
     * @throws SuojaConfigurationException naming the first bad option
     */
    public SuojaCrypto build() {
      if (keyProvider == null) {
        throw config(
            "SUOJA-1033",
            "keyProvider is required: set Suoja.builder().keyProvider(KeyProvider.pkcs12(...)"
                + " or KeyProvider.environment(...)), or SuojaCrypto.builder().keyProvider(...)");
      }
      if (wrappedKeyStore == null) {
        throw config(
            "SUOJA-1033",
            "wrappedKeyStore is required: set Suoja.builder().wrappedKeyStore("
                + "WrappedKeyStore.directory(...) or JdbcWrappedKeyStore.builder(...).build()),"
                + " or SuojaCrypto.builder().wrappedKeyStore(...)");
      }
      if (cacheTtl == null || cacheTtl.isNegative()) {
        throw config(
            "SUOJA-1037",
            "Suoja.builder().crypto(c -> c.dataKeyCacheTtl(ttl)) must be zero or positive, was "
                + cacheTtl);
      }
      if (cacheMaxTenants < 1) {
        throw config(
            "SUOJA-1037",
            "Suoja.builder().crypto(c -> c.dataKeyCacheMaxTenants(n)) must be 1 or more, was "
                + cacheMaxTenants);
      }
      if (subjectKeyCacheMaxEntries < 1) {
        throw config(
            "SUOJA-1037",
            "Suoja.builder().crypto(c -> c.subjectKeyCacheMaxEntries(n)) must be 1 or more, was "
                + subjectKeyCacheMaxEntries);
      }
      int master = masterKeyVersion != null ? masterKeyVersion : keyProvider.currentVersion();
      try {
        keyProvider.keyEncryption(master);
      } catch (KeyUnavailableException e) {
        throw new SuojaConfigurationException(
            "SUOJA-1033",
            "masterKeyVersion "
                + master
                + " is not held by the key provider "
                + keyProvider
                + " (set by Suoja.builder().crypto(c -> c.masterKeyVersion(n)); default the"
                + " provider's current version)",
            e);
      }

      Map<String, Map<String, FieldOptions>> options = new HashMap<>();
      for (FieldSpec f : fields) {
        String entity = f.entity();
        String field = f.field();
        FieldOptions o = f.options();
        String option = "Suoja.builder().crypto(c -> c.field(" + entity + ", " + field + ", ...))";
        checkName(option, entity);
        checkName(option, field);
        if (o == null) {
          throw config("SUOJA-1036", option + " has no FieldOptions");
        }
        if (options.computeIfAbsent(entity, e -> new HashMap<>()).putIfAbsent(field, o) != null) {
          throw config(
              "SUOJA-1036",
              option
                  + " is configured twice (Suoja.builder().entities(...) configures the"
                  + " @Encrypted attributes of the classes it is given)");
        }
      }

      Map<String, Map<String, HmacBlindIndexer.Compound>> compoundIndexes = new HashMap<>();
      for (CompoundSpec c : compounds) {
        String entity = c.entity();
        String name = c.name();
        int bits = c.bits();
        String[] parts = c.fields();
        String option =
            "Suoja.builder().crypto(c -> c.compoundIndex(" + entity + ", " + name + ", ...))";
        checkName(option, entity);
        checkName(option, name);
        FieldOptions.checkBits(option + " bits", bits);
        if (parts == null || parts.length < 2) {
          throw config("SUOJA-1036", option + " needs two or more fields");
        }
        Set<String> seen = new HashSet<>();
        List<Normalization> normalizations = new ArrayList<>();
        for (String part : parts) {
          checkName(option, part);
          if (!seen.add(part)) {
            throw config("SUOJA-1036", option + " names field " + part + " twice");
          }
          normalizations.add(EnvelopeFieldCipher.optionsOf(options, entity, part).normalization());
        }
        HmacBlindIndexer.Compound compound =
            new HmacBlindIndexer.Compound(
                entity, name, bits, List.of(parts), List.copyOf(normalizations));
        if (compoundIndexes
                .computeIfAbsent(entity, e -> new HashMap<>())
                .putIfAbsent(name, compound)
            != null) {
          throw config("SUOJA-1036", option + " is declared twice");
        }
      }

      long ttlNanos;
      try {
        ttlNanos = cacheTtl.toNanos();
      } catch (ArithmeticException tooLong) {
        ttlNanos = Long.MAX_VALUE;
      }
      KeyProvider guarded = new RetiredMasterKeyGuard(keyProvider, wrappedKeyStore, ttlNanos);
      KeyCache keys =
          new KeyCache(
              guarded,
              wrappedKeyStore,
              master,
              ttlNanos,
              cacheMaxTenants,
              createTenantKeysOnFirstUse,
              metrics);
      SubjectKeyCache subjects =
          new SubjectKeyCache(
              guarded, wrappedKeyStore, master, ttlNanos, subjectKeyCacheMaxEntries);
      Map<String, Map<String, FieldOptions>> frozen = freeze(options);
      return new SuojaCrypto(
          new EnvelopeFieldCipher(keys, subjects, frozen, metrics),
          new HmacBlindIndexer(keys, frozen, freeze(compoundIndexes)),
          keys,
          subjects);
    }

    private static <T> Map<String, Map<String, T>> freeze(Map<String, Map<String, T>> nested) {
      Map<String, Map<String, T>> out = new HashMap<>();
      nested.forEach((k, v) -> out.put(k, Map.copyOf(v)));
      return Map.copyOf(out);
    }

    private static void checkName(String option, String name) {
      if (name == null || name.isBlank() || name.length() > 255) {
        throw config("SUOJA-1036", option + ": entity, field and index names must be 1..255 chars");
      }
    }

    private static SuojaConfigurationException config(String code, String message) {
      return new SuojaConfigurationException(code, message);
    }
  }
}
