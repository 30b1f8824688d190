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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The data-key cache is bounded, and a key it no longer serves is destroyed. */
class KeyCacheBoundsTest {

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

  private static CipherContext context(String tenant) {
    return CipherContext.of(tenant, "Client", "hetu");
  }

  private static Map<String, String> seal(SuojaCrypto crypto, int tenants) {
    Map<String, String> sealed = new LinkedHashMap<>();
    for (int i = 0; i < tenants; i++) {
      String tenant = "bound-" + i;
      crypto.keyring().create(tenant);
      sealed.put(tenant, crypto.fieldCipher().seal(context(tenant), "value " + i));
    }
    return sealed;
  }

  @Test
  void beyondMaxTenants_entriesAreDropped_andUnwrappedAgainWhenNeeded() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    Map<String, String> sealed = seal(TestCrypto.builder(store).build(), 12);

    CountingProvider small = new CountingProvider();
    SuojaCrypto bounded =
        TestCrypto.builder(store).keyProvider(small).dataKeyCacheMaxTenants(5).build();
    CountingProvider large = new CountingProvider();
    SuojaCrypto unbounded = TestCrypto.builder(store).keyProvider(large).build();
    for (int round = 0; round < 2; round++) {
      sealed.forEach(
          (tenant, value) -> {
            assertThat(bounded.fieldCipher().open(context(tenant), value)).startsWith("value ");
            assertThat(unbounded.fieldCipher().open(context(tenant), value)).startsWith("value ");
            assertThat(((KeyCache) bounded.keyring()).cachedTenants()).isLessThanOrEqualTo(5);
          });
    }
    assertThat(large.unwraps.get()).isEqualTo(12); // once per tenant key per TTL
    assertThat(small.unwraps.get()).isEqualTo(24); // cycling 12 tenants through 5 places
    assertThat(((KeyCache) unbounded.keyring()).cachedTenants()).isEqualTo(12);
  }

  @Test
  void droppedKey_isDestroyedAfterTheGrace_notWhileAnOperationMayHoldIt() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto crypto = TestCrypto.builder(store).dataKeyCacheMaxTenants(1).build();
    crypto.keyring().create("bound-a");
    crypto.keyring().create("bound-b");
    KeyCache cache = (KeyCache) crypto.keyring();
    DataKey a = cache.currentKey("bound-a");
    cache.currentKey("bound-b"); // drops bound-a
    assertThat(cache.cachedTenants()).isEqualTo(1);
    assertThat(a.destroyed()).isFalse(); // within the grace period
    a.sealKey("Client", "hetu"); // still usable by the operation that took it

    cache.clear();
    assertThat(a.destroyed()).isTrue();
    assertThatThrownBy(() -> a.sealKey("Client", "newField"))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageStartingWith("SUOJA-1052");
    // the tenant itself opens again: a fresh unwrap
    String sealed = crypto.fieldCipher().seal(context("bound-a"), "after");
    assertThat(crypto.fieldCipher().open(context("bound-a"), sealed)).isEqualTo("after");
  }

  @Test
  void destroy_zeroesTheRawKey() {
    byte[] raw = new byte[32];
    java.util.Arrays.fill(raw, (byte) 0x5A);
    DataKey key = new DataKey(KeyId.tenant("bound-z", 1), raw);
    key.sealKey("Client", "hetu");
    key.destroy();
    assertThat(raw).containsOnly((byte) 0);
    key.destroy(); // idempotent
  }

  @Test
  void maxTenantsBelowOne_isRejected() {
    assertThatThrownBy(
            () ->
                TestCrypto.builder(WrappedKeyStore.inMemory())
                    .dataKeyCacheMaxTenants(0)
                    .dataKeyCacheTtl(Duration.ofMinutes(1))
                    .build())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageStartingWith("SUOJA-1037");
  }
}
