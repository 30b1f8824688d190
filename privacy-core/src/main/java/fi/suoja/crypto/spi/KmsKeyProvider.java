package fi.suoja.crypto.spi;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.internal.RetryingKeyEncryption;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Master keys that never leave a key management service: each version is a {@link KeyEncryption}
 * that wraps and unwraps data keys remotely (e.g. {@code fi.suoja.crypto.tink.TinkKeyEncryption}
 * over Tink's AWS KMS, Google Cloud KMS or HashiCorp Vault integration).
 *
 * <pre>{@code
 * KeyProvider keys =
 *     KeyProvider.kms()
 *         .key(TinkKeyEncryption.of(1, kmsClient, "aws-kms://arn:aws:kms:eu-north-1:...:key/..."))
 *         .build();
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Each wrap or unwrap is tried at most {@link Builder#maxAttempts} times, with exponential
 *       backoff from {@link Builder#initialBackoff} (halved to full, at random), all within {@link
 *       Builder#deadline} measured from the first attempt; an attempt still running at the deadline
 *       is abandoned (its thread interrupted). Then it fails closed with {@link
 *       KeyUnavailableException} {@code SUOJA-1050}: no key is handed out that the service did not
 *       return.
 *   <li>An answer that a wrapped key does not authenticate ({@link
 *       javax.crypto.AEADBadTagException}) is not retried.
 *   <li>Nothing is remembered of a failure: the next call asks the service again, so service
 *       recovery needs no restart.
 *   <li>Combined with the data-key cache ({@code dataKeyCacheTtl}, {@code dataKeyCacheMaxTenants}),
 *       one unwrap per tenant key per TTL reaches the service, whatever the number of threads.
 * </ul>
 *
 * <p>{@link #masterKey(int)} always refuses ({@code SUOJA-1053}): the key is not in this JVM.
 */
public final class KmsKeyProvider implements KeyProvider {
  /** Default {@link Builder#maxAttempts}: 4. */
  public static final int DEFAULT_MAX_ATTEMPTS = 4;

  /** Default {@link Builder#initialBackoff}: 100 ms (then 200, 400 ms). */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);

  /** Default {@link Builder#deadline}: 5 seconds for all attempts of one call together. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

  private final Map<Integer, KeyEncryption> keys;

  private KmsKeyProvider(Map<Integer, KeyEncryption> keys) {
    this.keys = Collections.unmodifiableMap(keys);
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Refuses: the master key stays in the key management service.
   *
   * @throws KeyUnavailableException always ({@code SUOJA-1053})
   */
  @Override
  public MasterKey masterKey(int version) {
    throw new KeyUnavailableException(
        "SUOJA-1053",
        "master key version "
            + version
            + " is held by a key management service and never leaves it; Suoja wraps and unwraps"
            + " through KeyProvider.keyEncryption(version)");
  }

  @Override
  public KeyEncryption keyEncryption(int version) {
    KeyEncryption key = keys.get(version);
    if (key == null) {
      throw new KeyUnavailableException(
          "SUOJA-1004",
          "master key version " + version + " is not configured in KeyProvider.kms()");
    }
    return key;
  }

  /** The highest configured version. */
  @Override
  public int currentVersion() {
    return Collections.max(keys.keySet());
  }

  @Override
  public String toString() {
    return "KmsKeyProvider[versions=" + keys.keySet() + "]";
  }

  /** Collects the keys and the retry policy; {@link #build()} validates. */
  public static final class Builder {
    private final Map<Integer, KeyEncryption> keys = new TreeMap<>();
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration deadline = DEFAULT_DEADLINE;
    private String duplicate;

    private Builder() {}

    /** A master key version held by the service; at least one; the highest wraps new keys. */
    public Builder key(KeyEncryption key) {
      Objects.requireNonNull(key, "key");
      if (keys.putIfAbsent(key.version(), key) != null) {
        duplicate = "master key version " + key.version() + " is configured twice";
      }
      return this;
    }

    /**
     * Attempts per wrap or unwrap, 1 or more (default {@value #DEFAULT_MAX_ATTEMPTS}: rides out a
     * short failover of the service or a dropped connection).
     */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * The pause before the second attempt, doubled for each further one up to 2 s, with random
     * jitter (default 100 ms). Zero or positive.
     */
    public Builder initialBackoff(Duration backoff) {
      this.initialBackoff = backoff;
      return this;
    }

    /**
     * Time for all attempts of one call together, positive (default 5 s: the request that needs a
     * key it has not unwrapped waits at most this long, well within the usual 30 s of an HTTP
     * request, before it fails closed). Give the service client a shorter timeout per request, so
     * that a hung attempt leaves time for another.
     */
    public Builder deadline(Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws SuojaConfigurationException ({@code SUOJA-1054}) naming the first bad option
     */
    public KmsKeyProvider build() {
      if (duplicate != null) {
        throw bad(duplicate);
      }
      if (keys.isEmpty()) {
        throw bad("KeyProvider.kms() needs a key(...)");
      }
      if (maxAttempts < 1) {
        throw bad("KeyProvider.kms().maxAttempts(n) must be 1 or more, was " + maxAttempts);
      }
      if (initialBackoff == null || initialBackoff.isNegative()) {
        throw bad("KeyProvider.kms().initialBackoff(d) must be zero or positive");
      }
      if (deadline == null || deadline.isNegative() || deadline.isZero()) {
        throw bad("KeyProvider.kms().deadline(d) must be positive");
      }
      Map<Integer, KeyEncryption> retrying = new TreeMap<>();
      keys.forEach(
          (version, key) ->
              retrying.put(
                  version, new RetryingKeyEncryption(key, maxAttempts, initialBackoff, deadline)));
      return new KmsKeyProvider(retrying);
    }

    private static SuojaConfigurationException bad(String message) {
      return new SuojaConfigurationException("SUOJA-1054", message);
    }
  }
}
