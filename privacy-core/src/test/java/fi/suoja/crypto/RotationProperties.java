package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Key versions: after any number of rotations every old ciphertext still opens and new ones use the
 * newest version; a new version is saved before any value uses it; master-key rotation re-wraps
 * data keys without touching data; unknown versions and tenants fail closed.
 */
class RotationProperties {

  @Property(tries = 50)
  void rotate_anyNumberOfTimes_oldValuesOpenAndNewValuesUseNewVersion(
      @ForAll @Size(min = 1, max = 6) List<@StringLength(max = 40) String> values,
      @ForAll @IntRange(min = 1, max = 4) int rotations) {
    SuojaCrypto crypto = TestCrypto.twoTenants();
    FieldCipher cipher = crypto.fieldCipher();
    CipherContext context = CipherContext.of("acme", "Client", "lastName").withRow("7");
    List<String> plain = new ArrayList<>();
    List<String> sealed = new ArrayList<>();
    for (int r = 0; r <= rotations; r++) {
      for (String v : values) {
        if (!EnvelopeTamperProperties.hasNoLoneSurrogate(v)) {
          continue;
        }
        String s = cipher.seal(context, v);
        assertThat(cipher.keyOf(context, s)).isEqualTo(KeyId.tenant("acme", r + 1));
        plain.add(v);
        sealed.add(s);
      }
      if (r < rotations) {
        assertThat(crypto.keyring().rotate("acme")).isEqualTo(KeyId.tenant("acme", r + 2));
      }
    }
    for (int i = 0; i < sealed.size(); i++) {
      assertThat(cipher.open(context, sealed.get(i))).isEqualTo(plain.get(i));
    }
    assertThat(crypto.keyring().current("acme").version()).isEqualTo(rotations + 1);
    assertThat(crypto.keyring().current("globex").version()).isEqualTo(1);
  }

  @Example
  void rotate_storeFailsToSave_previousVersionStaysCurrent() {
    FailingStore store = new FailingStore();
    SuojaCrypto crypto = TestCrypto.builder(store).build();
    crypto.keyring().create("acme");
    CipherContext context = CipherContext.of("acme", "Client", "notes");
    store.failInserts = true;
    assertThatThrownBy(() -> crypto.keyring().rotate("acme"))
        .isInstanceOf(KeyUnavailableException.class);
    String sealed = crypto.fieldCipher().seal(context, "x");
    assertThat(crypto.fieldCipher().keyOf(context, sealed)).isEqualTo(KeyId.tenant("acme", 1));
  }

  @Example
  void rotate_onOtherNode_valuesOpenAtOnceAndSealsSwitchAfterTtl() throws Exception {
    WrappedKeyStore shared = WrappedKeyStore.inMemory();
    SuojaCrypto nodeA = TestCrypto.builder(shared).build();
    SuojaCrypto nodeB = TestCrypto.builder(shared).dataKeyCacheTtl(Duration.ofMillis(200)).build();
    nodeA.keyring().create("acme");
    CipherContext context = CipherContext.of("acme", "Client", "notes");
    nodeB.fieldCipher().seal(context, "warm the cache");

    nodeA.keyring().rotate("acme");
    String fromA = nodeA.fieldCipher().seal(context, "new");
    assertThat(nodeB.fieldCipher().open(context, fromA)).isEqualTo("new");
    Thread.sleep(300); // TTL + the key cache clock's 10 ms tick + scheduling on a loaded machine
    String fromB = nodeB.fieldCipher().seal(context, "after ttl");
    assertThat(nodeB.fieldCipher().keyOf(context, fromB).version()).isEqualTo(2);
  }

  @Example
  void rotateMasterKey_rewrapsDataKeys_dataOpensWithOnlyTheNewMasterKey() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto before = TestCrypto.builder(store).build();
    before.keyring().create("acme");
    before.keyring().rotate("acme");
    before.keyring().create("globex");
    CipherContext context = CipherContext.of("acme", "Client", "hetu").withRow("1");
    String sealed = before.fieldCipher().seal(context, "010190-999K");
    BlindIndex index = before.blindIndexer().index("acme", "Client", "hetu", "010190-999K");

