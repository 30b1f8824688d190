package fi.suoja.crypto;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.internal.AesGcm;
import fi.suoja.crypto.internal.CoarseClock;
import fi.suoja.crypto.internal.DataKeyWrap;
import fi.suoja.crypto.internal.HmacSha256;
import fi.suoja.crypto.internal.OpenFailedException;
import fi.suoja.crypto.internal.SubKeys;
import fi.suoja.crypto.spi.KeyEncryption;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;

/**
 * The node's cache of subject keys and per-tenant reference keys, both read from (and created in)
 * the {@link WrappedKeyStore}. Subject keys have one version: they are never rotated, only
 * re-wrapped by a master-key rotation (their owners are listed by {@code tenants()}).
 *
 * <p>Bounded like {@link KeyCache}: at most {@code maxEntries} keys are held (beyond that the
 * longest-held tenth is dropped); a key dropped, replaced after its TTL or destroyed by erasure is
 * zeroed after {@link KeyCache#DESTROY_GRACE_NANOS} (at once when the queue is long), and an
 * operation that derived a field key from it concurrently fails closed ({@code SUOJA-1052}).
 */
final class SubjectKeyCache implements SubjectKeys {
  static final int VERSION = 1;
  private static final int REF_BYTES = 16;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final KeyProvider provider;
  private final WrappedKeyStore store;
  private final int masterVersion;
  private final long ttlNanos;
  private final int maxEntries;
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<Cached>> loading =
      new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Cached> dropped = new ConcurrentLinkedQueue<>();
  private final AtomicInteger droppedCount = new AtomicInteger();
  private final AtomicLong loads = new AtomicLong();

  SubjectKeyCache(
      KeyProvider provider,
      WrappedKeyStore store,
      int masterVersion,
      long ttlNanos,
      int maxEntries) {
    this.provider = provider;
    this.store = store;
    this.masterVersion = masterVersion;
    this.ttlNanos = ttlNanos;
    this.maxEntries = maxEntries;
  }

  /** A subject's key, ready for sealing: the envelope reference and the field key. */
  static final class SealTarget {
    final byte[] ref;
    final SecretKey key;

    SealTarget(byte[] ref, SecretKey key) {
      this.ref = ref;
      this.key = key;
    }

    @Override
    public String toString() {
      return "SealTarget[]";
    }
  }

  @Override
  public KeyId create(String tenant, String subjectId) {
    String ref = reference(tenant, subjectId, true);
    raw(ref, true);
    return new KeyId(KeyId.Kind.SUBJECT, ref, VERSION);
  }

  @Override
  public Optional<KeyId> find(String tenant, String subjectId) {
    String ref = reference(tenant, subjectId, false);
    if (ref == null || store.load(OWNER_PREFIX + ref).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new KeyId(KeyId.Kind.SUBJECT, ref, VERSION));
  }

  @Override
  public int destroy(String tenant, String subjectId) {
    String ref = reference(tenant, subjectId, false);
    if (ref == null) {
      return 0;
    }
    drop(cache.remove(OWNER_PREFIX + ref));
    int deleted;
    try {
      deleted = store.delete(OWNER_PREFIX + ref);
    } catch (SuojaConfigurationException | UnsupportedOperationException e) {
      // SUOJA-1009 from the refusing default; stores written before it threw the JDK's exception
      throw new KeyUnavailableException(
          "SUOJA-6003", "the wrapped-key store cannot delete keys; nothing was shredded", e);
    }
    drop(cache.remove(OWNER_PREFIX + ref));
    return deleted;
  }

  /** The key and reference for sealing {@code entity.field} of the subject (created if needed). */
  SealTarget sealTarget(String tenant, String subjectId, String entity, String field) {
    String ref = reference(tenant, subjectId, true);
    Cached raw = raw(ref, true);
    return new SealTarget(
        ref.getBytes(StandardCharsets.US_ASCII), fieldKey(raw, tenant, entity, field));
  }

