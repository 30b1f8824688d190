package fi.suoja.crypto;

import fi.suoja.crypto.internal.CoarseClock;
import fi.suoja.crypto.spi.KeyEncryption;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.MasterKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.util.Set;

/**
 * The key provider as the caches see it: a master key version the store records as retired ({@link
 * WrappedKeyStore#retireMasterKey}) is refused with {@code SUOJA-1056} before the provider is
 * asked, whether it still holds the key or not. The retired set is re-read at most once per cache
 * TTL (the caches ask only on a miss, so this is off the hot path).
 */
final class RetiredMasterKeyGuard implements KeyProvider {
  private final KeyProvider provider;
  private final WrappedKeyStore store;
  private final long ttlNanos;
  private volatile Snapshot snapshot;

  private record Snapshot(Set<Integer> retired, long readAt) {}

  RetiredMasterKeyGuard(KeyProvider provider, WrappedKeyStore store, long ttlNanos) {
    this.provider = provider;
    this.store = store;
    this.ttlNanos = ttlNanos;
  }

  @Override
  public MasterKey masterKey(int version) {
    check(version);
    return provider.masterKey(version);
  }

  @Override
  public int currentVersion() {
    return provider.currentVersion();
  }

  @Override
  public KeyEncryption keyEncryption(int version) {
    check(version);
    return provider.keyEncryption(version);
  }

  /**
   * @throws KeyUnavailableException {@code SUOJA-1056} if {@code version} is retired
   */
  void check(int version) {
    Snapshot s = snapshot;
    long now = CoarseClock.nanoTime();
    if (s == null || now - s.readAt() >= ttlNanos) {
      s = new Snapshot(Set.copyOf(store.retiredMasterKeys()), now);
      snapshot = s;
    }
    if (s.retired().contains(version)) {
      throw retired(version);
    }
  }

  static KeyUnavailableException retired(int version) {
    return new KeyUnavailableException(
        "SUOJA-1056",
        "master key version "
            + version
            + " is retired: nothing is wrapped or unwrapped under it (a key still naming it was"
            + " restored from before the migration, or a node is configured with the old master"
            + " key)");
  }

  @Override
  public String toString() {
    return provider.toString();
  }
}