    SuojaCrypto both =
        TestCrypto.builder(store)
            .keyProvider(
                KeyProvider.inMemory(Map.of(1, TestCrypto.MASTER_1, 2, TestCrypto.MASTER_2)))
            .build();
    assertThat(both.keyring().rotateMasterKey()).isEqualTo(3);
    assertThat(both.keyring().rotateMasterKey()).isZero();
    assertThat(store.load("acme")).allMatch(w -> w.masterKeyVersion() == 2);

    SuojaCrypto after =
        TestCrypto.builder(store)
            .keyProvider(KeyProvider.inMemory(Map.of(2, TestCrypto.MASTER_2)))
            .build();
    assertThat(after.fieldCipher().open(context, sealed)).isEqualTo("010190-999K");
    assertThat(after.blindIndexer().candidates("acme", "Client", "hetu", "010190-999k"))
        .contains(index);
  }

  @Example
  void open_versionTheTenantDoesNotHave_failsWithKeyUnavailable() {
    SuojaCrypto crypto = TestCrypto.twoTenants();
    CipherContext context = CipherContext.of("acme", "Client", "notes");
    byte[] envelope = crypto.fieldCipher().sealBytes(context, new byte[] {1, 2, 3});
    envelope[6] = 9; // key version 9
    assertThatThrownBy(() -> crypto.fieldCipher().openBytes(context, envelope))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageStartingWith("SUOJA-1003");
  }

  @Example
  void seal_tenantWithoutKey_failsClosedWithKeyUnavailable() {
    SuojaCrypto crypto = TestCrypto.twoTenants();
    assertThatThrownBy(
            () -> crypto.fieldCipher().seal(CipherContext.of("initech", "Client", "notes"), "x"))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageStartingWith("SUOJA-1002")
        .hasMessageContaining("Suoja.builder().crypto(c -> c.createTenantKeysOnFirstUse(true))");
    assertThatThrownBy(() -> crypto.keyring().rotate("initech"))
        .isInstanceOf(KeyUnavailableException.class);
  }

  @Example
  void seal_createTenantKeysOnFirstUse_createsVersionOne() {
    SuojaCrypto crypto =
        TestCrypto.builder(WrappedKeyStore.inMemory()).createTenantKeysOnFirstUse(true).build();
    CipherContext context = CipherContext.of("initech", "Client", "notes");
    String sealed = crypto.fieldCipher().seal(context, "x");
    assertThat(crypto.keyring().versions("initech")).containsExactly(KeyId.tenant("initech", 1));
    assertThat(crypto.fieldCipher().open(context, sealed)).isEqualTo("x");
  }

  @Example
  void open_masterKeyVersionNoLongerHeld_failsWithKeyUnavailable() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto one = TestCrypto.builder(store).build();
    one.keyring().create("acme");
    String sealed = one.fieldCipher().seal(CipherContext.of("acme", "Client", "notes"), "x");
    SuojaCrypto two =
        TestCrypto.builder(store)
            .keyProvider(KeyProvider.inMemory(Map.of(2, TestCrypto.MASTER_2)))
            .build();
    assertThatThrownBy(
            () -> two.fieldCipher().open(CipherContext.of("acme", "Client", "notes"), sealed))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageStartingWith("SUOJA-1004");
  }

  @Example
  void open_wrappedKeyMovedToAnotherTenant_failsWithKeyUnavailable() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto crypto = TestCrypto.builder(store).build();
    crypto.keyring().create("acme");
    WrappedKey acme = store.load("acme").get(0);
    store.insert(new WrappedKey("evil", 1, acme.masterKeyVersion(), acme.wrapped()));
    assertThatThrownBy(
            () -> crypto.fieldCipher().seal(CipherContext.of("evil", "Client", "notes"), "x"))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageStartingWith("SUOJA-1007");
  }

  /** A store whose inserts can be made to fail, as a full disk or a lost database would. */
  static final class FailingStore implements WrappedKeyStore {
    private final WrappedKeyStore delegate = WrappedKeyStore.inMemory();
    volatile boolean failInserts;

    @Override
    public List<WrappedKey> load(String tenant) {
      return delegate.load(tenant);
    }

    @Override
    public boolean insert(WrappedKey key) {
      if (failInserts) {
        throw new KeyUnavailableException("SUOJA-1006", "simulated store failure");
      }
      return delegate.insert(key);
    }

    @Override
    public void replace(WrappedKey key) {
      delegate.replace(key);
    }

    @Override
    public Set<String> tenants() {
      return delegate.tenants();
    }
  }
}
