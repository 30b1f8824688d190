package fi.suoja.crypto.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.KeyId;
import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.SuojaCrypto;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table-backed key store and the WrappedKeyStore contract, on every configured database (the
 * lifecycle operations for every store are in {@link WrappedKeyStoreLifecycleTest}).
 */
class JdbcWrappedKeyStoreTest {
  static List<KeyTableDatabase> databases() {
    return KeyTableDatabase.all();
  }

  static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  static JdbcWrappedKeyStore store(KeyTableDatabase db, String table) {
    return JdbcWrappedKeyStore.builder(db.dataSource())
        .table(table)
        .createTableIfMissing(true)
        .build();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void insert_newVersion_isLoadedBackExactly(KeyTableDatabase db) {
    db.assumeAvailable();
    String table = KeyTableDatabase.uniqueTable();
    try {
      JdbcWrappedKeyStore store = store(db, table);
      WrappedKey v1 = new WrappedKey("A", 1, 1, random(60));
      WrappedKey v2 = new WrappedKey("A", 2, 1, random(60));
      WrappedKey other = new WrappedKey("B-ä", 1, 1, random(60));

      assertThat(store.insert(v1)).isTrue();
      assertThat(store.insert(v2)).isTrue();
      assertThat(store.insert(other)).isTrue();

      assertThat(store.load("A")).containsExactlyInAnyOrder(v1, v2);
      assertThat(store.load("B-ä")).containsExactly(other);
      assertThat(store.load("nobody")).isEmpty();
      assertThat(store.tenants()).containsExactlyInAnyOrder("A", "B-ä");
    } finally {
      db.drop(table);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void insert_existingVersion_returnsFalse_andKeepsTheFirst(KeyTableDatabase db) {
    db.assumeAvailable();
    String table = KeyTableDatabase.uniqueTable();
    try {
      JdbcWrappedKeyStore store = store(db, table);
      WrappedKey first = new WrappedKey("A", 1, 1, random(60));
      assertThat(store.insert(first)).isTrue();

      assertThat(store.insert(new WrappedKey("A", 1, 1, random(60)))).isFalse();

      assertThat(store.load("A")).containsExactly(first);
    } finally {
      db.drop(table);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void insert_sameVersionFromConcurrentConnections_exactlyOneWins(KeyTableDatabase db)
      throws Exception {
    db.assumeAvailable();
    String table = KeyTableDatabase.uniqueTable();
    int nodes = 6;
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      JdbcWrappedKeyStore created = store(db, table);
      created.insert(new WrappedKey("A", 1, 1, random(60)));
      for (int round = 0; round < 5; round++) {
        int version = round + 2;
        CyclicBarrier start = new CyclicBarrier(nodes);
        List<WrappedKey> candidates = new ArrayList<>();
        List<Future<Boolean>> results = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
          WrappedKey candidate = new WrappedKey("A", version, 1, random(60));
          candidates.add(candidate);
          // each "node" has its own store instance and connections
          JdbcWrappedKeyStore node =
              JdbcWrappedKeyStore.builder(db.dataSource()).table(table).build();
          Callable<Boolean> insert =
              () -> {
                start.await(10, TimeUnit.SECONDS);
                return node.insert(candidate);
              };
          results.add(pool.submit(insert));
        }
        List<WrappedKey> winners = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
          if (results.get(n).get(30, TimeUnit.SECONDS)) {
            winners.add(candidates.get(n));
          }
        }
        assertThat(winners).as("round %d", round).hasSize(1);
        assertThat(created.load("A"))
            .filteredOn(k -> k.version() == version)
            .containsExactly(winners.get(0));
      }
    } finally {
      pool.shutdownNow();
      db.drop(table);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void rotate_onTwoNodesAtOnce_eachVersionCreatedOnce_andBothNodesOpenEverything(
      KeyTableDatabase db) throws Exception {
    db.assumeAvailable();
    String table = KeyTableDatabase.uniqueTable();
    byte[] master = random(32);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      SuojaCrypto[] nodes = new SuojaCrypto[2];
      for (int i = 0; i < 2; i++) {
        nodes[i] =
            SuojaCrypto.builder()
                .keyProvider(KeyProvider.inMemory(Map.of(1, master)))
                .wrappedKeyStore(store(db, table))
                .dataKeyCacheTtl(Duration.ZERO)
                .build();
      }
      nodes[0].keyring().create("A");
      CipherContext ctx = new CipherContext("A", "Client", "hetu", "r1");
      List<String> sealed = new ArrayList<>();
      sealed.add(nodes[0].fieldCipher().seal(ctx, "v1 value"));

      CyclicBarrier start = new CyclicBarrier(2);
      List<Future<KeyId>> rotations = new ArrayList<>();
      for (SuojaCrypto node : nodes) {
        rotations.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return node.keyring().rotate("A");
                }));
      }
      KeyId a = rotations.get(0).get(30, TimeUnit.SECONDS);
      KeyId b = rotations.get(1).get(30, TimeUnit.SECONDS);

      assertThat(a.version()).isNotEqualTo(b.version());
      assertThat(nodes[1].keyring().versions("A"))
          .extracting(KeyId::version)
          .containsExactly(1, 2, 3);
      sealed.add(nodes[0].fieldCipher().seal(ctx, "v3 value"));
      for (SuojaCrypto node : nodes) {
        assertThat(node.fieldCipher().open(ctx, sealed.get(0))).isEqualTo("v1 value");
        assertThat(node.fieldCipher().open(ctx, sealed.get(1))).isEqualTo("v3 value");
      }
    } finally {
      pool.shutdownNow();
      db.drop(table);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void replace_existingVersion_rewraps_missingVersion_isRefused(KeyTableDatabase db) {
    db.assumeAvailable();
    String table = KeyTableDatabase.uniqueTable();
    try {
      JdbcWrappedKeyStore store = store(db, table);
      store.insert(new WrappedKey("A", 1, 1, random(60)));
      WrappedKey rewrapped = new WrappedKey("A", 1, 2, random(60));

      store.replace(rewrapped);

      assertThat(store.load("A")).containsExactly(rewrapped);
      assertThatThrownBy(() -> store.replace(new WrappedKey("A", 7, 2, random(60))))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(store.load("A")).containsExactly(rewrapped);
    } finally {
      db.drop(table);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void rotateMasterKey_rewrapsEveryStoredKey_andDataStillOpens(KeyTableDatabase db) {
    db.assumeAvailable();
    String table = KeyTableDatabase.uniqueTable();
    byte[] m1 = random(32);
    byte[] m2 = random(32);
    try {
      SuojaCrypto before =
          SuojaCrypto.builder()
              .keyProvider(KeyProvider.inMemory(Map.of(1, m1)))
              .wrappedKeyStore(store(db, table))
              .build();
      before.keyring().create("A");
      before.keyring().create("B");
      before.keyring().rotate("A");
      CipherContext ctx = new CipherContext("A", "Client", "hetu", null);
      String sealed = before.fieldCipher().seal(ctx, "value");

      SuojaCrypto rotating =
          SuojaCrypto.builder()
              .keyProvider(KeyProvider.inMemory(Map.of(1, m1, 2, m2)))
              .wrappedKeyStore(store(db, table))
              .build();
      assertThat(rotating.keyring().rotateMasterKey()).isEqualTo(3);

      SuojaCrypto after =
          SuojaCrypto.builder()
              .keyProvider(KeyProvider.inMemory(Map.of(2, m2))) // master key 1 is gone
              .wrappedKeyStore(store(db, table))
              .build();
      assertThat(after.fieldCipher().open(ctx, sealed)).isEqualTo("value");
      assertThat(store(db, table).load("A")).allMatch(k -> k.masterKeyVersion() == 2);
    } finally {
      db.drop(table);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void build_withoutTable_failsNamingIt_unlessCreating(KeyTableDatabase db) {
    db.assumeAvailable();
    String table = KeyTableDatabase.uniqueTable();
    try {
      assertThatThrownBy(() -> JdbcWrappedKeyStore.builder(db.dataSource()).table(table).build())
          .isInstanceOf(SuojaConfigurationException.class)
          .hasMessageContaining("SUOJA-5201")
          .hasMessageContaining(table);
      assertThat(store(db, table).load("A")).isEmpty();
      // creating twice is harmless
      assertThat(store(db, table).tenants()).isEmpty();
    } finally {
      db.drop(table);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void databaseDown_everyOperationFailsClosed_withoutKeyBytesInMessage(KeyTableDatabase db) {
    db.assumeAvailable();
    String table = KeyTableDatabase.uniqueTable();
    try {
      AtomicBoolean down = new AtomicBoolean();
      JdbcWrappedKeyStore store =
          JdbcWrappedKeyStore.builder(db.dataSource(down))
              .table(table)
              .createTableIfMissing(true)
              .build();
      byte[] bytes = random(60);
      WrappedKey key = new WrappedKey("A", 1, 1, bytes);
      down.set(true);

      for (Runnable op :
          List.<Runnable>of(
              () -> store.insert(key),
              () -> store.load("A"),
              () -> store.replace(key),
              store::tenants,
              () -> store.retire("A", 1),
              () -> store.retired("A", 1),
              () -> store.destroy("A"),
              () -> store.delete("A"))) {
        assertThatThrownBy(op::run)
            .isInstanceOfSatisfying(
                KeyUnavailableException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5200"))
            .hasMessageNotContaining(HexFormat.of().formatHex(bytes))
            .hasMessageNotContaining(java.util.Base64.getEncoder().encodeToString(bytes));
      }
    } finally {
      db.drop(table);
    }
  }

  @org.junit.jupiter.api.Test
  void build_badTableName_isRefused() {
    DataSource h2 = KeyTableDatabase.all().get(0).dataSource();
    for (String bad : new String[] {"", "x; DROP TABLE y", "a.b.c", "1abc", "a-b"}) {
      assertThatThrownBy(() -> JdbcWrappedKeyStore.builder(h2).table(bad).build())
          .isInstanceOf(SuojaConfigurationException.class)
          .hasMessageContaining("SUOJA-5201");
    }
  }

  @org.junit.jupiter.api.Test
  void ddl_isWhatCreateTableIfMissingRuns_andRefusesBadInput() {
    assertThat(JdbcWrappedKeyStore.ddl("postgresql", "keys.k"))
        .startsWith("CREATE TABLE IF NOT EXISTS keys.k")
        .contains("wrapped        BYTEA NOT NULL");
    assertThat(JdbcWrappedKeyStore.ddl("MariaDB", "k")).contains("DATETIME(6)");
    assertThat(JdbcWrappedKeyStore.ddl("H2", "k"))
        .isEqualTo(JdbcWrappedKeyStore.Dialect.H2.createTable("k"));
    assertThatThrownBy(() -> JdbcWrappedKeyStore.ddl("oracle", "k"))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-5201");
    assertThatThrownBy(() -> JdbcWrappedKeyStore.ddl("h2", "x; DROP TABLE y"))
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-5201");
  }
}
