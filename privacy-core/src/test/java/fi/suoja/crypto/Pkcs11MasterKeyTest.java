package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.crypto.internal.Pkcs11KeyProvider;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.MasterKey;
import fi.suoja.crypto.spi.WrappedKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.crypto.testing.SoftHsmToken;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: master keys in a PKCS#11 token (real SoftHSM2, a token made for this run by {@link
 * SoftHsmToken}), non-extractable AES-256. Many tenants created and unwrapped through fresh key
 * caches, 8 threads mixing a software-key runtime and the PKCS#11 runtime on the same threads,
 * tenant and master key rotation, crypto-shredding; the key never becomes extractable and no
 * message carries key bytes. Skipped, with the reason, where SoftHSM2 is not installed.
 */
class Pkcs11MasterKeyTest {
  private SoftHsmToken token;
  private KeyProvider hsm;

  @BeforeEach
  void token() throws Exception {
    token = SoftHsmToken.get();
    hsm =
        Pkcs11KeyProvider.loadWithPinFrom(
            token.config,
            SoftHsmToken.PIN_VARIABLE,
            Map.of(SoftHsmToken.PIN_VARIABLE, SoftHsmToken.PIN));
  }

  private static SuojaCrypto runtime(KeyProvider keys, WrappedKeyStore store, Duration ttl) {
    return SuojaCrypto.builder()
        .keyProvider(keys)
        .wrappedKeyStore(store)
        .dataKeyCacheTtl(ttl)
        .createTenantKeysOnFirstUse(true)
        .build();
  }

  private static SuojaCrypto software(WrappedKeyStore store) {
    return runtime(KeyProvider.inMemory(Map.of(1, TestCrypto.MASTER_1)), store, Duration.ZERO);
  }

  @Test
  void masterKeys_areNonExtractableTokenKeysAndNeverPrinted() {
    assertThat(hsm.currentVersion()).isEqualTo(2);
    for (int version = 1; version <= 2; version++) {
      MasterKey master = hsm.masterKey(version);
      SecretKey key = master.jcaKey(InsecureSecretKeyAccess.get());
      assertThat(key.getEncoded()).as("a non-extractable key has no encoding").isNull();
      assertThat(master.provider()).isPresent();
      assertThat(master.toString()).isEqualTo("MasterKey[version=" + version + "]");
    }
    assertThat(hsm.toString())
        .isEqualTo("Pkcs11KeyProvider[SunPKCS11-SuojaSoftHsm, versions=[1, 2]]");
    assertThatThrownBy(() -> hsm.masterKey(3))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageContaining("SUOJA-1004");
  }

