package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.MasterKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input to every public method of fi.suoja.crypto: a typed exception (a {@link SuojaException}
 * subtype, or {@link NullPointerException} naming the parameter), and a message that contains
 * neither the plaintext nor key material.
 */
class BadInputTest {
  private static final String SECRET = "010190-999K";
  private static final String MASTER_HEX = HexFormat.of().formatHex(TestCrypto.MASTER_1);

  private final SuojaCrypto crypto = TestCrypto.twoTenants();
  private final FieldCipher cipher = crypto.fieldCipher();
  private final BlindIndexer indexer = crypto.blindIndexer();
  private final CipherContext acme = CipherContext.of("acme", "Client", "hetu").withRow("1");

  private static Throwable typed(Executable call, Class<? extends Throwable> type) {
    Throwable thrown = catchThrowable(call::execute);
    assertThat(thrown).isInstanceOf(type);
    assertThat(String.valueOf(thrown.getMessage()))
        .doesNotContain(SECRET)
        .doesNotContainIgnoringCase(MASTER_HEX)
        .doesNotContain("Virtanen");
    if (thrown instanceof SuojaException e) {
      assertThat(e.getMessage()).startsWith(e.code() + ": ").matches("SUOJA-1\\d{3}: .*");
    }
    return thrown;
  }

  @Test
  void seal_badInput_typedAndFreeOfPlaintext() {
    typed(() -> cipher.seal(null, SECRET), NullPointerException.class);
    typed(() -> cipher.seal(acme, null), NullPointerException.class);
    typed(() -> cipher.seal(acme, SECRET + "\uD800"), InvalidInputException.class);
    typed(() -> cipher.seal(acme, "\uDC00" + SECRET), InvalidInputException.class);
    typed(() -> cipher.sealBytes(acme, null), NullPointerException.class);
    typed(() -> cipher.sealBytes(acme, new byte[(16 << 20) + 1]), InvalidInputException.class);
    typed(
        () -> cipher.seal(CipherContext.of("nokey", "Client", "hetu"), SECRET),
        KeyUnavailableException.class);
  }

  @Test
  void open_badInput_typedAndFreeOfPlaintext() {
    String sealed = cipher.seal(acme, SECRET);
    typed(() -> cipher.open(acme, null), NullPointerException.class);
    typed(() -> cipher.open(acme, ""), DecryptionException.class);
    typed(() -> cipher.open(acme, SECRET), DecryptionException.class);
    typed(() -> cipher.open(acme, "!!!!"), DecryptionException.class);
    typed(() -> cipher.open(acme.withRow("2"), sealed), DecryptionException.class);
    typed(
        () -> cipher.open(CipherContext.of("globex", "Client", "hetu"), sealed),
        DecryptionException.class);
    typed(() -> cipher.openBytes(acme, new byte[0]), DecryptionException.class);
    typed(() -> cipher.openBytes(acme, new byte[40]), DecryptionException.class);
    typed(() -> cipher.openBytes(acme, null), NullPointerException.class);
    typed(() -> cipher.keyOf(acme, "x"), DecryptionException.class);
    typed(() -> cipher.reseal(acme, sealed + "A"), DecryptionException.class);
    Throwable t = typed(() -> cipher.open(acme.withRow("2"), sealed), DecryptionException.class);
    assertThat(t.getCause()).isNull();
  }

  @Test
  void context_badComponents_typed() {
    typed(() -> CipherContext.of("", "Client", "hetu"), InvalidInputException.class);
    typed(() -> CipherContext.of("acme", "", "hetu"), InvalidInputException.class);
    typed(() -> CipherContext.of("acme", "Client", ""), InvalidInputException.class);
    typed(() -> CipherContext.of("a".repeat(129), "Client", "hetu"), InvalidInputException.class);
    typed(() -> CipherContext.of("acme", "Client", "x".repeat(256)), InvalidInputException.class);
    typed(() -> acme.withRow(""), InvalidInputException.class);
    typed(() -> acme.withRow("r".repeat(1025)), InvalidInputException.class);
    typed(() -> CipherContext.of(null, "Client", "hetu"), NullPointerException.class);
    typed(() -> KeyId.tenant("acme", 0), InvalidInputException.class);
    typed(() -> KeyId.tenant("", 1), InvalidInputException.class);
  }

  @Test
  void blindIndexer_badInput_typedAndFreeOfPlaintext() {
    typed(() -> indexer.index("acme", "Client", "notes", SECRET), InvalidInputException.class);
    typed(() -> indexer.index("acme", "Client", "hetu", null), NullPointerException.class);
    typed(() -> indexer.index("", "Client", "hetu", SECRET), InvalidInputException.class);
    typed(() -> indexer.index("nokey", "Client", "hetu", SECRET), KeyUnavailableException.class);
    // a tenant without a key has nothing indexed: a lookup finds nothing (issue 22, item 2)
    assertThat(indexer.candidates("nokey", "Client", "hetu", SECRET)).isEmpty();
    typed(
        () -> indexer.indexCompound("acme", "Client", "nope", List.of(SECRET, "Virtanen")),
        InvalidInputException.class);
    typed(
        () -> indexer.indexCompound("acme", "Client", "fullName", List.of(SECRET)),
        InvalidInputException.class);
    typed(
        () -> indexer.candidatesCompound("acme", "Client", "fullName", null),
        NullPointerException.class);
  }

  @Test
  void keyring_badInput_typed() {
    typed(() -> crypto.keyring().current("nokey"), KeyUnavailableException.class);
    typed(() -> crypto.keyring().rotate("nokey"), KeyUnavailableException.class);
    typed(() -> crypto.keyring().create(""), InvalidInputException.class);
    typed(() -> crypto.keyring().versions(null), NullPointerException.class);
  }

  @Test
  void keyring_reservedTenantIds_refused() {
    // owners starting with '~' are Suoja's own key rows (subject keys, retired master versions):
    // a tenant of that name would be read as one of them, or destroy them when off-boarded
    for (String tenant : List.of("~master", "~subject/x", "~t")) {
      assertThatThrownBy(() -> crypto.keyring().create(tenant))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("SUOJA-1021");
      assertThatThrownBy(() -> crypto.keyring().current(tenant))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("SUOJA-1021");
    }
  }

  @Test
  void configuration_badInput_typedAndFreeOfKeyMaterial() {
    typed(() -> FieldOptions.defaults().padToBucket(24), SuojaConfigurationException.class);
    typed(() -> FieldOptions.defaults().padToBucket(8), SuojaConfigurationException.class);
    typed(
        () -> FieldOptions.defaults().blindIndex(Normalization.HETU, 7),
        SuojaConfigurationException.class);
    typed(
        () -> FieldOptions.defaults().blindIndex(Normalization.HETU, 129),
        SuojaConfigurationException.class);
    typed(() -> MasterKey.of(1, new byte[16]), SuojaConfigurationException.class);
    typed(() -> MasterKey.of(0, TestCrypto.MASTER_1), SuojaConfigurationException.class);
    typed(() -> KeyProvider.inMemory(Map.of()), SuojaConfigurationException.class);
    typed(
        () -> KeyProvider.inMemory(Map.of(1, TestCrypto.MASTER_1)).masterKey(2),
        KeyUnavailableException.class);
    typed(
        () -> SuojaCrypto.builder().wrappedKeyStore(WrappedKeyStore.inMemory()).build(),
        SuojaConfigurationException.class);
  }
}
