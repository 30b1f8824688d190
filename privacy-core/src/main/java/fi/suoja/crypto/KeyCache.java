package fi.suoja.crypto;

import fi.suoja.SuojaMetrics;
import fi.suoja.crypto.internal.CoarseClock;
import fi.suoja.crypto.internal.DataKeyWrap;
import fi.suoja.crypto.internal.OpenFailedException;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.MasterKey;
import fi.suoja.crypto.spi.WrappedKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's view of the tenants' data keys: the version list read from the {@link WrappedKeyStore}
 * and the versions unwrapped so far, both kept for the TTL. A version that is not in the cached
 * list triggers an immediate re-read, so a key created on another node opens at once; the current
 * version for sealing is picked up within one TTL.
 */
final class KeyCache implements Keyring {
  private static final int ROTATE_ATTEMPTS = 3;

  private final KeyProvider provider;
  private final WrappedKeyStore store;
  private final int masterVersion;
  private final long ttlNanos;
  private final boolean createOnFirstUse;
  private final SuojaMetrics metrics;
  private final ConcurrentHashMap<String, TenantState> tenants = new ConcurrentHashMap<>();

  KeyCache(
      KeyProvider provider,
      WrappedKeyStore store,
      int masterVersion,
      long ttlNanos,
      boolean createOnFirstUse,
      SuojaMetrics metrics) {
    this.metrics = metrics;
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
    MasterKey current = provider.masterKey(masterVersion);
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
      tenants.remove(tenant);
    }
    return count;
  }

  private boolean insertVersion(String tenant, int version) {
    MasterKey master = provider.masterKey(masterVersion);
    byte[] raw = DataKeyWrap.newDataKey();
    try {
      return store.insert(DataKeyWrap.wrap(master, tenant, version, raw));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private TenantState state(String tenant) {
    TenantState state = tenants.get(tenant);
    if (state != null && state.fresh()) {
      return state;
    }
    return reload(tenant);
  }

  private TenantState reload(String tenant) {
    List<WrappedKey> stored = store.load(tenant);
    if (stored.isEmpty()) {
      tenants.remove(tenant);
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
    tenants.put(tenant, state);
    return state;
  }

  private byte[] unwrap(WrappedKey wrapped) {
    MasterKey master = provider.masterKey(wrapped.masterKeyVersion());
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
  }

  @Override
  public String toString() {
    return "Keyring[tenantsCached=" + tenants.size() + ", masterKeyVersion=" + masterVersion + "]";
  }

  private final class TenantState {
    final String tenant;
    final long loadedAt = CoarseClock.nanoTime();
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
