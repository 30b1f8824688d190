package fi.suoja.crypto;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.internal.DataKeyWrap;
import fi.suoja.crypto.internal.OpenFailedException;
import fi.suoja.crypto.spi.KeyEncryption;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves every stored wrapped key (tenant data keys, subject keys and subject reference keys) from
 * the master key versions it is under to one target master key version, which may live in another
 * key provider: a PKCS#12 file to a PKCS#11 HSM or a key management service. The data keys
 * themselves do not change, so no data row is read or written; only the store's wrapped keys are
 * replaced, one at a time.
 *
 * <pre>{@code
 * MasterKeyMigration migration = MasterKeyMigration.builder(store)
 *     .source(KeyProvider.pkcs12(Path.of("suoja.p12"), "SUOJA_KEYSTORE_PASSWORD"))
 *     .target(KeyProvider.pkcs11(Path.of("suoja-pkcs11.cfg"), "SUOJA_PKCS11_PIN"), 2)
 *     .listener(p -> log.info("{} of {} keys", p.scanned(), p.owners()))
 *     .build();
 * migration.run();     // again after a crash: keys already under version 2 are skipped
 * migration.verify();  // every key is under version 2 and unwraps
 * migration.retire(1); // no node may use master key version 1 again
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Each key is unwrapped under its own master version by the source, wrapped by the target,
 *       unwrapped again by the target and compared before the store replaces it in one atomic step;
 *       a key the target does not give back intact is never stored ({@code SUOJA-1059}).
 *   <li>Idempotent and resumable: each stored key records its master key version; a run skips the
 *       keys already under the target, so a run killed at any point is completed by running again.
 *   <li>{@link #cancel()} stops a run after the key in hand; what was done stays done.
 *   <li>{@link #retire(int)} refuses while any stored key is still under the version, and records
 *       the retirement in the store, after which every Suoja runtime on that store refuses the
 *       version ({@code SUOJA-1056}), even if a key provider still holds it.
 * </ul>
 *
 * <p>Warning: the target version must be new (no key stored under it before); a run treats every
 * key under it as done. Versions of tenant keys retired by {@code WrappedKeyStore.retire} are not
 * re-wrapped: once the old master key is retired they can no longer be restored.
 */
public final class MasterKeyMigration {

  /**
   * Progress after a key (and the result of {@link #run}).
   *
   * @param owners owners (tenants and subject-key owners) in the store when the run started
   * @param scanned keys looked at so far in this run
   * @param rewrapped keys this run re-wrapped under the target
   * @param skipped keys already under the target (done by an earlier run) or deleted meanwhile
   * @param cancelled whether the run stopped because of {@link #cancel()}
   * @param elapsed time since the run started
   */
  public record Progress(
      long owners,
      long scanned,
      long rewrapped,
      long skipped,
      boolean cancelled,
      Duration elapsed) {}

  /**
   * What {@link #verify()} checked.
   *
   * @param owners owners looked at
   * @param keys keys unwrapped under the target
   */
  public record Verification(long owners, long keys) {}

  /** Receives progress after every key, on the thread that runs the migration. */
  @FunctionalInterface
  public interface Listener {
    void onKey(Progress progress);
  }

  private final WrappedKeyStore store;
  private final KeyProvider source;
  private final KeyEncryption target;
  private final int targetVersion;
  private final Listener listener;
  private final Clock clock;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  private MasterKeyMigration(Builder b, KeyEncryption target) {
    this.store = b.store;
    this.source = b.source;
    this.target = target;
    this.targetVersion = b.targetVersion;
    this.listener = b.listener;
    this.clock = b.clock;
  }

  /** A builder over the store that holds the wrapped keys. */
  public static Builder builder(WrappedKeyStore store) {
    return new Builder(Objects.requireNonNull(store, "store"));
  }

  /** The master key version every key is moved to. */
  public int targetVersion() {
    return targetVersion;
  }

  /**
   * Re-wraps every key that is not under the target version yet.
   *
   * @return the final progress; {@link Progress#cancelled()} if {@link #cancel()} stopped it
   * @throws KeyUnavailableException {@code SUOJA-1058} if a key does not unwrap under the source
   *     (or the source lacks its master version), {@code SUOJA-1059} if the target does not give a
   *     key back intact, or the code of an unreachable provider or store; the keys done so far stay
   *     done and a new run resumes
   */
  public Progress run() {
    Instant start = clock.instant();
    List<String> owners = new ArrayList<>(new TreeSet<>(store.tenants()));
    long scanned = 0;
    long rewrapped = 0;
    long skipped = 0;
    try {
      for (String owner : owners) {
        for (WrappedKey key : sorted(store.load(owner))) {
          if (cancelled.get()) {
            Progress p = progress(owners, scanned, rewrapped, skipped, true, start);
            listener.onKey(p);
            return p;
          }
          scanned++;
          if (key.masterKeyVersion() == targetVersion || !rewrap(key)) {
            skipped++;
          } else {
            rewrapped++;
          }
          listener.onKey(progress(owners, scanned, rewrapped, skipped, false, start));
        }
      }
      return progress(owners, scanned, rewrapped, skipped, false, start);
    } finally {
      cancelled.set(false);
    }
  }

  /**
   * Stops the run in progress (or the next one, if none is running) after the key in hand. Safe
   * from any thread.
   */
  public void cancel() {
    cancelled.set(true);
  }

  /**
   * Checks that every stored key is under the target version and unwraps under it.
   *
   * @throws KeyUnavailableException {@code SUOJA-1060} naming the first key that is not (or the
   *     code of an unreachable provider or store)
   */
  public Verification verify() {
    long owners = 0;
    long keys = 0;
    for (String owner : new TreeSet<>(store.tenants())) {
      owners++;
      for (WrappedKey key : sorted(store.load(owner))) {
        if (key.masterKeyVersion() != targetVersion) {
          throw new KeyUnavailableException(
              "SUOJA-1060",
              "key "
                  + name(key)
                  + " is under master key version "
                  + key.masterKeyVersion()
                  + ", not "
                  + targetVersion
                  + ": run the migration again");
        }
        try {
          Arrays.fill(DataKeyWrap.unwrap(target, key), (byte) 0);
        } catch (OpenFailedException e) {
          throw new KeyUnavailableException(
              "SUOJA-1060",
              "key "
                  + name(key)
                  + " does not unwrap under target master key version "
                  + targetVersion);
        }
        keys++;
      }
    }
    return new Verification(owners, keys);
  }

  /**
   * Records master key {@code version} as retired in the store, once no stored key is under it;
   * from then on every Suoja runtime on this store refuses it ({@code SUOJA-1056}, noticed within
   * one data-key cache TTL). Run it after {@link #run()} and after every node was switched to the
   * target version; then destroy the old key in its key store.
   *
   * @return true if it was not retired before
   * @throws KeyUnavailableException {@code SUOJA-1057} if it is the target version or a stored key
   *     is still under it (nothing was recorded), or if keys were created under it while it was
   *     being recorded (then run the migration again with the source still holding it)
   * @throws SuojaConfigurationException {@code SUOJA-1009} if the store cannot record it
   */
  public boolean retire(int version) {
    if (version == targetVersion) {
      throw new KeyUnavailableException(
          "SUOJA-1057",
          "master key version " + version + " is the migration's target; it cannot be retired");
    }
    String still = firstUnder(version);
    if (still != null) {
      throw new KeyUnavailableException(
          "SUOJA-1057",
          "key "
              + still
              + " is still under master key version "
              + version
              + "; nothing was retired: run the migration first");
    }
    boolean recorded = store.retireMasterKey(version);
    String late = firstUnder(version);
    if (late != null) {
      throw new KeyUnavailableException(
          "SUOJA-1057",
          "master key version "
              + version
              + " was recorded as retired, but key "
              + late
              + " was created under it meanwhile (a node still wraps with it): switch every node"
              + " to version "
              + targetVersion
              + " and run the migration again while the source still holds version "
              + version);
    }
    return recorded;
  }

  private String firstUnder(int version) {
    for (String owner : new TreeSet<>(store.tenants())) {
      for (WrappedKey key : sorted(store.load(owner))) {
        if (key.masterKeyVersion() == version) {
          return name(key);
        }
      }
    }
    return null;
  }

  /** Re-wraps one key; false if it was deleted meanwhile (erasure or off-boarding). */
  private boolean rewrap(WrappedKey key) {
    KeyEncryption from;
    try {
      from = source.keyEncryption(key.masterKeyVersion());
    } catch (KeyUnavailableException e) {
      throw new KeyUnavailableException(
          "SUOJA-1058",
          "the source key provider does not hold master key version "
              + key.masterKeyVersion()
              + " of key "
              + name(key),
          e);
    }
    byte[] raw;
    try {
      raw = DataKeyWrap.unwrap(from, key);
    } catch (OpenFailedException e) {
      throw new KeyUnavailableException(
          "SUOJA-1058",
          "key "
              + name(key)
              + " does not unwrap under master key version "
              + key.masterKeyVersion()
              + " of the source key provider; nothing was changed for it");
    }
    byte[] back = null;
    try {
      WrappedKey moved = DataKeyWrap.wrap(target, key.tenant(), key.version(), raw);
      try {
        back = DataKeyWrap.unwrap(target, moved);
      } catch (OpenFailedException e) {
        back = null;
      }
      if (back == null || !MessageDigest.isEqual(raw, back)) {
        throw new KeyUnavailableException(
            "SUOJA-1059",
            "the target master key version "
                + targetVersion
                + " did not give key "
                + name(key)
                + " back intact; it was not replaced");
      }
      try {
        store.replace(moved);
      } catch (IllegalArgumentException gone) {
        return false; // deleted since it was listed: nothing left to move
      }
      return true;
    } finally {
      Arrays.fill(raw, (byte) 0);
      if (back != null) {
        Arrays.fill(back, (byte) 0);
      }
    }
  }

  private Progress progress(
      List<String> owners,
      long scanned,
      long rewrapped,
      long skipped,
      boolean cancelled,
      Instant start) {
    return new Progress(
        owners.size(),
        scanned,
        rewrapped,
        skipped,
        cancelled,
        Duration.between(start, clock.instant()));
  }

  private static List<WrappedKey> sorted(List<WrappedKey> keys) {
    List<WrappedKey> out = new ArrayList<>(keys);
    out.sort(Comparator.comparingInt(WrappedKey::version));
    return out;
  }

  private static String name(WrappedKey key) {
    return (key.tenant().startsWith("~subject") ? "subject:" : "tenant:")
        + key.tenant()
        + ":v"
        + key.version();
  }

  @Override
  public String toString() {
    return "MasterKeyMigration[target=" + targetVersion + ", store=" + store + "]";
  }

  /** Options; {@link #build()} validates them. */
  public static final class Builder {
    private final WrappedKeyStore store;
    private KeyProvider source;
    private KeyProvider targetProvider;
    private int targetVersion;
    private Listener listener = p -> {};
    private Clock clock = Clock.systemUTC();

    private Builder(WrappedKeyStore store) {
      this.store = store;
    }

    /** Required: the provider holding the master key versions the keys are under now. */
    public Builder source(KeyProvider source) {
      this.source = source;
      return this;
    }

    /**
     * Required: the provider and the new master key version every key is moved to (it may be the
     * source provider, holding a new version).
     */
    public Builder target(KeyProvider target, int version) {
      this.targetProvider = target;
      this.targetVersion = version;
      return this;
    }

    /** Receives progress after every key (default: nobody). */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The clock progress is timed with (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Validates and resolves the target version now.
     *
     * @throws SuojaConfigurationException {@code SUOJA-1061} if the source or target is missing,
     *     the target does not hold the version, or the version is retired in the store
     */
    public MasterKeyMigration build() {
      if (source == null || targetProvider == null) {
        throw new SuojaConfigurationException(
            "SUOJA-1061",
            "MasterKeyMigration.builder(store).source(...) and .target(provider, version) are"
                + " required");
      }
      if (targetVersion < 1) {
        throw new SuojaConfigurationException(
            "SUOJA-1061", "the target master key version must be 1 or more, was " + targetVersion);
      }
      if (store.retiredMasterKeys().contains(targetVersion)) {
        throw new SuojaConfigurationException(
            "SUOJA-1061", "the target master key version " + targetVersion + " is retired");
      }
      KeyEncryption target;
      try {
        target = targetProvider.keyEncryption(targetVersion);
      } catch (KeyUnavailableException e) {
        throw new SuojaConfigurationException(
            "SUOJA-1061",
            "the target key provider "
                + targetProvider
                + " does not hold master key version "
                + targetVersion,
            e);
      }
      if (target.version() != targetVersion) {
        throw new SuojaConfigurationException(
            "SUOJA-1061",
            "the target key provider answered master key version "
                + target.version()
                + " for version "
                + targetVersion);
      }
      return new MasterKeyMigration(this, target);
    }
  }
}
