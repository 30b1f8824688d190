package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.MasterKey;
import fi.suoja.crypto.spi.WrappedKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every type that holds key material, and every runtime object, has a toString without it. */
class SecretsToStringTest {
  private static final List<String> FORBIDDEN =
      List.of(
          HexFormat.of().formatHex(TestCrypto.MASTER_1),
          Base64.getEncoder().encodeToString(TestCrypto.MASTER_1),
          "Suoja test master key");

  private static void noSecret(Object o, byte[]... more) {
    String s = String.valueOf(o);
    for (String f : FORBIDDEN) {
      assertThat(s).doesNotContainIgnoringCase(f);
    }
    for (byte[] b : more) {
      assertThat(s).doesNotContainIgnoringCase(HexFormat.of().formatHex(b));
      assertThat(s).doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }
    assertThat(s).doesNotContain("010190-999K");
  }

  @Test
  void toString_keyObjects_containNoKeyMaterial() {
    MasterKey master = MasterKey.of(1, TestCrypto.MASTER_1);
    noSecret(master);
    assertThat(master.toString()).isEqualTo("MasterKey[version=1]");
    noSecret(KeyProvider.inMemory(Map.of(1, TestCrypto.MASTER_1)));
    byte[] raw = new byte[32];
    java.util.Arrays.fill(raw, (byte) 0x5A);
    DataKey dataKey = new DataKey(KeyId.tenant("acme", 1), raw);
    noSecret(dataKey, raw);
    noSecret(dataKey.sealKey("Client", "hetu"), raw);
    noSecret(dataKey.indexKey("p", "Client", "hetu"), raw);
    WrappedKey wrapped = new WrappedKey("acme", 1, 1, raw);
    noSecret(wrapped, raw);
    noSecret(InsecureSecretKeyAccess.get());
  }

  @Test
  void toString_runtimeAndResults_containNoKeyMaterialOrValues() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    SuojaCrypto crypto = TestCrypto.builder(store).build();
    crypto.keyring().create("acme");
    BlindIndex index = crypto.blindIndexer().index("acme", "Client", "hetu", "010190-999K");
    noSecret(crypto);
    noSecret(crypto.fieldCipher());
    noSecret(crypto.blindIndexer());
    noSecret(crypto.keyring());
    noSecret(store);
    noSecret(store.load("acme").get(0), store.load("acme").get(0).wrapped());
    noSecret(index, index.bytes());
    assertThat(index.toString()).doesNotContain(index.toText());
  }
}
