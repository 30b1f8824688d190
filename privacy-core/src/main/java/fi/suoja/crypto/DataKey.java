package fi.suoja.crypto;

import fi.suoja.crypto.internal.AesGcm;
import fi.suoja.crypto.internal.Envelope;
import fi.suoja.crypto.internal.HmacSha256;
import fi.suoja.crypto.internal.SubKeys;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * One unwrapped version of a tenant data key and the sub-keys derived from it so far (derived
 * lazily, once per field, then reused). Lives in the node's key cache until its TTL expires.
 */
final class DataKey {
  private final KeyId id;
  private final byte[] raw;
  private final ConcurrentHashMap<Name, SealKey> sealKeys = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Name, IndexKey> indexKeys = new ConcurrentHashMap<>();

  DataKey(KeyId id, byte[] raw) {
    this.id = id;
    this.raw = raw;
  }

  KeyId id() {
    return id;
  }

  SealKey sealKey(String entity, String field) {
    Name name = new Name(SubKeys.SEAL, entity, field);
    SealKey key = sealKeys.get(name);
    if (key == null) {
      key = sealKeys.computeIfAbsent(name, n -> new SealKey(this, entity, field));
    }
    return key;
  }

  IndexKey indexKey(String purpose, String entity, String name) {
    Name n = new Name(purpose, entity, name);
    IndexKey key = indexKeys.get(n);
    if (key == null) {
      key = indexKeys.computeIfAbsent(n, x -> new IndexKey(derive(purpose, entity, name)));
    }
    return key;
  }

  private byte[] derive(String purpose, String entity, String name) {
    return SubKeys.derive(raw, purpose, id.owner(), entity, name);
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

    private SealKey(DataKey dataKey, String entity, String field) {
      this.key = AesGcm.key(dataKey.derive(SubKeys.SEAL, entity, field));
      this.context = Envelope.context(dataKey.id.owner(), entity, field);
    }

    @Override
    public String toString() {
      return "SealKey[]";
    }
  }

  /** The HMAC key of one blind index, with one initialised {@link Mac} per thread. */
  static final class IndexKey {
    private final ThreadLocal<Mac> mac;

    private IndexKey(byte[] raw) {
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
