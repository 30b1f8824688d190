package fi.suoja.crypto.internal;

import fi.suoja.crypto.spi.WrappedKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Wrapped keys in a map: for tests and single-process experiments. */
public final class InMemoryWrappedKeyStore implements WrappedKeyStore {
  /** A stored version and whether it was retired. */
  private record Stored(WrappedKey key, boolean retired) {}

  private final Map<String, Map<Integer, Stored>> keys = new ConcurrentHashMap<>();
  private final Set<Integer> retiredMasterKeys = ConcurrentHashMap.newKeySet();

  @Override
  public List<WrappedKey> load(String tenant) {
    Map<Integer, Stored> versions = keys.get(tenant);
    return versions == null
        ? List.of()
        : versions.values().stream().filter(s -> !s.retired()).map(Stored::key).toList();
  }

  @Override
  public boolean insert(WrappedKey key) {
    return keys.computeIfAbsent(key.tenant(), t -> new ConcurrentHashMap<>())
            .putIfAbsent(key.version(), new Stored(key, false))
        == null;
  }

  @Override
  public void replace(WrappedKey key) {
    Map<Integer, Stored> versions = keys.get(key.tenant());
    if (versions == null
        || versions.computeIfPresent(key.version(), (v, s) -> new Stored(key, s.retired()))
            == null) {
      throw new IllegalArgumentException("no such stored key version to replace");
    }
  }

  /** Owners with at least one active version, as the table-backed store answers. */
  @Override
  public Set<String> tenants() {
    return keys.keySet().stream().filter(o -> !load(o).isEmpty()).collect(Collectors.toSet());
  }

  @Override
  public boolean retire(String tenant, int version) {
    StoredKeys.requireNotNewest(load(tenant), tenant, version);
    Map<Integer, Stored> versions = keys.get(tenant);
    if (versions == null) {
      return false;
    }
    boolean[] retired = new boolean[1];
    versions.computeIfPresent(
        version,
        (v, s) -> {
          retired[0] = !s.retired();
          return new Stored(s.key(), true);
        });
    return retired[0];
  }

  @Override
  public boolean retired(String tenant, int version) {
    Map<Integer, Stored> versions = keys.get(tenant);
    Stored stored = versions == null ? null : versions.get(version);
    return stored != null && stored.retired();
  }

  @Override
  public List<String> destroy(String owner) {
    Map<Integer, Stored> versions = keys.remove(owner);
    if (versions == null) {
      return List.of();
    }
    return versions.keySet().stream().sorted().map(v -> StoredKeys.name(owner, v)).toList();
  }

  @Override
  public boolean retireMasterKey(int version) {
    StoredKeys.checkMasterVersion(version);
    return retiredMasterKeys.add(version);
  }

  @Override
  public Set<Integer> retiredMasterKeys() {
    return Set.copyOf(retiredMasterKeys);
  }

  @Override
  public String toString() {
    return "InMemoryWrappedKeyStore[tenants=" + keys.size() + "]";
  }
}
