package fi.suoja.crypto;

import java.util.List;

/**
 * Computes blind indexes: equality search over sealed fields without opening them. Only fields
 * configured with {@link FieldOptions#blindIndex} (or compound indexes declared on the builder) can
 * be indexed.
 *
 * <p>Key rotation: an index is computed under the tenant's current data key, so after {@code
 * Keyring.rotate} rows written before and after hold indexes under different versions. Store {@link
 * #index} on write; query with every value of {@link #candidates} ({@code IN (...)}), one per key
 * version, until a re-encryption sweep has rewritten the old rows.
 *
 * <h2>Security guarantees</h2>
 *
 * Without the tenant key an index reveals nothing about the value beyond equality with other
 * indexes of the same field and key version. Indexes of different tenants, fields or key versions
 * are unrelated.
 *
 * <p>Warning: equality is what it reveals. A low-entropy field (a yes/no flag, a birth year) is
 * fully recoverable by counting; never index one.
 */
public interface BlindIndexer {

  /**
   * The index to store for {@code value} under the tenant's current key.
   *
   * @throws InvalidInputException if the field has no blind index configured
   * @throws KeyUnavailableException if the tenant has no data key
   */
  BlindIndex index(String tenant, String entity, String field, String value);

  /**
   * The index of {@code value} under every key version of the tenant, newest first, distinct. Empty
   * when the tenant has no data key yet: nothing was indexed for it, so no stored index can match
   * (a lookup then finds nothing by index, never fails, and creates no key).
   *
   * @throws InvalidInputException if the field has no blind index configured
   */
  List<BlindIndex> candidates(String tenant, String entity, String field, String value);

  /**
   * The compound index {@code index} declared on the builder, over {@code values} in the order its
   * fields were declared (each normalised with its field's normalisation).
   *
   * @throws InvalidInputException if the index is unknown or the number of values is wrong
   */
  BlindIndex indexCompound(String tenant, String entity, String index, List<String> values);

  /**
   * {@link #indexCompound} under every key version of the tenant, newest first, distinct; empty
   * when the tenant has no data key yet.
   */
  List<BlindIndex> candidatesCompound(
      String tenant, String entity, String index, List<String> values);

  /**
   * The prefix index to store for {@code value}: the HMAC of the first {@link
   * FieldOptions#prefixLength} characters of its normalised form (all of it when shorter), under
   * the tenant's current key and a sub-key unrelated to the equality index.
   *
   * @throws InvalidInputException {@code SUOJA-1512} if the field has no prefix index configured
   * @throws KeyUnavailableException if the tenant has no data key
   */
  BlindIndex prefixIndex(String tenant, String entity, String field, String value);

  /**
   * The prefix index of the searched {@code prefix} under every key version of the tenant, newest
   * first, distinct; empty when the tenant has no data key yet. Only the first {@link
   * FieldOptions#prefixLength} characters of the normalised prefix are indexed: every stored value
   * that starts with {@code prefix} has one of these indexes, and the caller filters the candidates
   * exactly (they include every value sharing those characters, and collisions).
   *
   * @throws InvalidInputException {@code SUOJA-1512} if the field has no prefix index; {@code
   *     SUOJA-1513} if the normalised prefix is shorter than the indexed length (the message names
   *     the minimum, never the prefix)
   */
  List<BlindIndex> prefixCandidates(String tenant, String entity, String field, String prefix);
}
