package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.spi.KeyContext;
import fi.suoja.crypto.spi.KeyEncryption;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.MasterKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The subject-key cache is bounded, and a subject key it no longer serves is zeroed. */
class SubjectKeyCacheBoundsTest {
  static final String TENANT = "subject-bound";

  /** A local master key that counts unwraps. */
  private static final class CountingProvider implements KeyProvider {
    final AtomicInteger unwraps = new AtomicInteger();
    private final MasterKey master = MasterKey.of(1, TestCrypto.MASTER_1);

    @Override
    public MasterKey masterKey(int version) {
      return master;
    }

    @Override
    public KeyEncryption keyEncryption(int version) {
      KeyEncryption local = KeyEncryption.local(master);
      return new KeyEncryption() {
        @Override
        public int version() {
          return 1;
        }

        @Override
        public byte[] wrap(byte[] dataKey, KeyContext context) throws GeneralSecurityException {
          return local.wrap(dataKey, context);
        }

        @Override
        public byte[] unwrap(byte[] wrapped, KeyContext context) throws GeneralSecurityException {
          unwraps.incrementAndGet();
          return local.unwrap(wrapped, context);
        }
      };
    }
  }

  private static CipherContext context(int i) {
    return CipherContext.of(TENANT, "Client", "hetu").withRow("r" + i);
  }

  private static Map<Integer, String> seal(SuojaCrypto crypto, int subjects) {
    crypto.keyring().create(TENANT);
    Map<Integer, String> sealed = new LinkedHashMap<>();
    for (int i = 0; i < subjects; i++) {
      sealed.put(i, crypto.fieldCipher().sealForSubject(context(i), "subject-" + i, "value " + i));
    }
    return sealed;
  }

  @Test
  void beyondMaxEntries_keysAreDropped_andUnwrappedAgainWhenNeeded() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    Map<Integer, String> sealed = seal(TestCrypto.builder(store).build(), 30);

    CountingProvider small = new CountingProvider();
    SuojaCrypto bounded =
        TestCrypto.builder(store).keyProvider(small).subjectKeyCacheMaxEntries(5).build();
    CountingProvider large = new CountingProvider();
    SuojaCrypto unbounded = TestCrypto.builder(store).keyProvider(large).build();
    SubjectKeyCache boundedCache = (SubjectKeyCache) bounded.subjectKeys();
    for (int round = 0; round < 2; round++) {
      sealed.forEach(
          (i, value) -> {
            assertThat(bounded.fieldCipher().open(context(i), value)).isEqualTo("value " + i);
            assertThat(unbounded.fieldCipher().open(context(i), value)).isEqualTo("value " + i);
            assertThat(boundedCache.cachedKeys()).isLessThanOrEqualTo(5);
          });
    }
    assertThat(((SubjectKeyCache) unbounded.subjectKeys()).cachedKeys()).isEqualTo(30);
    // opening a subject-sealed value needs its subject key only
    assertThat(large.unwraps.get()).isEqualTo(30); // once per key per TTL
    assertThat(small.unwraps.get()).isEqualTo(60); // 30 keys cycling through 5 places
  }

  @Test
  void droppedKey_isZeroedAfterTheGrace_andALateUseFailsClosed() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto crypto = TestCrypto.builder(store).subjectKeyCacheMaxEntries(2).build();
    Map<Integer, String> sealed = seal(crypto, 1);
    SubjectKeyCache cache = (SubjectKeyCache) crypto.subjectKeys();
    KeyId first = cache.find(TENANT, "subject-0").orElseThrow();
    SubjectKeyCache.Cached held = cache.cached(first);
    assertThat(held).isNotNull();

    seal(crypto, 4); // subjects 0..3 again and the reference key: beyond 2 entries
    assertThat(cache.cachedKeys()).isLessThanOrEqualTo(2);
    assertThat(held.destroyed()).as("within the grace period").isFalse();

    cache.clear();
    assertThat(held.destroyed()).isTrue();
    assertThat(held.raw).containsOnly(0);
    assertThatThrownBy(held::requireIntact)
        .isInstanceOfSatisfying(
            KeyUnavailableException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1052"));
    // the subject's values open again: a fresh unwrap
    assertThat(crypto.fieldCipher().open(context(0), sealed.get(0))).isEqualTo("value 0");
  }

  @Test
  void erasure_dropsTheCachedKey_andItIsZeroed() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto crypto = TestCrypto.builder(store).build();
    seal(crypto, 1);
    SubjectKeyCache cache = (SubjectKeyCache) crypto.subjectKeys();
    SubjectKeyCache.Cached held = cache.cached(cache.find(TENANT, "subject-0").orElseThrow());

    assertThat(cache.destroy(TENANT, "subject-0")).isEqualTo(1);
    cache.clear();

    assertThat(held.destroyed()).isTrue();
    assertThat(held.raw).containsOnly(0);
  }

  @Test
  void maxEntriesBelowOne_isRefusedAtBuild() {
    assertThatThrownBy(
            () ->
                TestCrypto.builder(WrappedKeyStore.inMemory()).subjectKeyCacheMaxEntries(0).build())
        .isInstanceOfSatisfying(
            SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1037"))
        .hasMessageContaining("subjectKeyCacheMaxEntries");
  }
}
