package fi.suoja.crypto.tink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.MasterKeyMigration;
import fi.suoja.crypto.SuojaCrypto;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.crypto.testing.MigrationRows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PKCS#12 to a key management service (the loopback Vault Transit double, no real KMS): every key
 * moves into the service, the data rows stay the same and open through the service alone; a service
 * failure mid-run stops it with the service's code, and a rerun after recovery completes.
 */
class MasterKeyMigrationKmsTest {
  private static final String KEY = "suoja-master";

  @TempDir Path dir;
  private VaultTransitDouble vault;

  @BeforeEach
  void start() throws Exception {
    vault = new VaultTransitDouble();
    vault.rotate(KEY);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  private KeyProvider kms() {
    return KeyProvider.kms()
        .key(
            TinkKeyEncryption.of(
                2,
                VaultTransitAead.builder(vault.address(), KEY)
                    .token(VaultTransitDouble.TOKEN.toCharArray())
                    .requestTimeout(Duration.ofSeconds(10))
                    .build()))
        .maxAttempts(2)
        .initialBackoff(Duration.ofMillis(10))
        .deadline(Duration.ofSeconds(20))
        .build();
  }

  @Test
  void pkcs12ToVaultTransit_resumesAfterAnOutage_everyRowOpensThroughTheServiceAlone()
      throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:kms-migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    WrappedKeyStore store =
        JdbcWrappedKeyStore.builder(ds)
            .table("suoja_wrapped_key")
            .createTableIfMissing(true)
            .build();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    KeyProvider file =
        KeyProvider.pkcs12(MigrationRows.pkcs12(dir, 1, key), MigrationRows.PASSWORD);
    MigrationRows rows = new MigrationRows(ds, "client_data");
    rows.create(SuojaCrypto.builder().keyProvider(file).wrappedKeyStore(store).build(), 4, 40);
    String before = rows.checksum();
    KeyProvider kms = kms();

    java.util.concurrent.atomic.AtomicLong moved = new java.util.concurrent.atomic.AtomicLong();
    MasterKeyMigration migration =
        MasterKeyMigration.builder(store)
            .source(file)
            .target(kms, 2)
            .listener(
                p -> {
                  moved.set(p.rewrapped());
                  if (p.rewrapped() == 5) {
                    vault.fail(VaultTransitDouble.Fault.HTTP_503);
                  }
                })
            .build();
    assertThatThrownBy(migration::run)
        .isInstanceOfSatisfying(
            KeyUnavailableException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1050"));
    assertThat(moved.get()).as("moved before the outage").isEqualTo(5);
    vault.heal();
    MasterKeyMigration.Progress rest =
        MasterKeyMigration.builder(store).source(file).target(kms, 2).build().run();
    assertThat(rest.skipped()).isEqualTo(5);

    assertThat(migration.verify().keys()).isEqualTo(rest.scanned());
    for (String owner : store.tenants()) {
      for (WrappedKey k : store.load(owner)) {
        assertThat(new String(k.wrapped(), StandardCharsets.US_ASCII)).startsWith("vault:v1:");
      }
    }
    assertThat(migration.retire(1)).isTrue();
    assertThat(rows.checksum()).isEqualTo(before);
    vault.resetCounts();
    SuojaCrypto throughKms = SuojaCrypto.builder().keyProvider(kms).wrappedKeyStore(store).build();
    assertThat(rows.openAll(throughKms)).isEqualTo(40);
    long referenceKeys =
        store.tenants().stream().filter(o -> o.startsWith("~subject-ref/")).count();
    assertThat(vault.calls("decrypt"))
        .as("one unwrap per key opening needs (all but the subject reference keys)")
        .isEqualTo((int) (rest.scanned() - referenceKeys));
  }
}
