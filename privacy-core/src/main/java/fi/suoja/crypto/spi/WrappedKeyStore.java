package fi.suoja.crypto.spi;

import fi.suoja.crypto.internal.DirectoryWrappedKeyStore;
import fi.suoja.crypto.internal.InMemoryWrappedKeyStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Durable home of the wrapped tenant data keys and their versions. In a cluster every node must
 * see the same store (the JPA module adds a table-backed one); nodes only cache.
 *
 * <p>Contract: {@link #insert} is create-if-absent and durable when it returns true (Suoja
 * saves a new key version before any data uses it); {@link #replace} atomically overwrites an
 * existing version (master-key re-wrap). Failures are reported as {@code
 * KeyUnavailableException} (I/O) so that Suoja fails closed.
 */
public interface WrappedKeyStore {

  /** All stored versions of {@code tenant}'s data key, in any order; empty if none. */
  List<WrappedKey> load(String tenant);

  /**
   * Stores a new version durably unless that tenant and version exist already.
   *
   * @return false if the version existed (another node won the race); nothing was written
   */
  boolean insert(WrappedKey key);

  /** Atomically replaces an existing version (same tenant and version, re-wrapped). */
  void replace(WrappedKey key);

  /**
   * Every owner that has at least one stored key: tenants, and the owners of per-subject keys
   * (names starting with {@code ~subject}), so that a master-key rotation re-wraps them all.
   */
  Set<String> tenants();

  /**
   * Deletes every stored version of {@code owner}'s key (crypto-shredding of a data subject's key,
   * docs/SUBJECT_RIGHTS.md). Durable when it returns. The default refuses, so a store that cannot
   * delete never pretends to have shredded anything.
   *
   * @return how many versions were deleted (0 if there were none)
   * @throws UnsupportedOperationException if this store cannot delete
   */
  default int delete(String owner) {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot delete keys; crypto-shredding needs a store that can");
  }

  /**
   * Whether {@code version} of {@code tenant}'s key exists but was retired (it is then absent
   * from {@link #load}). Asked only when a value names a version {@link #load} did not answer, so
   * that the failure can say "retired" instead of "does not exist". Default: no store retires.
   */
  default boolean retired(String tenant, int version) {
    return false;
  }

  /**
   * The embedded default: one file per tenant and version under {@code directory}, written
   * atomically (temporary file, fsync, atomic rename or link, directory fsync).
   */
  static WrappedKeyStore directory(Path directory) {
    return new DirectoryWrappedKeyStore(directory);
  }

  /** A store that lives as long as the object, for tests. */
  static WrappedKeyStore inMemory() {
    return new InMemoryWrappedKeyStore();
  }
}
