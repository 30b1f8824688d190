package fi.suoja.crypto;

import fi.suoja.SuojaMetrics;
import fi.suoja.crypto.internal.CoarseClock;
import fi.suoja.crypto.internal.DataKeyWrap;
import fi.suoja.crypto.internal.OpenFailedException;
import fi.suoja.crypto.spi.KeyEncryption;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's view of the tenants' data keys: the version list read from the {@link WrappedKeyStore}
 * and the versions unwrapped so far, both kept for the TTL. A version that is not in the cached
 * list triggers an immediate re-read, so a key created on another node opens at once; the current
 * version for sealing is picked up within one TTL.
 *
 * <p>Bounded and coalesced, so that a master key in a key management service is off the hot path:
 * at most {@code maxTenants} tenants are held (beyond that the longest-held are dropped); when a
 * tenant's entry expires, one thread re-reads it while the others wait for that result, and each
 * version is unwrapped once per entry, so one unwrap per tenant key per TTL reaches the key
 * encryption whatever the number of threads. An entry dropped or replaced has its data keys
 * destroyed (raw bytes zeroed) after a grace period, so that an operation that took the key just
 * before cannot meet a zeroed key; one that still does fails closed ({@code SUOJA-1052}).
 */
final class KeyCache implements Keyring {
  private static final int ROTATE_ATTEMPTS = 3;

  /** How long a dropped data key stays intact for operations that took it just before. */
  static final long DESTROY_GRACE_NANOS = 10_000_000_000L;

  /** Dropped keys beyond this many are destroyed after {@link #MIN_GRACE_NANOS} only. */
  static final int MAX_PENDING_DESTRUCTION = 4096;

  /** The grace no dropped key is denied (one second: far beyond any operation's use of a key). */
  static final long MIN_GRACE_NANOS = 1_000_000_000L;

  private final KeyProvider provider;
  private final WrappedKeyStore store;
  private final int masterVersion;
  private final long ttlNanos;
  private final boolean createOnFirstUse;
  private final int maxTenants;
  private final SuojaMetrics metrics;
  private final ConcurrentHashMap<String, TenantState> tenants = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<TenantState>> loading =
      new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Dropped> dropped = new ConcurrentLinkedQueue<>();
  private final AtomicInteger droppedCount = new AtomicInteger();
  private final AtomicLong loads = new AtomicLong();

  KeyCache(
      KeyProvider provider,
      WrappedKeyStore store,
      int masterVersion,
      long ttlNanos,
      int maxTenants,
      boolean createOnFirstUse,
      SuojaMetrics metrics) {
    this.metrics = metrics;
    this.maxTenants = maxTenants;
    this.provider = provider;
    this.store = store;
    this.masterVersion = masterVersion;
    this.ttlNanos = ttlNanos;
    this.createOnFirstUse = createOnFirstUse;
  }

  /** The tenant's current data key. */
  DataKey currentKey(String tenant) {
    TenantState state = tenants.get(tenant);
    if (state != null && state.fresh()) {
      DataKey current = state.currentKey;
      if (current != null) {
        metrics.countKeyLookup(true);
        return current;
      }
      current = state.key(state.current());
      state.currentKey = current;
      metrics.countKeyLookup(true);
      return current;
    }
    metrics.countKeyLookup(false);
    state = state(tenant);
    if (state == null) {
      if (!createOnFirstUse) {
        throw noKey(tenant);
      }
      create(tenant);
      state = reload(tenant);
      if (state == null) {
        throw noKey(tenant);
      }
    }
    return state.key(state.current());
  }

  /** A given version of the tenant's data key. */
  DataKey key(String tenant, int version) {
    TenantState state = tenants.get(tenant);
    if (state != null && state.fresh()) {
      DataKey current = state.currentKey; // most values are under the current version
      if (current != null && current.id().version() == version) {
        metrics.countKeyLookup(true);
        return current;
      }
      DataKey key = state.open.get(version);
      if (key != null) {
        metrics.countKeyLookup(true);
        return key;
      }
    }
    metrics.countKeyLookup(false);
    state = state(tenant);
    if (state == null || !state.wrapped.containsKey(version)) {
      state = reload(tenant);
      if (state == null) {
        throw noKey(tenant);
      }
      if (!state.wrapped.containsKey(version)) {
        if (store.retired(tenant, version)) {
          throw new KeyRetiredException("key " + KeyId.tenant(tenant, version) + " is retired");
        }
        throw new KeyUnavailableException(
            "SUOJA-1003", "key " + KeyId.tenant(tenant, version) + " does not exist");
      }
    }
    return state.key(version);
  }