  /** The field key for opening an envelope that names {@code ref}. */
  SecretKey openKey(String ref, String tenant, String entity, String field) {
    return fieldKey(raw(ref, false), tenant, entity, field);
  }

  private static SecretKey fieldKey(Cached raw, String tenant, String entity, String field) {
    byte[] derived = SubKeys.derive(raw.raw, SubKeys.SEAL, tenant, entity, field);
    raw.requireIntact();
    return AesGcm.key(derived);
  }

  /** base64url(first 128 bits of HMAC(reference key of tenant, subject id)), or null if none. */
  private String reference(String tenant, String subjectId, boolean create) {
    Objects.requireNonNull(subjectId, "subjectId");
    new KeyId(KeyId.Kind.TENANT, tenant, 1); // validates the tenant id
    if (subjectId.isEmpty()) {
      throw new InvalidInputException("SUOJA-6004", "subject id must not be empty");
    }
    String owner = REFERENCE_OWNER_PREFIX + tenant;
    Cached refKey;
    try {
      refKey = raw(owner, create, true);
    } catch (KeyUnavailableException e) {
      if (!create && "SUOJA-6001".equals(e.code())) {
        return null;
      }
      throw e;
    }
    byte[] mac =
        HmacSha256.compute(HmacSha256.key(refKey.raw), subjectId.getBytes(StandardCharsets.UTF_8));
    refKey.requireIntact();
    return B64.encodeToString(Arrays.copyOf(mac, REF_BYTES));
  }

  private Cached raw(String ref, boolean create) {
    return raw(OWNER_PREFIX + ref, create, false);
  }

  /**
   * The owner's raw key: cached for the TTL; a miss is loaded (and unwrapped) by one thread while
   * the others wait for its result, so one unwrap per key per TTL reaches the master key.
   */
  private Cached raw(String owner, boolean create, boolean referenceKey) {
    Cached c = cache.get(owner);
    if (c != null && c.fresh()) {
      return c;
    }
    CompletableFuture<Cached> mine = new CompletableFuture<>();
    CompletableFuture<Cached> other = loading.putIfAbsent(owner, mine);
    if (other != null) {
      try {
        return KeyCache.await(other);
      } catch (KeyUnavailableException e) {
        if (!create || !"SUOJA-6001".equals(e.code())) {
          throw e;
        }
        // the other thread only looked the key up; this one creates it
      }
      return load(owner, create, referenceKey);
    }
    try {
      Cached raw = load(owner, create, referenceKey);
      mine.complete(raw);
      return raw;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loading.remove(owner, mine);
    }
  }

  private Cached load(String owner, boolean create, boolean referenceKey) {
    destroyDropped(false);
    Cached c = cache.get(owner); // another thread may have loaded it just before
    if (c != null && c.fresh()) {
      return c;
    }
    List<WrappedKey> stored = store.load(owner);
    if (stored.isEmpty() && create) {
      KeyEncryption master = provider.keyEncryption(masterVersion);
      byte[] fresh = DataKeyWrap.newDataKey();
      try {
        store.insert(DataKeyWrap.wrap(master, owner, VERSION, fresh)); // false: another node won
      } finally {
        Arrays.fill(fresh, (byte) 0);
      }
      stored = store.load(owner);
    }
    WrappedKey wrapped =
        stored.stream()
            .filter(w -> w.version() == VERSION && w.tenant().equals(owner))
            .findFirst()
            .orElse(null);
    if (wrapped == null) {
      drop(cache.remove(owner));
      throw new KeyUnavailableException(
          "SUOJA-6001",
          referenceKey
              ? "the tenant has no subject reference key"
              : "the subject key of this value does not exist (destroyed by erasure, or never"
                  + " created)");
    }
    byte[] raw;
    try {
      raw = DataKeyWrap.unwrap(provider.keyEncryption(wrapped.masterKeyVersion()), wrapped);
    } catch (OpenFailedException e) {
      throw new KeyUnavailableException(
          "SUOJA-6002",
          "a stored subject key does not unwrap under master key version "
              + wrapped.masterKeyVersion());
    }
    Cached fresh = new Cached(raw, CoarseClock.nanoTime(), loads.incrementAndGet());
    drop(cache.put(owner, fresh));
    if (cache.size() > maxEntries) {
      evictOldest(fresh);
    }
    return fresh;
  }

