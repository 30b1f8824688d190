package fi.suoja.crypto;

import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A SuojaCrypto over in-memory keys, with the fields the tests use. */
final class TestCrypto {
  /** Master key version 1 of the tests (never a production key). */
  static final byte[] MASTER_1 =
      HexFormat.of().parseHex("53756f6a612074657374206d6173746572206b65792023312c20756e75736564");

  static final byte[] MASTER_2 =
      HexFormat.of().parseHex("53756f6a612074657374206d6173746572206b65792023322c20756e75736564");

  private TestCrypto() {}

  static SuojaCrypto.Builder builder(WrappedKeyStore store) {
    return SuojaCrypto.builder()
        .keyProvider(KeyProvider.inMemory(Map.of(1, MASTER_1)))
        .wrappedKeyStore(store)
        .field(
            "Client",
            "hetu",
            FieldOptions.defaults().padToBucket(16).blindIndex(Normalization.HETU))
        .field("Client", "lastName", FieldOptions.defaults().blindIndex(Normalization.NAME, 32))
        .field("Client", "firstName", FieldOptions.defaults().normalization(Normalization.NAME))
        .field("Employee", "email", FieldOptions.defaults().blindIndex(Normalization.EMAIL, 24))
        .field("Employee", "phone", FieldOptions.defaults().blindIndex(Normalization.PHONE, 32))
        .compoundIndex("Client", "fullName", 32, "firstName", "lastName");
  }

  /** Tenants "acme" and "globex" with version 1 keys. */
  static SuojaCrypto twoTenants() {
    return twoTenants(UnaryOperator.identity());
  }

  static SuojaCrypto twoTenants(UnaryOperator<SuojaCrypto.Builder> extra) {
    SuojaCrypto crypto = extra.apply(builder(WrappedKeyStore.inMemory())).build();
    crypto.keyring().create("acme");
    crypto.keyring().create("globex");
    return crypto;
  }
}