  /**
   * Every key version of the tenant, newest first; none when the tenant has no data key yet. A read
   * never creates one: only a write does, when {@code createOnFirstUse} allows it.
   */
  List<DataKey> allKeys(String tenant) {
    TenantState state = state(tenant);
    if (state == null) {
      return List.of(); // nothing was ever indexed or sealed under a key of this tenant
    }
    List<DataKey> keys = new ArrayList<>();
    for (int version : state.wrapped.descendingKeySet()) {
      keys.add(state.key(version));
    }
    return keys;
  }

  @Override
  public KeyId current(String tenant) {
    checkTenant(tenant);
    TenantState state = state(tenant);
    if (state == null) {
      throw noKey(tenant);
    }
    return KeyId.tenant(tenant, state.current());
  }

  @Override
  public List<KeyId> versions(String tenant) {
    checkTenant(tenant);
    TenantState state = reload(tenant);
    List<KeyId> ids = new ArrayList<>();
    if (state != null) {
      state.wrapped.keySet().forEach(v -> ids.add(KeyId.tenant(tenant, v)));
    }
    return ids;
  }

  @Override
  public KeyId create(String tenant) {
    checkTenant(tenant);
    TenantState state = reload(tenant);
    if (state == null) {
      insertVersion(tenant, 1);
      state = reload(tenant);
      if (state == null) {
        throw new KeyUnavailableException(
            "SUOJA-1006", "the key of tenant " + tenant + " was saved but cannot be read back");
      }
    }
    return KeyId.tenant(tenant, state.current());
  }

  @Override
  public KeyId rotate(String tenant) {
    checkTenant(tenant);
    for (int attempt = 0; attempt < ROTATE_ATTEMPTS; attempt++) {
      TenantState state = reload(tenant);
      if (state == null) {
        throw noKey(tenant);
      }
      int next = state.current() + 1;
      // saved durably first; only the reload below makes it current on this node
      if (insertVersion(tenant, next)) {
        reload(tenant);
        return KeyId.tenant(tenant, next);
      }
    }
    throw new KeyUnavailableException(
        "SUOJA-1008", "rotation of tenant " + tenant + " lost " + ROTATE_ATTEMPTS + " races");
  }

  @Override
  public int rotateMasterKey() {
    KeyEncryption current = provider.keyEncryption(masterVersion);
    int count = 0;
    for (String tenant : store.tenants()) {
      for (WrappedKey wrapped : store.load(tenant)) {
        if (wrapped.masterKeyVersion() == masterVersion) {
          continue;
        }
        byte[] raw = unwrap(wrapped);
        try {
          store.replace(DataKeyWrap.wrap(current, tenant, wrapped.version(), raw));
        } finally {
          Arrays.fill(raw, (byte) 0);
        }
        count++;
      }
      drop(tenants.remove(tenant));
    }
    return count;
  }