  /** Drops the longest-held tenth beyond the bound (never {@code keep}, which is being served). */
  private void evictOldest(Cached keep) {
    List<Map.Entry<String, Cached>> all = new ArrayList<>(cache.entrySet());
    int excess = all.size() - maxEntries;
    if (excess <= 0) {
      return;
    }
    all.sort((a, b) -> Long.compare(a.getValue().loadOrder, b.getValue().loadOrder));
    int target = Math.max(excess, maxEntries / 10);
    for (Map.Entry<String, Cached> e : all) {
      if (target <= 0) {
        break;
      }
      if (e.getValue() != keep && cache.remove(e.getKey(), e.getValue())) {
        drop(e.getValue());
        target--;
      }
    }
  }

  /** Queues a key no longer served, for zeroing after the grace period. */
  private void drop(Cached c) {
    if (c == null) {
      return;
    }
    c.droppedAt = CoarseClock.nanoTime();
    dropped.add(c);
    droppedCount.incrementAndGet();
  }

  /** Zeroes dropped keys older than the grace period (all of them if {@code all}). */
  private void destroyDropped(boolean all) {
    long now = CoarseClock.nanoTime();
    for (Cached d = dropped.peek(); d != null; d = dropped.peek()) {
      long age = now - d.droppedAt;
      boolean overdue =
          age >= KeyCache.DESTROY_GRACE_NANOS
              || (age >= KeyCache.MIN_GRACE_NANOS
                  && droppedCount.get() > KeyCache.MAX_PENDING_DESTRUCTION);
      if (!all && !overdue) {
        return;
      }
      if (dropped.remove(d)) {
        droppedCount.decrementAndGet();
        d.destroy();
      }
    }
  }

  /** The cached entry of a subject key, or null (for tests). */
  Cached cached(KeyId subjectKey) {
    return cache.get(OWNER_PREFIX + subjectKey.owner());
  }

  /** Keys currently held (for tests). */
  int cachedKeys() {
    return cache.size();
  }

  /** Drops every entry and zeroes every key now (for tests and shutdown). */
  void clear() {
    for (Map.Entry<String, Cached> e : cache.entrySet()) {
      if (cache.remove(e.getKey(), e.getValue())) {
        drop(e.getValue());
      }
    }
    destroyDropped(true);
  }

  @Override
  public String toString() {
    return "SubjectKeys[cached=" + cache.size() + "]";
  }

  /** A cached raw key; zeroed once dropped and past the grace period. */
  final class Cached {
    final byte[] raw;
    final long loadedAt;
    final long loadOrder; // the coarse clock ties within a tick
    volatile long droppedAt;
    private volatile boolean destroyed;

    Cached(byte[] raw, long loadedAt, long loadOrder) {
      this.raw = raw;
      this.loadedAt = loadedAt;
      this.loadOrder = loadOrder;
    }

    boolean fresh() {
      return !destroyed && CoarseClock.nanoTime() - loadedAt < ttlNanos;
    }

    /** Marks it destroyed, then zeroes it: a reader that saw a zero byte sees the mark. */
    void destroy() {
      destroyed = true;
      Arrays.fill(raw, (byte) 0);
    }

    boolean destroyed() {
      return destroyed;
    }

    /**
     * Called after deriving from {@link #raw}: fails closed if it was zeroed meanwhile.
     *
     * @throws KeyUnavailableException {@code SUOJA-1052}
     */
    void requireIntact() {
      if (destroyed) {
        throw new KeyUnavailableException(
            "SUOJA-1052", "a subject key was dropped from the key cache while in use; retry");
      }
    }

    @Override
    public String toString() {
      return "Cached[]";
    }
  }
}
