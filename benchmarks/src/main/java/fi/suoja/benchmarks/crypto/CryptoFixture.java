package fi.suoja.benchmarks.crypto;

import fi.suoja.crypto.FieldOptions;
import fi.suoja.crypto.Normalization;
import fi.suoja.crypto.SuojaCrypto;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.security.SecureRandom;
import java.util.Map;

/** A SuojaCrypto over in-memory keys, with one tenant, as the benchmarks use it. */
final class CryptoFixture {
  static final String TENANT = "acme";

  private CryptoFixture() {}

  static SuojaCrypto suoja() {
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    SuojaCrypto crypto =
        SuojaCrypto.builder()
            .keyProvider(KeyProvider.inMemory(Map.of(1, master)))
            .wrappedKeyStore(WrappedKeyStore.inMemory())
            .field("Client", "hetu", FieldOptions.defaults().blindIndex(Normalization.HETU, 32))
            .build();
    crypto.keyring().create(TENANT);
    return crypto;
  }
}