  @Test
  void fortyTenants_createdThenUnwrappedThroughAFreshKeyCache() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto writer = runtime(hsm, store, Duration.ofMinutes(5));
    List<String> sealed = new ArrayList<>();
    for (int t = 0; t < 40; t++) {
      assertThat(writer.keyring().create("tenant-" + t)).isEqualTo(KeyId.tenant("tenant-" + t, 1));
      sealed.add(writer.fieldCipher().seal(context(t), "Helmi " + t));
    }
    SuojaCrypto reader = runtime(hsm, store, Duration.ofMinutes(5));
    for (int t = 0; t < 40; t++) {
      assertThat(reader.fieldCipher().open(context(t), sealed.get(t))).isEqualTo("Helmi " + t);
    }
  }

  /** The reporter's set-up: SunPKCS11 installed globally, the key given without its provider. */
  @Test
  void globallyInstalledProvider_keyWithoutProvider_mixedWithSoftwareKeysOnOneThread() {
    Provider provider = hsm.masterKey(1).provider().orElseThrow();
    Security.addProvider(provider);
    try {
      SecretKey key = hsm.masterKey(1).jcaKey(InsecureSecretKeyAccess.get());
      KeyProvider plain = version -> MasterKey.of(version, key);
      WrappedKeyStore store = WrappedKeyStore.inMemory();
      SuojaCrypto crypto = runtime(plain, store, Duration.ZERO);
      SuojaCrypto soft = software(WrappedKeyStore.inMemory());
      List<String> sealed = new ArrayList<>();
      for (int t = 0; t < 24; t++) {
        crypto.keyring().create("tenant-" + t);
        sealed.add(crypto.fieldCipher().seal(context(t), "v" + t));
        soft.fieldCipher().seal(context(t), "software " + t); // software keys between HSM calls
      }
      SuojaCrypto reader = runtime(plain, store, Duration.ZERO);
      for (int t = 0; t < 24; t++) {
        assertThat(reader.fieldCipher().open(context(t), sealed.get(t))).isEqualTo("v" + t);
      }
    } finally {
      Security.removeProvider(provider.getName());
    }
  }

  @Test
  void eightThreads_mixSoftwareAndPkcs11Runtimes() throws Exception {
    WrappedKeyStore hsmStore = WrappedKeyStore.inMemory();
    WrappedKeyStore softStore = WrappedKeyStore.inMemory();
    // TTL zero: every operation unwraps its data key again, so each thread alternates between
    // the token's AES/GCM and the JDK's on every step
    SuojaCrypto withHsm = runtime(hsm, hsmStore, Duration.ZERO);
    SuojaCrypto soft = software(softStore);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int th = 0; th < 8; th++) {
        int thread = th;
        Callable<Integer> work =
            () -> {
              int checked = 0;
              for (int i = 0; i < 25; i++) {
                int t = thread * 100 + i;
                CipherContext ctx = context(t);
                String a = withHsm.fieldCipher().seal(ctx, "hsm " + t);
                String b = soft.fieldCipher().seal(ctx, "soft " + t);
                assertThat(soft.fieldCipher().open(ctx, b)).isEqualTo("soft " + t);
                assertThat(withHsm.fieldCipher().open(ctx, a)).isEqualTo("hsm " + t);
                checked++;
              }
              return checked;
            };
        results.add(pool.submit(work));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(5, TimeUnit.MINUTES);
      }
      assertThat(total).isEqualTo(200);
    } finally {
      pool.shutdownNow();
    }
    assertThat(hsmStore.load("tenant-701")).hasSize(1);
    assertThat(softStore.load("tenant-701")).hasSize(1);
  }

  @Test
  void rotation_tenantKeyAndMasterKey_oldValuesStillOpen() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto v1 =
        SuojaCrypto.builder().keyProvider(hsm).wrappedKeyStore(store).masterKeyVersion(1).build();
    v1.keyring().create("acme");
    v1.keyring().create("globex");
    String old = v1.fieldCipher().seal(acme(), "before rotation");
    assertThat(v1.keyring().rotate("acme")).isEqualTo(KeyId.tenant("acme", 2));
    String newer = v1.fieldCipher().seal(acme(), "after tenant rotation");

    SuojaCrypto v2 = runtime(hsm, store, Duration.ofMinutes(5)); // current master version 2
    assertThat(v2.keyring().rotateMasterKey()).isEqualTo(3);
    for (WrappedKey w : store.load("acme")) {
      assertThat(w.masterKeyVersion()).isEqualTo(2);
    }
    SuojaCrypto fresh = runtime(hsm, store, Duration.ofMinutes(5));
    assertThat(fresh.fieldCipher().open(acme(), old)).isEqualTo("before rotation");
    assertThat(fresh.fieldCipher().open(acme(), newer)).isEqualTo("after tenant rotation");
  }

  @Test
  void cryptoShredding_subjectKeyUnderHsmMaster_destroyedValuesFailOthersOpen() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto crypto = runtime(hsm, store, Duration.ofMinutes(5));
    CipherContext ctx = acme();
    String helmi = crypto.fieldCipher().sealForSubject(ctx, "subject-helmi", "Helmi Mäkelä");
    String eino = crypto.fieldCipher().sealForSubject(ctx, "subject-eino", "Eino Virtanen");

    assertThat(crypto.subjectKeys().destroy("acme", "subject-helmi")).isEqualTo(1);

    SuojaCrypto fresh = runtime(hsm, store, Duration.ofMinutes(5));
    assertThatThrownBy(() -> fresh.fieldCipher().open(ctx, helmi))
        .isInstanceOf(KeyUnavailableException.class);
    assertThat(fresh.fieldCipher().open(ctx, eino)).isEqualTo("Eino Virtanen");
  }

  @Test
  void misconfiguration_failsClosedWithCodes() {
    assertThatThrownBy(() -> KeyProvider.pkcs11(token.config, "SUOJA_TEST_UNSET_PIN_VARIABLE"))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-1042")
        .hasMessageContaining("SUOJA_TEST_UNSET_PIN_VARIABLE");
    Path missing = token.config.resolveSibling("missing-pkcs11.cfg");
    assertThatThrownBy(() -> Pkcs11KeyProvider.load(missing, SoftHsmToken.PIN.toCharArray()))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-1040")
        .hasMessageNotContaining(SoftHsmToken.PIN);
  }

  @Test
  void failureMessages_carryNoKeyMaterial() {
    // an unwrap under the wrong master version: the message names versions, never bytes
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto crypto = runtime(hsm, store, Duration.ZERO);
    crypto.keyring().create("acme");
    WrappedKey w = store.load("acme").get(0);
    byte[] tampered = w.wrapped();
    tampered[20] ^= 1;
    WrappedKeyStore broken = WrappedKeyStore.inMemory();
    broken.insert(new WrappedKey("acme", 1, w.masterKeyVersion(), tampered));
    SuojaCrypto reader = runtime(hsm, broken, Duration.ZERO);
    Throwable thrown = catchThrowable(() -> reader.fieldCipher().seal(acme(), "x"));
    assertThat(thrown).isInstanceOf(SuojaException.class);
    String text = String.valueOf(thrown);
    assertThat(text).doesNotContain(HexFormat.of().formatHex(tampered));
  }

  private static CipherContext context(int tenant) {
    return CipherContext.of("tenant-" + tenant, "Client", "lastName").withRow("row-" + tenant);
  }

  private static CipherContext acme() {
    return CipherContext.of("acme", "Client", "lastName").withRow("7");
  }
}
