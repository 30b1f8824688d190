package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** build() validates every option and names the first bad one. */
class SuojaCryptoBuilderTest {
  private static SuojaCrypto.Builder valid() {
    return SuojaCrypto.builder()
        .keyProvider(KeyProvider.inMemory(Map.of(1, TestCrypto.MASTER_1)))
        .wrappedKeyStore(WrappedKeyStore.inMemory());
  }

  @Test
  void build_missingKeyProvider_saysWhereItIsSet() {
    assertThatThrownBy(
            () -> SuojaCrypto.builder().wrappedKeyStore(WrappedKeyStore.inMemory()).build())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("set Suoja.builder().keyProvider(");
  }

  @Test
  void build_missingWrappedKeyStore_saysWhereItIsSet() {
    assertThatThrownBy(
            () ->
                SuojaCrypto.builder()
                    .keyProvider(KeyProvider.inMemory(Map.of(1, TestCrypto.MASTER_1)))
                    .build())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("set Suoja.builder().wrappedKeyStore(");
  }

  @Test
  void build_masterKeyVersionNotHeld_namesTheOptionAndValue() {
    assertThatThrownBy(() -> valid().masterKeyVersion(3).build())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("masterKeyVersion 3")
        .hasMessageContaining("Suoja.builder().crypto(c -> c.masterKeyVersion(n))");
  }

  @Test
  void build_negativeTtl_saysWhereItIsSet() {
    assertThatThrownBy(() -> valid().dataKeyCacheTtl(Duration.ofSeconds(-1)).build())
        .hasMessageContaining("Suoja.builder().crypto(c -> c.dataKeyCacheTtl(ttl))");
  }

  @Test
  void build_fieldTwice_namesTheField() {
    assertThatThrownBy(
            () ->
                valid()
                    .field("Client", "hetu", FieldOptions.defaults())
                    .field("Client", "hetu", FieldOptions.defaults().padToBucket(16))
                    .build())
        .hasMessageContaining("crypto(c -> c.field(Client, hetu, ...))");
  }

  @Test
  void build_compoundIndexBadBitsOrFields_namesTheIndex() {
    assertThatThrownBy(() -> valid().compoundIndex("Client", "n", 4, "a", "b").build())
        .hasMessageContaining("crypto(c -> c.compoundIndex(Client, n, ...)) bits");
    assertThatThrownBy(() -> valid().compoundIndex("Client", "n", 32, "a").build())
        .hasMessageContaining("two or more fields");
    assertThatThrownBy(() -> valid().compoundIndex("Client", "n", 32, "a", "a").build())
        .hasMessageContaining("twice");
  }

  @Test
  void blindIndex_bitsRange_acceptsBoundsRejectsOutside() {
    assertThat(FieldOptions.defaults().blindIndex(Normalization.EXACT, 8).blindIndexBits())
        .isEqualTo(8);
    assertThat(FieldOptions.defaults().blindIndex(Normalization.EXACT, 128).blindIndexBits())
        .isEqualTo(128);
    assertThat(FieldOptions.defaults().blindIndex(Normalization.EXACT).blindIndexBits())
        .isEqualTo(32);
    assertThatThrownBy(() -> FieldOptions.defaults().blindIndex(Normalization.EXACT, 0))
        .hasMessageContaining("blindIndex bits (@BlindIndex(bits) or FieldOptions.blindIndex)");
  }

  @Test
  void build_zeroTtl_stillWorks() {
    SuojaCrypto crypto = valid().dataKeyCacheTtl(Duration.ZERO).build();
    crypto.keyring().create("acme");
    CipherContext c = CipherContext.of("acme", "E", "f");
    assertThat(crypto.fieldCipher().open(c, crypto.fieldCipher().seal(c, "v"))).isEqualTo("v");
  }
}
