package fi.suoja.crypto.tink;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.SuojaCrypto;
import fi.suoja.crypto.spi.KeyContext;
import fi.suoja.crypto.spi.KeyEncryption;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.KmsKeyProvider;
import fi.suoja.crypto.spi.MasterKey;
import fi.suoja.crypto.spi.WrappedKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.crypto.testing.DocSnippets;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Master keys in a key management service, driven through the real client path: {@link
 * KmsKeyProvider} -> {@link TinkKeyEncryption} -> {@link VaultTransitAead} (the JDK's HTTP client)
 * -> a loopback Vault Transit double ({@link VaultTransitDouble}) doing real AES-256-GCM. Faults
 * are injected in the server: latency, HTTP 5xx, hung requests (client timeouts), connections
 * closed without an answer, and TCP resets from a raw socket.
 */
class KmsMasterKeyTest {
  private static final String KEY = "suoja-master";
  private static final String SECRET = "010190-999K";
  private static final Path OPERATIONS = Path.of("..", "docs", "OPERATIONS.md");
  private static final Path SOURCE =
      Path.of("src/test/java/fi/suoja/crypto/tink/KmsMasterKeyTest.java");

  @TempDir Path dir;
  private VaultTransitDouble vault;

  @BeforeEach
  void start() throws IOException {
    vault = new VaultTransitDouble();
    vault.rotate(KEY);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  private VaultTransitAead client(Duration timeout) {
    return VaultTransitAead.builder(vault.address(), KEY)
        .token(VaultTransitDouble.TOKEN.toCharArray())
        .requestTimeout(timeout)
        .build();
  }

  private KeyProvider kms(Duration requestTimeout, Duration deadline) {
    return KeyProvider.kms()
        .key(TinkKeyEncryption.of(1, client(requestTimeout)))
        .maxAttempts(4)
        .initialBackoff(Duration.ofMillis(20))
        .deadline(deadline)
        .build();
  }

  private KeyProvider kms() {
    return kms(Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  private static SuojaCrypto crypto(KeyProvider keys, WrappedKeyStore store, Duration ttl) {
    return SuojaCrypto.builder()
        .keyProvider(keys)
        .wrappedKeyStore(store)
        .dataKeyCacheTtl(ttl)
        .build();
  }

  private static CipherContext context(String tenant) {
    return CipherContext.of(tenant, "Client", "hetu").withRow("1");
  }

  /** Creates tenants t0..t(n-1) through the KMS, each with one sealed value. */
  private Map<String, String> tenants(WrappedKeyStore store, int n) {
    SuojaCrypto crypto = crypto(kms(), store, Duration.ofMinutes(5));
    Map<String, String> sealed = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String tenant = "kms-t" + i;
      crypto.keyring().create(tenant);
      sealed.put(tenant, crypto.fieldCipher().seal(context(tenant), SECRET + i));
    }
    return sealed;
  }

  @Test
  void tenants_createdAndReopenedThroughVaultTransit_oneUnwrapPerTenant() {
    WrappedKeyStore store = WrappedKeyStore.directory(dir);
    Map<String, String> sealed = tenants(store, 20);
    assertThat(vault.calls("encrypt")).isEqualTo(20);
    for (String tenant : sealed.keySet()) {
      List<WrappedKey> keys = store.load(tenant);
      assertThat(keys).hasSize(1);
      assertThat(new String(keys.get(0).wrapped(), StandardCharsets.US_ASCII))
          .startsWith("vault:v1:");
    }

    vault.resetCounts();
    SuojaCrypto reopened = crypto(kms(), WrappedKeyStore.directory(dir), Duration.ofMinutes(5));
    for (int round = 0; round < 3; round++) {
      sealed.forEach(
          (tenant, value) ->
              assertThat(reopened.fieldCipher().open(context(tenant), value))
                  .isEqualTo(SECRET + tenant.substring("kms-t".length())));
    }
    assertThat(vault.calls("decrypt")).isEqualTo(20);
    assertThat(vault.calls("encrypt")).isZero();
  }

  /** The Java lines of docs/OPERATIONS.md's KMS section are this region, and they work. */
  @Test
  void documentedWiring_sealsAndOpensThroughVaultTransit() {
    assertThat(DocSnippets.block(OPERATIONS, "compiled", "kms-vault"))
        .as("OPERATIONS.md's kms-vault snippet must equal the tagged region of %s", SOURCE)
        .isEqualTo(DocSnippets.taggedRegion(SOURCE, "kms-vault"));
    URI vaultAddress = vault.address();
    char[] vaultToken = VaultTransitDouble.TOKEN.toCharArray();
    WrappedKeyStore wrappedKeyStore = WrappedKeyStore.inMemory();
    // tag::kms-vault[]
    Aead vault =
        VaultTransitAead.builder(vaultAddress, "suoja-master")
            .token(vaultToken) // char[] from your secret store; copied at build(), never logged
            .requestTimeout(Duration.ofSeconds(1))
            .build();
    KeyProvider keys = KeyProvider.kms().key(TinkKeyEncryption.of(1, vault)).build();
    SuojaCrypto crypto =
        SuojaCrypto.builder().keyProvider(keys).wrappedKeyStore(wrappedKeyStore).build();
    // end::kms-vault[]
    crypto.keyring().create("kms-docs");
    String sealed = crypto.fieldCipher().seal(context("kms-docs"), SECRET);
    assertThat(sealed).doesNotContain(SECRET);
    assertThat(new String(wrappedKeyStore.load("kms-docs").get(0).wrapped(), US_ASCII))
        .startsWith("vault:v1:");
    assertThat(
            crypto(keys, wrappedKeyStore, Duration.ZERO)
                .fieldCipher()
                .open(context("kms-docs"), sealed))
        .isEqualTo(SECRET);
    assertThat(this.vault.calls("encrypt")).isEqualTo(1);
  }

  @Test
  void wrappedKeyMovedToAnotherTenant_doesNotUnwrap_andIsNotRetried() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto crypto = crypto(kms(), store, Duration.ofMinutes(5));
    crypto.keyring().create("kms-acme");
    byte[] acmeKey = store.load("kms-acme").get(0).wrapped();
    store.insert(new WrappedKey("kms-globex", 1, 1, acmeKey)); // the associated data differs
    vault.resetCounts();

    assertThatThrownBy(() -> crypto.fieldCipher().seal(context("kms-globex"), SECRET))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageStartingWith("SUOJA-1007");
    assertThat(vault.calls("decrypt")).isEqualTo(1); // a definite "does not authenticate"
  }

  @Test
  void eightThreads_oneUnwrapPerTenantKeyPerTtl() throws Exception {
    WrappedKeyStore store = WrappedKeyStore.directory(dir);
    Map<String, String> sealed = tenants(store, 10);
    Duration ttl = Duration.ofSeconds(3);
    SuojaCrypto crypto = crypto(kms(), WrappedKeyStore.directory(dir), ttl);
    vault.latency(30); // every thread misses while the first unwrap is in flight
    vault.resetCounts();

    assertThat(openConcurrently(crypto, sealed)).isEqualTo(8 * 50 * 10);
    assertThat(vault.calls("decrypt")).isEqualTo(10);

    Thread.sleep(ttl.toMillis() + 200); // every entry expires
    assertThat(openConcurrently(crypto, sealed)).isEqualTo(8 * 50 * 10);
    assertThat(vault.calls("decrypt")).isEqualTo(20);
  }

  @Test
  void eightThreads_subjectReferenceKey_oneUnwrapPerTtl() throws Exception {
    SuojaCrypto creator = crypto(kms(), WrappedKeyStore.directory(dir), Duration.ofMinutes(5));
    creator.subjectKeys().create("kms-subj", "subject-1");
    SuojaCrypto crypto = crypto(kms(), WrappedKeyStore.directory(dir), Duration.ofMinutes(5));
    vault.latency(30);
    vault.resetCounts();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger found = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < 50; i++) {
                    if (crypto.subjectKeys().find("kms-subj", "subject-1").isPresent()) {
                      found.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(found.get()).isEqualTo(8 * 50);
    assertThat(vault.calls("decrypt")).isEqualTo(1); // the tenant's subject reference key
  }

  private static int openConcurrently(SuojaCrypto crypto, Map<String, String> sealed)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger opened = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < 50; i++) {
                    sealed.forEach(
                        (tenant, value) -> {
                          String plain = crypto.fieldCipher().open(context(tenant), value);
                          if (plain.startsWith(SECRET)) {
                            opened.incrementAndGet();
                          }
                        });
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return opened.get();
  }

  @Test
  void transientServerErrors_areRetried_thenTheKeyIsServed() {
    Map<String, String> sealed = tenants(WrappedKeyStore.directory(dir), 1);
    SuojaCrypto crypto = crypto(kms(), WrappedKeyStore.directory(dir), Duration.ofMinutes(5));
    vault.resetCounts();
    vault.failNext(VaultTransitDouble.Fault.HTTP_500, 2);

    assertThat(crypto.fieldCipher().open(context("kms-t0"), sealed.get("kms-t0")))
        .isEqualTo(SECRET + "0");
    assertThat(vault.calls("decrypt")).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(
      value = VaultTransitDouble.Fault.class,
      names = {"HTTP_500", "HTTP_503", "CLOSE_CONNECTION", "HANG"})
  void outage_failsClosedWithinTheDeadline_thenRecoversWithoutRestart(
      VaultTransitDouble.Fault fault) {
    Map<String, String> sealed = tenants(WrappedKeyStore.directory(dir), 3);
    Duration deadline = Duration.ofMillis(1500);
    SuojaCrypto crypto =
        crypto(
            kms(Duration.ofMillis(200), deadline),
            WrappedKeyStore.directory(dir),
            Duration.ofMinutes(5));
    vault.fail(fault);
    vault.resetCounts();

    long start = System.nanoTime();
    assertThatThrownBy(() -> crypto.fieldCipher().open(context("kms-t0"), sealed.get("kms-t0")))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageStartingWith("SUOJA-1050")
        .hasMessageContaining("unwrap of key kms-t0 v1")
        .hasMessageNotContaining(VaultTransitDouble.TOKEN)
        .hasMessageNotContaining(SECRET);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(ms).isLessThan(deadline.toMillis() + 1000);
    assertThat(vault.calls("decrypt")).isBetween(1, 4);
    // a new tenant cannot be created either, and nothing half-made is stored
    assertThatThrownBy(() -> crypto.keyring().create("kms-new"))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageStartingWith("SUOJA-1050")
        .hasMessageContaining("wrap of key kms-new v1");
    assertThat(WrappedKeyStore.directory(dir).load("kms-new")).isEmpty();

    vault.heal();
    long healed = System.nanoTime();
    sealed.forEach(
        (tenant, value) ->
            assertThat(crypto.fieldCipher().open(context(tenant), value)).startsWith(SECRET));
    assertThat(crypto.keyring().create("kms-new").version()).isEqualTo(1);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healed)).isLessThan(2000);
  }

  @Test
  void attemptHangingPastTheDeadline_isAbandoned_evenWithoutAClientTimeout() {
    Map<String, String> sealed = tenants(WrappedKeyStore.directory(dir), 1);
    SuojaCrypto crypto =
        crypto(
            kms(Duration.ofSeconds(30), Duration.ofMillis(500)),
            WrappedKeyStore.directory(dir),
            Duration.ofMinutes(5));
    vault.fail(VaultTransitDouble.Fault.HANG);
    long start = System.nanoTime();
    assertThatThrownBy(() -> crypto.fieldCipher().open(context("kms-t0"), sealed.get("kms-t0")))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageStartingWith("SUOJA-1050")
        .hasMessageContaining("deadline");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1500);
  }

  @Test
  void latencyBelowTheTimeout_isWaitedFor() {
    Map<String, String> sealed = tenants(WrappedKeyStore.directory(dir), 1);
    SuojaCrypto crypto = crypto(kms(), WrappedKeyStore.directory(dir), Duration.ofMinutes(5));
    vault.latency(300);
    vault.resetCounts();
    long start = System.nanoTime();
    assertThat(crypto.fieldCipher().open(context("kms-t0"), sealed.get("kms-t0")))
        .isEqualTo(SECRET + "0");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(300);
    assertThat(vault.calls("decrypt")).isEqualTo(1);
  }

  @Test
  void tcpResets_failClosedAfterEveryAttempt() throws Exception {
    try (ServerSocket resetting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger accepted = new AtomicInteger();
      Thread acceptor =
          new Thread(
              () -> {
                while (!resetting.isClosed()) {
                  try (Socket s = resetting.accept()) {
                    accepted.incrementAndGet();
                    InputStream in = s.getInputStream();
                    in.read(new byte[256]); // the request has started
                    s.setSoLinger(true, 0); // close with RST
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "resetting-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
      VaultTransitAead resetClient =
          VaultTransitAead.builder(URI.create("http://127.0.0.1:" + resetting.getLocalPort()), KEY)
              .token(VaultTransitDouble.TOKEN.toCharArray())
              .requestTimeout(Duration.ofMillis(500))
              .build();
      KeyProvider keys =
          KeyProvider.kms()
              .key(TinkKeyEncryption.of(1, resetClient))
              .initialBackoff(Duration.ofMillis(10))
              .deadline(Duration.ofSeconds(3))
              .build();
      SuojaCrypto crypto = crypto(keys, WrappedKeyStore.inMemory(), Duration.ofMinutes(5));
      assertThatThrownBy(() -> crypto.keyring().create("kms-reset"))
          .isInstanceOf(KeyUnavailableException.class)
          .hasMessageStartingWith("SUOJA-1050")
          .hasMessageContaining("after 4 attempt(s)");
      assertThat(accepted.get()).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void vaultKeyRotation_rewrapKeepsTheContext() throws GeneralSecurityException {
    VaultTransitAead aead = client(Duration.ofSeconds(1));
    KeyEncryption kms = TinkKeyEncryption.of(1, aead);
    KeyContext context = new KeyContext("kms-acme", 1, 1);
    byte[] dataKey = new byte[32];
    dataKey[0] = 7;
    byte[] v1 = kms.wrap(dataKey, context);
    assertThat(vault.rotate(KEY)).isEqualTo(2);

    byte[] v2 = aead.rewrap(v1, context.associatedData());
    assertThat(new String(v2, StandardCharsets.US_ASCII)).startsWith("vault:v2:");
    assertThat(kms.unwrap(v2, context)).isEqualTo(dataKey);
    assertThat(kms.unwrap(v1, context)).isEqualTo(dataKey); // v1 still decrypts
    assertThatThrownBy(() -> kms.unwrap(v2, new KeyContext("kms-acme", 2, 1)))
        .isInstanceOf(AEADBadTagException.class);
  }

  @Test
  void anyTinkAead_servesAsAMasterKey_throughAKmsClient() throws GeneralSecurityException {
    AeadConfig.register();
    Aead local =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
            .getPrimitive(com.google.crypto.tink.RegistryConfiguration.get(), Aead.class);
    KmsClient client = new SingleKeyKmsClient("test-kms://suoja/1", local);
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    KeyProvider keys =
        KeyProvider.kms().key(TinkKeyEncryption.of(1, client, "test-kms://suoja/1")).build();
    SuojaCrypto crypto = crypto(keys, store, Duration.ofMinutes(5));
    crypto.keyring().create("kms-tink");
    String sealed = crypto.fieldCipher().seal(context("kms-tink"), SECRET);
    SuojaCrypto reopened = crypto(keys, store, Duration.ofMinutes(5));
    assertThat(reopened.fieldCipher().open(context("kms-tink"), sealed)).isEqualTo(SECRET);
    assertThat(keys.keyEncryption(1).toString()).contains("test-kms://suoja/1");

    assertThatThrownBy(() -> TinkKeyEncryption.of(1, client, "aws-kms://other"))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageStartingWith("SUOJA-1055");
  }

  @Test
  void kmsProvider_neverHandsOutAMasterKey_andValidatesItsOptions() {
    KeyProvider keys = kms();
    assertThatThrownBy(() -> keys.masterKey(1))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageStartingWith("SUOJA-1053");
    assertThatThrownBy(() -> keys.keyEncryption(2))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageStartingWith("SUOJA-1004");
    assertThat(keys.currentVersion()).isEqualTo(1);
    assertThat(keys.toString()).isEqualTo("KmsKeyProvider[versions=[1]]");
    assertThat(client(Duration.ofSeconds(1)).toString())
        .doesNotContain(VaultTransitDouble.TOKEN)
        .contains(KEY);

    KeyEncryption one = TinkKeyEncryption.of(1, client(Duration.ofSeconds(1)));
    assertThatThrownBy(() -> KeyProvider.kms().build()).hasMessageStartingWith("SUOJA-1054");
    assertThatThrownBy(() -> KeyProvider.kms().key(one).key(one).build())
        .hasMessageStartingWith("SUOJA-1054");
    assertThatThrownBy(() -> KeyProvider.kms().key(one).maxAttempts(0).build())
        .hasMessageStartingWith("SUOJA-1054");
    assertThatThrownBy(() -> KeyProvider.kms().key(one).deadline(Duration.ZERO).build())
        .hasMessageStartingWith("SUOJA-1054");
    assertThatThrownBy(
            () -> KeyProvider.kms().key(one).initialBackoff(Duration.ofMillis(-1)).build())
        .hasMessageStartingWith("SUOJA-1054");
    assertThatThrownBy(
            () ->
                VaultTransitAead.builder(vault.address(), KEY)
                    .tokenVariable("SUOJA_TEST_UNSET_VAULT_TOKEN")
                    .build())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageStartingWith("SUOJA-1055")
        .hasMessageContaining("SUOJA_TEST_UNSET_VAULT_TOKEN");
    assertThatThrownBy(
            () ->
                VaultTransitAead.builder(URI.create("ftp://vault"), KEY).token(new char[1]).build())
        .hasMessageStartingWith("SUOJA-1055");
  }

  @Test
  void wrongToken_isRefused_andFailsClosed() {
    VaultTransitAead wrong =
        VaultTransitAead.builder(vault.address(), KEY).token("s.wrong".toCharArray()).build();
    KeyProvider keys =
        KeyProvider.kms().key(TinkKeyEncryption.of(1, wrong)).initialBackoff(Duration.ZERO).build();
    SuojaCrypto crypto = crypto(keys, WrappedKeyStore.inMemory(), Duration.ofMinutes(5));
    assertThatThrownBy(() -> crypto.keyring().create("kms-denied"))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageStartingWith("SUOJA-1050")
        .hasMessageNotContaining("s.wrong");
  }

  @Test
  void localKeyEncryption_bindsTheSameContext() throws GeneralSecurityException {
    byte[] raw = new byte[32];
    raw[31] = 1;
    KeyEncryption local = KeyEncryption.local(MasterKey.of(1, raw));
    byte[] dataKey = new byte[32];
    dataKey[3] = 9;
    KeyContext context = new KeyContext("kms-acme", 1, 1);
    byte[] wrapped = local.wrap(dataKey, context);
    assertThat(wrapped).hasSize(60);
    assertThat(local.unwrap(wrapped, context)).isEqualTo(dataKey);
    for (KeyContext other :
        List.of(
            new KeyContext("kms-globex", 1, 1),
            new KeyContext("kms-acme", 2, 1),
            new KeyContext("kms-acme", 1, 2))) {
      assertThatThrownBy(() -> local.unwrap(wrapped, other))
          .isInstanceOf(AEADBadTagException.class);
    }
  }

  /** A Tink {@link KmsClient} holding one key URI, as Tink's AWS/GCP clients hold theirs. */
  private static final class SingleKeyKmsClient implements KmsClient {
    private final String uri;
    private final Aead aead;

    SingleKeyKmsClient(String uri, Aead aead) {
      this.uri = uri;
      this.aead = aead;
    }

    @Override
    public boolean doesSupport(String keyUri) {
      return uri.equals(keyUri);
    }

    @Override
    public KmsClient withCredentials(String credentialPath) {
      return this;
    }

    @Override
    public KmsClient withDefaultCredentials() {
      return this;
    }

    @Override
    public Aead getAead(String keyUri) throws GeneralSecurityException {
      if (!doesSupport(keyUri)) {
        throw new GeneralSecurityException("unsupported key URI");
      }
      return aead;
    }
  }
}