  private boolean insertVersion(String tenant, int version) {
    KeyEncryption master = provider.keyEncryption(masterVersion);
    byte[] raw = DataKeyWrap.newDataKey();
    try {
      return store.insert(DataKeyWrap.wrap(master, tenant, version, raw));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The tenant's fresh entry; an expired one is re-read by one thread while the others wait. */
  private TenantState state(String tenant) {
    TenantState state = tenants.get(tenant);
    if (state != null && state.fresh()) {
      return state;
    }
    CompletableFuture<TenantState> mine = new CompletableFuture<>();
    CompletableFuture<TenantState> other = loading.putIfAbsent(tenant, mine);
    if (other != null) {
      return await(other);
    }
    try {
      state = tenants.get(tenant); // another thread may have finished just before
      if (state == null || !state.fresh()) {
        state = reload(tenant);
      }
      mine.complete(state);
      return state;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loading.remove(tenant, mine);
    }
  }

  /** The result of another thread's load, or its failure rethrown as it was. */
  static <T> T await(CompletableFuture<T> load) {
    try {
      return load.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyUnavailableException(
          "SUOJA-1050", "interrupted while waiting for another thread to load a key", e);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r; // the loading thread's own failure, same code and message
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private TenantState reload(String tenant) {
    destroyDropped(false);
    List<WrappedKey> stored = store.load(tenant);
    if (stored.isEmpty()) {
      drop(tenants.remove(tenant));
      return null;
    }
    NavigableMap<Integer, WrappedKey> byVersion = new TreeMap<>();
    for (WrappedKey w : stored) {
      if (!w.tenant().equals(tenant)) {
        throw new KeyUnavailableException(
            "SUOJA-1006", "wrapped-key store answered another tenant's key for " + tenant);
      }
      byVersion.put(w.version(), w);
    }
    TenantState state = new TenantState(tenant, Collections.unmodifiableNavigableMap(byVersion));
    drop(tenants.put(tenant, state));
    if (tenants.size() > maxTenants) {
      evictOldest(state);
    }
    return state;
  }

  /** Drops the longest-held tenth beyond the bound (never {@code keep}, which is being served). */
  private void evictOldest(TenantState keep) {
    List<TenantState> all = new ArrayList<>(tenants.values());
    int excess = all.size() - maxTenants;
    if (excess <= 0) {
      return;
    }
    all.sort((a, b) -> Long.compare(a.loadOrder, b.loadOrder));
    int target = Math.max(excess, maxTenants / 10);
    for (TenantState s : all) {
      if (target <= 0) {
        break;
      }
      if (s != keep && tenants.remove(s.tenant, s)) {
        drop(s);
        target--;
      }
    }
  }

  /** Queues the data keys of an entry that is no longer served, for destruction after the grace. */
  private void drop(TenantState state) {
    if (state == null) {
      return;
    }
    long now = CoarseClock.nanoTime();
    for (DataKey key : state.open.values()) {
      dropped.add(new Dropped(key, now));
      droppedCount.incrementAndGet();
    }
  }

  /** Destroys dropped keys older than the grace period (all of them if {@code all}). */
  private void destroyDropped(boolean all) {
    long now = CoarseClock.nanoTime();
    for (Dropped d = dropped.peek(); d != null; d = dropped.peek()) {
      long age = now - d.at();
      boolean overdue =
          age >= DESTROY_GRACE_NANOS
              || (age >= MIN_GRACE_NANOS && droppedCount.get() > MAX_PENDING_DESTRUCTION);
      if (!all && !overdue) {
        return;
      }
      if (dropped.remove(d)) {
        droppedCount.decrementAndGet();
        d.key().destroy();
      }
    }
  }

  /** Entries currently held (for tests). */
  int cachedTenants() {
    return tenants.size();
  }

  /** Drops every entry and destroys every data key now (for tests and shutdown). */
  void clear() {
    for (Map.Entry<String, TenantState> e : tenants.entrySet()) {
      if (tenants.remove(e.getKey(), e.getValue())) {
        drop(e.getValue());
      }
    }
    destroyDropped(true);
  }

  private record Dropped(DataKey key, long at) {}

  private byte[] unwrap(WrappedKey wrapped) {
    KeyEncryption master = provider.keyEncryption(wrapped.masterKeyVersion());
    try {
      return DataKeyWrap.unwrap(master, wrapped);
    } catch (OpenFailedException e) {
      throw new KeyUnavailableException(
          "SUOJA-1007",
          "wrapped key "
              + KeyId.tenant(wrapped.tenant(), wrapped.version())
              + " does not unwrap under master key version "
              + wrapped.masterKeyVersion());
    }
  }

  private static KeyUnavailableException noKey(String tenant) {
    return new KeyUnavailableException(
        "SUOJA-1002",
        "tenant "
            + tenant
            + " has no data key: create it at on-boarding with"
            + " suoja.keyring().create(tenant), or enable"
            + " Suoja.builder().crypto(c -> c.createTenantKeysOnFirstUse(true))");
  }

  private static void checkTenant(String tenant) {
    new KeyId(KeyId.Kind.TENANT, tenant, 1); // validates (null, length)
    if (tenant.startsWith("~")) {
      // Suoja's own rows in the key store (subject keys, retired master versions) start with '~'
      throw new InvalidInputException(
          "SUOJA-1021", "a tenant id must not start with '~' (reserved for Suoja's own key rows)");
    }
  }

  @Override
  public String toString() {
    return "Keyring[tenantsCached=" + tenants.size() + ", masterKeyVersion=" + masterVersion + "]";
  }

  private final class TenantState {
    final String tenant;
    final long loadedAt = CoarseClock.nanoTime();
    final long loadOrder = loads.incrementAndGet(); // the coarse clock ties within a tick
    final NavigableMap<Integer, WrappedKey> wrapped;
    final ConcurrentHashMap<Integer, DataKey> open = new ConcurrentHashMap<>();
    volatile DataKey currentKey;

    TenantState(String tenant, NavigableMap<Integer, WrappedKey> wrapped) {
      this.tenant = tenant;
      this.wrapped = wrapped;
    }

    int current() {
      return wrapped.lastKey();
    }

    boolean fresh() {
      return CoarseClock.nanoTime() - loadedAt < ttlNanos;
    }

    DataKey key(int version) {
      DataKey key = open.get(version);
      if (key == null) {
        key =
            open.computeIfAbsent(
                version, v -> new DataKey(KeyId.tenant(tenant, v), unwrap(wrapped.get(v))));
      }
      return key;
    }
  }
}
