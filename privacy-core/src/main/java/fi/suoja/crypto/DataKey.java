package fi.suoja.crypto;

import fi.suoja.crypto.internal.AesGcm;
import fi.suoja.crypto.internal.Envelope;
import fi.suoja.crypto.internal.HmacSha256;
import fi.suoja.crypto.internal.LengthPrefixed;
import fi.suoja.crypto.internal.SubKeys;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * One unwrapped version of a tenant data key and the sub-keys derived from it so far (derived
 * lazily, once per field, then reused). Lives in the node's key cache until its TTL expires, then
 * is destroyed ({@link #destroy()}) after a grace period.
 */
final class DataKey {
  private final KeyId id;
  private final byte[] raw;
  private final ConcurrentHashMap<Name, SealKey> sealKeys = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Name, IndexKey> indexKeys = new ConcurrentHashMap<>();
  // the last field used: callers pass the same String instances (entity metadata) again and again
  private SealKey lastSealKey;
  private IndexKey lastIndexKey;
  private boolean destroyed; // guarded by this

  DataKey(KeyId id, byte[] raw) {
    this.id = id;
    this.raw = raw;
  }

  KeyId id() {
    return id;
  }

  // a fast path for the same interned model names; an equal name takes the map
  @SuppressWarnings("ReferenceEquality")
  SealKey sealKey(String entity, String field) {
    SealKey last = lastSealKey; // immutable, final fields: a racy read is safe
    if (last != null && last.entity == entity && last.field == field) {
      return last;
    }
    Name name = new Name(SubKeys.SEAL, entity, field);
    SealKey key = sealKeys.get(name);
    if (key == null) {
      key = sealKeys.computeIfAbsent(name, n -> new SealKey(this, entity, field));
    }
    lastSealKey = key;
    return key;
  }

  // a fast path for the same interned model names; an equal name takes the map
  @SuppressWarnings("ReferenceEquality")
  IndexKey indexKey(String purpose, String entity, String name) {
    IndexKey last = lastIndexKey;
    if (last != null && last.purpose == purpose && last.entity == entity && last.name == name) {
      return last;
    }
    Name n = new Name(purpose, entity, name);
    IndexKey key = indexKeys.get(n);
    if (key == null) {
      key =
          indexKeys.computeIfAbsent(
              n, x -> new IndexKey(purpose, entity, name, derive(purpose, entity, name)));
    }
    lastIndexKey = key;
    return key;
  }

  private synchronized byte[] derive(String purpose, String entity, String name) {
    if (destroyed) {
      // fail closed: never derive from zeroed bytes
      throw new KeyUnavailableException(
          "SUOJA-1052", "key " + id + " was dropped from the key cache while in use; retry");
    }
    return SubKeys.derive(raw, purpose, id.owner(), entity, name);
  }

  /**
   * Zeroes the raw key and forgets the derived sub-keys (the JDK's {@code SecretKeySpec} cannot be
   * destroyed; its copies go with the garbage collector). Idempotent.
   */
  synchronized void destroy() {
    destroyed = true;
    Arrays.fill(raw, (byte) 0);
    sealKeys.clear();
    indexKeys.clear();
    lastSealKey = null;
    lastIndexKey = null;
  }

  /** Whether {@link #destroy()} ran (for tests). */
  synchronized boolean destroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "DataKey[" + id + "]";
  }

  private record Name(String purpose, String entity, String name) {}

  /** The AES-256-GCM key of one field and the context bytes of its associated data. */
  static final class SealKey {
    final SecretKey key;
    final byte[] context;
    // header || context per flags value (bit 0 padded, bit 1 policy inputs bound), and the same
    // followed by the "no row" byte: computed once, never mutated, shared by all threads
    private final byte[][] prefix = new byte[4][];
    private final byte[][] noRow = new byte[4][];
    private final String entity;
    private final String field;

    private SealKey(DataKey dataKey, String entity, String field) {
      this.entity = entity;
      this.field = field;
      this.key = AesGcm.key(dataKey.derive(SubKeys.SEAL, entity, field));
      this.context = Envelope.context(dataKey.id.owner(), entity, field);
      for (int flags = 0; flags < 4; flags++) {
        byte[] header = new byte[Envelope.TENANT_HEADER_BYTES];
        Envelope.writeTenantHeader(header, flags, dataKey.id.version());
        prefix[flags] = LengthPrefixed.concat(header, context);
        noRow[flags] = Envelope.withRow(prefix[flags], null);
      }
    }

    /**
     * header || context || row of a tenant-key envelope of this key: the header is fully determined
     * by the key version and the flags, so it comes from the cache. The caller appends the policy
     * inputs when {@code flags} has the policy bit (the result may be a shared array: never mutate
     * it).
     */
    byte[] associatedData(int flags, String rowId) {
      return rowId == null ? noRow[flags] : Envelope.withRow(prefix[flags], rowId);
    }

    /** {@link #associatedData(int, String)} followed by the policy inputs, in one array. */
    byte[] associatedData(int flags, String rowId, String owner, String subject) {
      return Envelope.withRowAndPolicy(prefix[flags], rowId, owner, subject);
    }

    @Override
    public String toString() {
      return "SealKey[]";
    }
  }

  /** The HMAC key of one blind index, with one initialised {@link Mac} per thread. */
  static final class IndexKey {
    private final ThreadLocal<Mac> mac;
    private final String purpose;
    private final String entity;
    private final String name;

    private IndexKey(String purpose, String entity, String name, byte[] raw) {
      this.purpose = purpose;
      this.entity = entity;
      this.name = name;
      SecretKey key = HmacSha256.key(raw);
      this.mac = ThreadLocal.withInitial(() -> HmacSha256.newMac(key));
    }

    /** The full 32-byte HMAC of {@code input}. */
    byte[] mac(byte[] input) {
      return mac.get().doFinal(input);
    }

    @Override
    public String toString() {
      return "IndexKey[]";
    }
  }
}
