package fi.suoja.crypto.internal;

import fi.suoja.crypto.spi.WrappedKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Wrapped keys in a map: for tests and single-process experiments. */
public final class InMemoryWrappedKeyStore implements WrappedKeyStore {
  private final Map<String, Map<Integer, WrappedKey>> keys = new ConcurrentHashMap<>();

  @Override
  public List<WrappedKey> load(String tenant) {
    Map<Integer, WrappedKey> versions = keys.get(tenant);
    return versions == null ? List.of() : List.copyOf(new ArrayList<>(versions.values()));
  }

  @Override
  public boolean insert(WrappedKey key) {
    return keys.computeIfAbsent(key.tenant(), t -> new ConcurrentHashMap<>())
            .putIfAbsent(key.version(), key)
        == null;
  }

  @Override
  public void replace(WrappedKey key) {
    Map<Integer, WrappedKey> versions = keys.get(key.tenant());
    if (versions == null || versions.replace(key.version(), key) == null) {
      throw new IllegalArgumentException("no such stored key version to replace");
    }
  }

  @Override
  public Set<String> tenants() {
    return Set.copyOf(keys.keySet());
  }

  @Override
  public int delete(String owner) {
    Map<Integer, WrappedKey> versions = keys.remove(owner);
    return versions == null ? 0 : versions.size();
  }

  @Override
  public String toString() {
    return "InMemoryWrappedKeyStore[tenants=" + keys.size() + "]";
  }
}
