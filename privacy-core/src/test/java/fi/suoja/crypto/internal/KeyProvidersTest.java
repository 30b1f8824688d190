package fi.suoja.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.SuojaCrypto;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in key providers: PKCS#12 key store (password from configuration or an environment
 * variable) and environment variables; errors name the file or variable, never a password or key.
 */
class KeyProvidersTest {
  private static final byte[] K1 = bytes(0x11);
  private static final byte[] K2 = bytes(0x22);
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path dir;

  private static byte[] bytes(int fill) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) fill);
    return b;
  }

  private Path keystore() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    KeyStore.PasswordProtection protection =
        new KeyStore.PasswordProtection(PASSWORD.toCharArray());
    store.setEntry(
        "suoja-master-1", new KeyStore.SecretKeyEntry(new SecretKeySpec(K1, "AES")), protection);
    store.setEntry(
        "suoja-master-2", new KeyStore.SecretKeyEntry(new SecretKeySpec(K2, "AES")), protection);
    store.setEntry(
        "unrelated", new KeyStore.SecretKeyEntry(new SecretKeySpec(K2, "AES")), protection);
    Path path = dir.resolve("suoja.p12");
    try (OutputStream out = Files.newOutputStream(path)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return path;
  }

  @Test
  void pkcs12_validStore_servesEveryVersionAndSealsAcrossRestarts() throws Exception {
    Path p12 = keystore();
    KeyProvider provider = KeyProvider.pkcs12(p12, PASSWORD.toCharArray());
    assertThat(provider.currentVersion()).isEqualTo(2);
    assertThat(provider.masterKey(1).version()).isEqualTo(1);
    assertThatThrownBy(() -> provider.masterKey(3)).isInstanceOf(KeyUnavailableException.class);

    Path keys = dir.resolve("keys");
    SuojaCrypto first =
        SuojaCrypto.builder()
            .keyProvider(provider)
            .wrappedKeyStore(WrappedKeyStore.directory(keys))
            .build();
    first.keyring().create("acme");
    CipherContext c = CipherContext.of("acme", "Client", "notes");
    String sealed = first.fieldCipher().seal(c, "hello");

    KeyProvider reloaded =
        Pkcs12KeyProvider.loadWithPasswordFrom(
            p12, "SUOJA_KEYSTORE_PASSWORD", Map.of("SUOJA_KEYSTORE_PASSWORD", PASSWORD));
    SuojaCrypto second =
        SuojaCrypto.builder()
            .keyProvider(reloaded)
            .wrappedKeyStore(WrappedKeyStore.directory(keys))
            .build();
    assertThat(second.fieldCipher().open(c, sealed)).isEqualTo("hello");
  }

  @Test
  void pkcs12_wrongPasswordOrMissingFile_failsWithoutPassword() throws Exception {
    Path p12 = keystore();
    assertThatThrownBy(() -> KeyProvider.pkcs12(p12, "hunter2-bad-pw".toCharArray()))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageStartingWith("SUOJA-1031")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> KeyProvider.pkcs12(dir.resolve("none.p12"), PASSWORD.toCharArray()))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageNotContaining(PASSWORD);
    assertThatThrownBy(() -> Pkcs12KeyProvider.loadWithPasswordFrom(p12, "UNSET_VAR", Map.of()))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("UNSET_VAR");
  }

  @Test
  void environment_base64Variables_serveTheirVersions() {
    Map<String, String> env = new HashMap<>();
    env.put("SUOJA_MASTER_KEY_1", Base64.getEncoder().encodeToString(K1));
    env.put("SUOJA_MASTER_KEY_3", Base64.getUrlEncoder().withoutPadding().encodeToString(K2));
    env.put("SUOJA_MASTER_KEY_X", "ignored");
    KeyProvider provider = InMemoryKeyProvider.fromEnvironment(env, "SUOJA_MASTER_KEY_");
    assertThat(provider.currentVersion()).isEqualTo(3);
    assertThat(provider.masterKey(1).version()).isEqualTo(1);
    assertThat(provider.toString()).doesNotContain(env.get("SUOJA_MASTER_KEY_1"));
  }

  @Test
  void environment_malformedOrMissing_namesVariableNeverValue() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> InMemoryKeyProvider.fromEnvironment(Map.of("K_1", shortKey), "K_"))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("K_1")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> InMemoryKeyProvider.fromEnvironment(Map.of("K_1", "%%%%"), "K_"))
        .hasMessageContaining("K_1")
        .hasMessageNotContaining("%%%%");
    assertThatThrownBy(() -> InMemoryKeyProvider.fromEnvironment(Map.of(), "K_"))
        .hasMessageContaining("K_<version>");
    assertThat(HexFormat.of().formatHex(K1)).doesNotContain("K_");
  }
}
