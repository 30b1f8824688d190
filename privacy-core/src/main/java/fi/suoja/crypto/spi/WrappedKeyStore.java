package fi.suoja.crypto.spi;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.internal.DirectoryWrappedKeyStore;
import fi.suoja.crypto.internal.InMemoryWrappedKeyStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Durable home of the wrapped tenant data keys and their versions. In a cluster every node must see
 * the same store ({@link JdbcWrappedKeyStore}, a database table); nodes only cache.
 *
 * <p>Contract: {@link #insert} is create-if-absent and durable when it returns true (Suoja saves a
 * new key version before any data uses it); {@link #replace} atomically overwrites an existing
 * version (master-key re-wrap). Failures are reported as {@code KeyUnavailableException} (I/O) so
 * that Suoja fails closed. The lifecycle operations ({@link #retire}, {@link #destroy}, {@link
 * #delete}) are optional: their defaults refuse with {@code SUOJA-1009} before changing anything,
 * so no store pretends to have retired or shredded a key.
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
   * docs/SUBJECT_RIGHTS.md). Durable when it returns. The default is {@code destroy(owner).size()}:
   * a store that can destroy can delete, and one that can do neither refuses, so it never pretends
   * to have shredded anything.
   *
   * @return how many versions were deleted (0 if there were none)
   * @throws fi.suoja.SuojaConfigurationException {@code SUOJA-1009} if this store cannot delete
   */
  default int delete(String owner) {
    return destroy(owner).size();
  }

  /**
   * Retires {@code version} of {@code tenant}'s key once no value uses it (Vault's minimum
   * decryption version; {@code KeyRotation.retireBelow} checks that first). The version stays
   * stored (who had which key when), but {@link #load} no longer answers it, {@link #retired} does,
   * {@link #insert} never creates it again, and a master-key rotation no longer re-wraps it.
   * Durable when it returns.
   *
   * <p>Warning: a value still sealed under a retired version no longer opens ({@code SUOJA-6301})
   * until an operator restores the version. Nodes that cached it keep it for one cache TTL.
   *
   * @return true if the version was active and is now retired; false if it was retired already or
   *     does not exist
   * @throws IllegalArgumentException for the tenant's newest active version, which seals new values
   * @throws fi.suoja.SuojaConfigurationException {@code SUOJA-1009} if this store cannot retire
   *     (the default); nothing was changed
   */
  default boolean retire(String tenant, int version) {
    throw refusal("retire");
  }

  /**
   * Whether {@code version} of {@code tenant}'s key exists but was retired (it is then absent from
   * {@link #load}). Asked only when a value names a version {@link #load} did not answer, so that
   * the failure can say "retired" instead of "does not exist". Default false: stores that implement
   * {@link #retire} answer it.
   */
  default boolean retired(String tenant, int version) {
    return false;
  }

  /**
   * Destroys every stored version of {@code owner}'s key, active and retired, as one durable step
   * where the store can (crypto-shredding of a tenant; {@code TenantOffboarding} records the
   * returned names in the audit trail).
   *
   * <p>Warning: irreversible. Every value sealed under these keys becomes unreadable for good,
   * backups of the data included (backups of the key store are not: keep them short-lived).
   *
   * @return the destroyed keys as {@code kind:owner:vN} (kind {@code subject} for owners starting
   *     with {@code ~subject}, else {@code tenant}) in kind and version order; empty if none
   * @throws fi.suoja.SuojaConfigurationException {@code SUOJA-1009} if this store cannot destroy
   *     (the default); nothing was destroyed
   */
  default List<String> destroy(String owner) {
    throw refusal("destroy");
  }

  /**
   * Records durably that master key {@code version} is retired: every node built on this store then
   * refuses to wrap or unwrap under it ({@code SUOJA-1056}), even if a key provider still holds it
   * or a restored backup names it. {@code MasterKeyMigration.retire} checks first that no stored
   * key is still wrapped under it. Never undone by Suoja.
   *
   * @return true if the version was not retired before
   * @throws fi.suoja.SuojaConfigurationException {@code SUOJA-1009} if this store cannot record it
   *     (the default); nothing was changed
   */
  default boolean retireMasterKey(int version) {
    throw refusal("record retired master");
  }

  /** The master key versions {@link #retireMasterKey} recorded; default none. */
  default Set<Integer> retiredMasterKeys() {
    return Set.of();
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

  private SuojaConfigurationException refusal(String operation) {
    return new SuojaConfigurationException(
        "SUOJA-1009",
        getClass().getName()
            + " cannot "
            + operation
            + " keys; nothing was changed: use a store"
            + " that can in Suoja.builder().wrappedKeyStore(...): JdbcWrappedKeyStore.builder(...),"
            + " WrappedKeyStore.directory(...) or WrappedKeyStore.inMemory()");
  }
}
