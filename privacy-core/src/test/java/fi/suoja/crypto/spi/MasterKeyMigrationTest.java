package fi.suoja.crypto.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.InsecureSecretKeyAccess;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.MasterKeyMigration;
import fi.suoja.crypto.SuojaCrypto;
import fi.suoja.crypto.internal.DataKeyWrap;
import fi.suoja.crypto.internal.Pkcs11KeyProvider;
import fi.suoja.crypto.testing.MigrationRows;
import fi.suoja.crypto.testing.SoftHsmToken;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Master-key migration (issue 17 item 3) on every configured key-store database: every wrapped key
 * (tenant keys of two versions, subject keys, subject reference keys) moves from a PKCS#12 master
 * key to a new one in another provider, the data rows stay byte for byte the same and all open with
 * the target alone, a rerun does nothing, and the retired version is refused everywhere.
 */
class MasterKeyMigrationTest {
  static final int TENANTS = 6;
  static final int ROWS = 60;

  @TempDir Path dir;

  static List<KeyTableDatabase> databases() {
    return KeyTableDatabase.all();
  }

  static byte[] random() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return b;
  }

  static SuojaCrypto crypto(KeyProvider keys, WrappedKeyStore store) {
    return SuojaCrypto.builder()
        .keyProvider(keys)
        .wrappedKeyStore(store)
        .dataKeyCacheTtl(Duration.ZERO)
        .build();
  }

  static Set<Integer> masterVersions(WrappedKeyStore store) {
    Set<Integer> versions = new HashSet<>();
    for (String owner : store.tenants()) {
      store.load(owner).forEach(k -> versions.add(k.masterKeyVersion()));
    }
    return versions;
  }

  static int keyCount(WrappedKeyStore store) {
    return store.tenants().stream().mapToInt(o -> store.load(o).size()).sum();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void pkcs12ToNewPkcs12_everyKeyMoved_rowsUntouched_rerunSkips_retiredRefused(KeyTableDatabase db)
      throws Exception {
    db.assumeAvailable();
    String table = KeyTableDatabase.uniqueTable();
    DataSource ds = db.dataSource();
    MigrationRows rows = new MigrationRows(ds, table + "_data");
    try {
      WrappedKeyStore store =
          JdbcWrappedKeyStore.builder(ds).table(table).createTableIfMissing(true).build();
      KeyProvider old =
          KeyProvider.pkcs12(MigrationRows.pkcs12(dir, 1, random()), MigrationRows.PASSWORD);
      KeyProvider fresh =
          KeyProvider.pkcs12(MigrationRows.pkcs12(dir, 2, random()), MigrationRows.PASSWORD);
      rows.create(crypto(old, store), TENANTS, ROWS);
      // tenant keys (6 + 3 rotated), subject keys (20), reference keys (tenants 0 and 3)
      int keys = keyCount(store);
      assertThat(keys).isEqualTo(TENANTS + TENANTS / 2 + ROWS / 3 + 2);
      String before = rows.checksum();

      List<MasterKeyMigration.Progress> seen = new ArrayList<>();
      MasterKeyMigration migration =
          MasterKeyMigration.builder(store)
              .source(old)
              .target(fresh, 2)
              .listener(seen::add)
              .build();
      MasterKeyMigration.Progress done = migration.run();

      assertThat(done.rewrapped()).isEqualTo(keys);
      assertThat(done.skipped()).isZero();
      assertThat(done.cancelled()).isFalse();
      assertThat(seen).hasSize(keys);
      assertThat(seen).extracting(MasterKeyMigration.Progress::scanned).isSorted();
      assertThat(masterVersions(store)).containsExactly(2);
      assertThat(rows.checksum()).as("no data row touched").isEqualTo(before);
      assertThat(migration.verify())
          .isEqualTo(new MasterKeyMigration.Verification(store.tenants().size(), keys));
      assertThat(rows.openAll(crypto(fresh, store)))
          .as("every row opens with the target alone")
          .isEqualTo(ROWS);

      MasterKeyMigration.Progress again = migration.run();
      assertThat(again.rewrapped()).isZero();
      assertThat(again.skipped()).isEqualTo(keys);

      assertThat(migration.retire(1)).isTrue();
      assertThat(migration.retire(1)).isFalse();
      assertThat(store.retiredMasterKeys()).containsExactly(1);
      assertThat(store.tenants()).as("the record is no owner").noneMatch(o -> o.startsWith("~m"));

      // a node still configured with the old master key cannot create keys under it
      SuojaCrypto stale = crypto(old, store);
      assertThatThrownBy(() -> stale.keyring().create("mig-new"))
          .isInstanceOfSatisfying(
              KeyUnavailableException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1056"));
      // a key restored from a backup taken before the migration no longer opens
      WrappedKey restored =
          DataKeyWrap.wrap(old.keyEncryption(1), "mig-restored", 1, DataKeyWrap.newDataKey());
      assertThat(store.insert(restored)).isTrue();
      assertThatThrownBy(
              () ->
                  crypto(fresh, store)
                      .fieldCipher()
                      .seal(CipherContext.of("mig-restored", "Client", "note"), "x"))
          .isInstanceOfSatisfying(
              KeyUnavailableException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1056"))
          .hasMessageNotContaining(java.util.HexFormat.of().formatHex(restored.wrapped()));
      assertThat(rows.openAll(crypto(fresh, store))).isEqualTo(ROWS);
      // a migration to the retired version is refused
      assertThatThrownBy(
              () -> MasterKeyMigration.builder(store).source(fresh).target(old, 1).build())
          .isInstanceOfSatisfying(
              SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1061"));
    } finally {
      rows.drop();
      db.drop(table);
    }
  }

  @Test
  void retire_whileKeysRemainUnderTheVersion_refusesAndRecordsNothing() throws Exception {
    WrappedKeyStore store = WrappedKeyStore.directory(dir.resolve("keys"));
    KeyProvider both = KeyProvider.inMemory(Map.of(1, random(), 2, random()));
    SuojaCrypto crypto =
        SuojaCrypto.builder().keyProvider(both).wrappedKeyStore(store).masterKeyVersion(1).build();
    crypto.keyring().create("a");
    crypto.keyring().create("b");
    MasterKeyMigration migration =
        MasterKeyMigration.builder(store).source(both).target(both, 2).build();

    assertThatThrownBy(() -> migration.retire(1))
        .isInstanceOfSatisfying(
            KeyUnavailableException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1057"))
        .hasMessageContaining("tenant:a:v1");
    assertThatThrownBy(() -> migration.retire(2))
        .isInstanceOfSatisfying(
            KeyUnavailableException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1057"));
    assertThat(store.retiredMasterKeys()).isEmpty();
    assertThatThrownBy(migration::verify)
        .isInstanceOfSatisfying(
            KeyUnavailableException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1060"));

    migration.run();
    assertThat(migration.retire(1)).isTrue();
    assertThat(WrappedKeyStore.directory(dir.resolve("keys")).retiredMasterKeys())
        .as("durable: a new store object reads it back")
        .containsExactly(1);
    assertThat(store.tenants()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void cancel_stopsAfterTheKeyInHand_andARerunCompletes() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    KeyProvider both = KeyProvider.inMemory(Map.of(1, random(), 2, random()));
    SuojaCrypto crypto =
        SuojaCrypto.builder().keyProvider(both).wrappedKeyStore(store).masterKeyVersion(1).build();
    for (int t = 0; t < 10; t++) {
      crypto.keyring().create("t" + t);
    }
    MasterKeyMigration[] handle = new MasterKeyMigration[1];
    java.util.concurrent.atomic.AtomicBoolean once =
        new java.util.concurrent.atomic.AtomicBoolean();
    handle[0] =
        MasterKeyMigration.builder(store)
            .source(both)
            .target(both, 2)
            .listener(
                p -> {
                  if (p.rewrapped() == 3 && once.compareAndSet(false, true)) {
                    handle[0].cancel();
                  }
                })
            .build();

    MasterKeyMigration.Progress stopped = handle[0].run();

    assertThat(stopped.cancelled()).isTrue();
    assertThat(stopped.rewrapped()).isEqualTo(3);
    assertThat(store.tenants().stream().filter(t -> store.load(t).get(0).masterKeyVersion() == 2))
        .hasSize(3);
    MasterKeyMigration.Progress rest = handle[0].run();
    assertThat(rest.cancelled()).isFalse();
    assertThat(rest.rewrapped()).isEqualTo(7);
    assertThat(rest.skipped()).isEqualTo(3);
    assertThat(masterVersions(store)).containsExactly(2);
  }

  @Test
  void aKeyTheSourceCannotUnwrap_stopsWithACode_andKeepsItAsItWas() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    KeyProvider real = KeyProvider.inMemory(Map.of(1, random()));
    crypto(real, store).keyring().create("a");
    WrappedKey before = store.load("a").get(0);
    KeyProvider wrong = KeyProvider.inMemory(Map.of(1, random()));
    KeyProvider target = KeyProvider.inMemory(Map.of(2, random()));

    MasterKeyMigration migration =
        MasterKeyMigration.builder(store).source(wrong).target(target, 2).build();
    assertThatThrownBy(migration::run)
        .isInstanceOfSatisfying(
            KeyUnavailableException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1058"))
        .hasMessageContaining("tenant:a:v1");
    MasterKeyMigration noSource =
        MasterKeyMigration.builder(store).source(target).target(target, 2).build();
    assertThatThrownBy(noSource::run)
        .isInstanceOfSatisfying(
            KeyUnavailableException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1058"));
    assertThat(store.load("a")).containsExactly(before);
    assertThatThrownBy(() -> MasterKeyMigration.builder(store).source(real).target(real, 2).build())
        .isInstanceOfSatisfying(
            SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1061"));
  }

  @Test
  void aTargetThatDoesNotGiveTheKeyBack_isNeverStored() {
    WrappedKeyStore store = WrappedKeyStore.inMemory();
    KeyProvider real = KeyProvider.inMemory(Map.of(1, random()));
    crypto(real, store).keyring().create("a");
    WrappedKey before = store.load("a").get(0);
    KeyEncryption good = KeyProvider.inMemory(Map.of(2, random())).keyEncryption(2);
    KeyEncryption lossy =
        new KeyEncryption() {
          @Override
          public int version() {
            return 2;
          }

          @Override
          public byte[] wrap(byte[] dataKey, KeyContext context)
              throws java.security.GeneralSecurityException {
            return good.wrap(dataKey, context);
          }

          @Override
          public byte[] unwrap(byte[] wrapped, KeyContext context)
              throws java.security.GeneralSecurityException {
            byte[] key = good.unwrap(wrapped, context);
            key[0] ^= 1; // a broken service answering another key
            return key;
          }
        };
    KeyProvider target =
        new KeyProvider() {
          @Override
          public MasterKey masterKey(int version) {
            throw new KeyUnavailableException("SUOJA-1053", "not local");
          }

          @Override
          public KeyEncryption keyEncryption(int version) {
            return lossy;
          }
        };

    assertThatThrownBy(
            () -> MasterKeyMigration.builder(store).source(real).target(target, 2).build().run())
        .isInstanceOfSatisfying(
            KeyUnavailableException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1059"));
    assertThat(store.load("a")).containsExactly(before);
  }

  @Test
  void pkcs12ToSoftHsm2_everyRowOpensWithTheTokenAlone_andItsKeyStaysNonExtractable()
      throws Exception {
    SoftHsmToken token = SoftHsmToken.get();
    KeyProvider hsm =
        Pkcs11KeyProvider.loadWithPinFrom(
            token.config,
            SoftHsmToken.PIN_VARIABLE,
            Map.of(SoftHsmToken.PIN_VARIABLE, SoftHsmToken.PIN));
    KeyTableDatabase db = KeyTableDatabase.all().get(0);
    String table = KeyTableDatabase.uniqueTable();
    DataSource ds = db.dataSource();
    MigrationRows rows = new MigrationRows(ds, table + "_data");
    try {
      WrappedKeyStore store =
          JdbcWrappedKeyStore.builder(ds).table(table).createTableIfMissing(true).build();
      KeyProvider file =
          KeyProvider.pkcs12(MigrationRows.pkcs12(dir, 1, random()), MigrationRows.PASSWORD);
      rows.create(crypto(file, store), TENANTS, ROWS);
      String before = rows.checksum();
      int keys = keyCount(store);

      MasterKeyMigration migration =
          MasterKeyMigration.builder(store).source(file).target(hsm, 2).build();
      assertThat(migration.run().rewrapped()).isEqualTo(keys);
      assertThat(migration.verify().keys()).isEqualTo(keys);
      assertThat(migration.retire(1)).isTrue();

      assertThat(rows.checksum()).isEqualTo(before);
      SuojaCrypto onToken =
          SuojaCrypto.builder()
              .keyProvider(hsm)
              .wrappedKeyStore(store)
              .masterKeyVersion(2)
              .dataKeyCacheTtl(Duration.ZERO)
              .build();
      assertThat(rows.openAll(onToken)).isEqualTo(ROWS);
      // the token still holds version 1 (another test's key): retired, it is refused all the same
      SuojaCrypto stale =
          SuojaCrypto.builder().keyProvider(hsm).wrappedKeyStore(store).masterKeyVersion(1).build();
      assertThatThrownBy(() -> stale.keyring().create("mig-late"))
          .isInstanceOfSatisfying(
              KeyUnavailableException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1056"));
      for (int version = 1; version <= 2; version++) {
        assertThat(hsm.masterKey(version).jcaKey(InsecureSecretKeyAccess.get()).getEncoded())
            .as("non-extractable after the migration")
            .isNull();
      }
    } finally {
      rows.drop();
      db.drop(table);
    }
  }
}
