package fi.suoja.crypto;

import java.util.List;

/**
 * The tenants' data keys: create, rotate, inspect. Data keys are random 256-bit keys, stored only
 * wrapped under a master key (through the {@code WrappedKeyStore}); each node keeps unwrapped keys
 * in memory for the configured cache TTL.
 *
 * <p>Ordering guarantee: a new key version is durably saved before this node uses it for any value;
 * if saving fails, the previous version stays current. Other nodes start sealing with it within one
 * cache TTL and open values under it at once (an unknown version triggers a reload).
 */
public interface Keyring {

  /**
   * The tenant's current key version.
   *
   * @throws KeyUnavailableException if the tenant has none
   */
  KeyId current(String tenant);

  /**
   * Every stored version of the tenant's key, oldest first; empty if none. Reads the store afresh
   * and replaces this node's cached view of the tenant, so a version retired or destroyed in the
   * store stops opening on this node at once.
   */
  List<KeyId> versions(String tenant);

  /** Creates version 1 of the tenant's key if the tenant has none; returns the current version. */
  KeyId create(String tenant);

  /**
   * Creates, saves and switches to a new version of the tenant's key. Older versions stay available
   * for opening.
   *
   * @throws KeyUnavailableException if the tenant has no key yet or the new version cannot be saved
   *     (then nothing changes)
   */
  KeyId rotate(String tenant);

  /**
   * Re-wraps every stored data key that is not wrapped under the key provider's current master
   * version. Touches no data; afterwards the old master key version can be retired.
   *
   * @return how many wrapped keys were re-wrapped
   */
  int rotateMasterKey();
}
