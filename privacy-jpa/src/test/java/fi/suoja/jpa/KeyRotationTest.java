package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.KeyId;
import fi.suoja.crypto.KeyRetiredException;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Employee;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The data-key rotation sweep, retirement and master-key re-wrap through the key table. */
class KeyRotationTest {

  static List<Database> databases() {
    return Database.all();
  }

  static byte[] randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  static String prefix() {
    return "r" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "_";
  }

  static JdbcWrappedKeyStore keyStore(Database db, String prefix) {
    return JdbcWrappedKeyStore.builder(new UrlDataSource(db.url()))
        .table(prefix + "keys")
        .createTableIfMissing(true)
        .build();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void run_resealsEveryOldValueOnce_recomputesIndexes_skipsCurrent_reportsProgress(Database db)
      throws Exception {
    db.assumeAvailable();
    String prefix = prefix();
    JdbcWrappedKeyStore keys = keyStore(db, prefix);
    try (OpsFixture f =
        new OpsFixture(
            db, prefix, randomKey(), keys, "create-drop", Map.of(), Client.class, Employee.class)) {
      String table = f.table("Client");
      Map<UUID, String[]> rows = RotationRows.persist(f.sessions, 0, 60);
      assertThat(f.suoja.keyring().rotate("A").version()).isEqualTo(2);
      rows.putAll(RotationRows.persist(f.sessions, 60, 5)); // already under v2
      UUID oldRow = rows.keySet().iterator().next();
      String oldHetuIndex = RotationRows.raw(db, table, "hetuIndex", oldRow);

      List<KeyRotation.Progress> seen = new ArrayList<>();
      KeyRotation rotation =
          KeyRotation.builder(f.sessions).batchSize(16).listener(seen::add).build();
      KeyRotation.Progress done = rotation.run(Client.class);

      assertThat(done.resealedRows()).isEqualTo(60);
      assertThat(done.resealedValues()).isEqualTo(180);
      assertThat(done.remaining()).isZero();
      assertThat(done.complete()).isTrue();
      assertThat(done.total()).isEqualTo(65);
      assertThat(seen).hasSize(5); // ceil(65 / 16)
      assertThat(seen)
          .extracting(KeyRotation.Progress::scanned)
          .containsExactly(16L, 32L, 48L, 64L, 65L);
      assertThat(seen.get(0).eta()).isPositive();
      assertThat(seen.get(4).eta()).isZero();
      assertThat(RotationRows.versions(db, f.suoja, table).values())
          .allSatisfy(v -> assertThat(v).containsExactly(2, 2, 2));
      assertThat(RotationRows.raw(db, table, "hetuIndex", oldRow))
          .isEqualTo(
              f.suoja.blindIndexer().index("A", "Client", "hetu", rows.get(oldRow)[2]).toHex())
          .isNotEqualTo(oldHetuIndex);
      for (Map.Entry<UUID, String[]> e : rows.entrySet()) {
        Client c = RotationRows.load(f.sessions, e.getKey());
        assertThat(new String[] {c.firstName, c.lastName, c.hetu}).containsExactly(e.getValue());
      }

      // a rerun finds nothing to do
      KeyRotation.Progress again = rotation.run(Client.class);
      assertThat(again.resealedValues()).isZero();
      assertThat(again.scanned()).isEqualTo(65);
    }
  }

  @Test
  void findBy_midSweep_findsRowsUnderOldAndNewVersions() throws Exception {
    Database db = Database.all().get(0);
    String prefix = prefix();
    try (OpsFixture f =
        new OpsFixture(
            db, prefix, randomKey(), keyStore(db, prefix), "create-drop", Map.of(), Client.class)) {
      Map<UUID, String[]> rows = RotationRows.persist(f.sessions, 0, 30);
      f.suoja.keyring().rotate("A");
      AtomicInteger checks = new AtomicInteger();
      KeyRotation.builder(f.sessions)
          .batchSize(10)
          .listener(
              p -> {
                if (p.scanned() != 10) {
                  return;
                }
                // one batch under v2, two still under v1: every HETU is found exactly once
                try {
                  Map<UUID, int[]> versions = RotationRows.versions(db, f.suoja, f.table("Client"));
                  assertThat(versions.values())
                      .anySatisfy(v -> assertThat(v[2]).isEqualTo(1))
                      .anySatisfy(v -> assertThat(v[2]).isEqualTo(2));
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
                for (Map.Entry<UUID, String[]> e : rows.entrySet()) {
                  List<Client> found =
                      PrivacyContext.callAs(
                          RotationRows.OWNER,
                          Purpose.CARE,
                          () ->
                              f.sessions.fromTransaction(
                                  s ->
                                      PrivacyQueries.findBy(
                                          s, Client.class, "hetu", e.getValue()[2])));
                  assertThat(found).extracting(c -> c.id).containsExactly(e.getKey());
                  checks.incrementAndGet();
                }
              })
          .build()
          .run(Client.class);
      assertThat(checks).hasValue(30);
    }
  }

  @Test
  void retireBelow_whileValuesUseTheVersion_refuses_afterRotation_retiresAndOpenFailsTyped()
      throws Exception {
    Database db = Database.all().get(0);
    String prefix = prefix();
    JdbcWrappedKeyStore keys = keyStore(db, prefix);
    try (OpsFixture f =
        new OpsFixture(db, prefix, randomKey(), keys, "create-drop", Map.of(), Client.class)) {
      Map<UUID, String[]> rows = RotationRows.persist(f.sessions, 0, 12);
      UUID id = rows.keySet().iterator().next();
      String hetu = rows.get(id)[2];
      String underV1 = RotationRows.raw(db, f.table("Client"), "hetu", id);
      f.suoja.keyring().rotate("A");
      KeyRotation rotation = KeyRotation.builder(f.sessions).batchSize(5).build();

      assertThat(rotation.remaining("A", 2)).isEqualTo(36);
      assertThatThrownBy(() -> rotation.retireBelow(keys, "A", 2))
          .isInstanceOf(SuojaException.class)
          .hasMessageContaining("SUOJA-6302")
          .hasMessageContaining("36 values");
      assertThat(f.suoja.keyring().versions("A")).hasSize(2);
      assertThatThrownBy(() -> rotation.retireBelow(keys, "A", 3))
          .hasMessageContaining("SUOJA-6302");

      rotation.run(Client.class);
      assertThat(rotation.retireBelow(keys, "A", 2)).containsExactly(KeyId.tenant("A", 1));
      assertThat(f.suoja.keyring().versions("A")).containsExactly(KeyId.tenant("A", 2));

      CipherContext ctx = new CipherContext("A", "Client", "hetu", id.toString());
      assertThatThrownBy(() -> f.suoja.cipher().open(ctx, underV1))
          .isInstanceOf(KeyRetiredException.class)
          .hasMessageContaining("SUOJA-6301")
          .hasMessageContaining("tenant:A:v1")
          .hasMessageNotContaining(hetu);
      // data moved to v2 still opens
      assertThat(RotationRows.load(f.sessions, id).hetu).isEqualTo(hetu);
      // and a second retirement finds nothing left to retire
      assertThat(rotation.retireBelow(keys, "A", 2)).isEmpty();
    }
  }

  @Test
  void retireBelow_takesAnyStore_oneThatCannotRetire_failsClosedBeforeRetiringAnything() {
    Database db = Database.all().get(0);
    String prefix = prefix();
    WrappedKeyStore memory = WrappedKeyStore.inMemory();
    try (OpsFixture f =
        new OpsFixture(db, prefix, randomKey(), memory, "create-drop", Map.of(), Client.class)) {
      RotationRows.persist(f.sessions, 0, 6);
      f.suoja.keyring().rotate("A");
      f.suoja.keyring().rotate("A");
      KeyRotation rotation = KeyRotation.builder(f.sessions).build();
      rotation.run(Client.class);

      assertThatThrownBy(() -> rotation.retireBelow(LimitedKeyStore.of(memory), "A", 3))
          .isInstanceOfSatisfying(
              SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1009"));
      assertThat(memory.retired("A", 1)).isFalse();
      assertThat(memory.retired("A", 2)).isFalse();
      assertThat(f.suoja.keyring().versions("A")).hasSize(3);

      assertThat(rotation.retireBelow(memory, "A", 3))
          .containsExactly(KeyId.tenant("A", 1), KeyId.tenant("A", 2));
      assertThat(f.suoja.keyring().versions("A")).containsExactly(KeyId.tenant("A", 3));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void keys_surviveANewRuntimeAndSessionFactory(Database db) {
    db.assumeAvailable();
    String prefix = prefix();
    byte[] master = randomKey();
    UUID id;
    try {
      try (OpsFixture first =
          new OpsFixture(
              db, prefix, master, keyStore(db, prefix), "create", Map.of(), Client.class)) {
        id =
            PrivacyContext.callAs(
                RotationRows.OWNER,
                Purpose.CARE,
                () ->
                    first.sessions.fromTransaction(
                        s -> {
                          Client c = new Client("e-1", "Aino", "Virtanen", "131052-308T");
                          s.persist(c);
                          return c.id;
                        }));
      }
      // a new node: new runtime (empty caches), new SessionFactory, same master key and table
      try (OpsFixture second =
          new OpsFixture(
              db, prefix, master, keyStore(db, prefix), "none", Map.of(), Client.class)) {
        Client loaded =
            PrivacyContext.callAs(
                RotationRows.OWNER,
                Purpose.CARE,
                () -> second.sessions.fromTransaction(s -> s.find(Client.class, id)));
        assertThat(loaded.hetu).isEqualTo("131052-308T");
        assertThat(loaded.lastName).isEqualTo("Virtanen");
      }
    } finally {
      OpsFixture.drop(db, prefix + "Client", prefix + "keys");
    }
  }

  @Test
  @SuppressWarnings("ThreadPriorityCheck") // yield between batches: more interleaving, not order
  void run_whileTheApplicationWrites_loseNoWrite_andEndsUnderTheNewVersion() throws Exception {
    String url = "jdbc:h2:mem:suoja-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
    Database db = new Database("h2", url, null);
    String prefix = prefix();
    try (OpsFixture f =
        new OpsFixture(
            db, prefix, randomKey(), keyStore(db, prefix), "create-drop", Map.of(), Client.class)) {
      Map<UUID, String[]> rows = RotationRows.persist(f.sessions, 0, 300);
      List<UUID> ids = new ArrayList<>(rows.keySet());
      f.suoja.keyring().rotate("A");
      Map<UUID, String> lastWritten = new ConcurrentHashMap<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger writes = new AtomicInteger();
      List<Throwable> errors = new ArrayList<>();
      Thread writer =
          new Thread(
              () -> {
                try {
                  int n = 0;
                  while (!stop.get() || n < 50) {
                    UUID id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    String value = "Uusi-" + n++;
                    PrivacyContext.runAs(
                        RotationRows.OWNER,
                        Purpose.CARE,
                        () ->
                            f.sessions.inTransaction(
                                s -> s.find(Client.class, id).lastName = value));
                    lastWritten.put(id, value);
                    writes.incrementAndGet();
                  }
                } catch (Throwable t) {
                  synchronized (errors) {
                    errors.add(t);
                  }
                }
              });
      writer.start();
      KeyRotation.Progress done =
          KeyRotation.builder(f.sessions)
              .batchSize(10)
              .listener(p -> Thread.yield())
              .build()
              .run(Client.class);
      stop.set(true);
      writer.join();

      assertThat(errors).isEmpty();
      assertThat(writes.get()).isGreaterThanOrEqualTo(50);
      assertThat(done.remaining()).isZero();
      assertThat(RotationRows.versions(db, f.suoja, f.table("Client")).values())
          .allSatisfy(v -> assertThat(v).containsExactly(2, 2, 2));
      for (UUID id : ids) {
        Client c = RotationRows.load(f.sessions, id);
        assertThat(c.lastName).isEqualTo(lastWritten.getOrDefault(id, rows.get(id)[1]));
        assertThat(c.hetu).isEqualTo(rows.get(id)[2]);
      }
    }
  }

  @Test
  void rotateMasterKey_throughTheKeyTable_rewrapsDataKeysOnly_dataOpensUnderTheNewMasterAlone()
      throws Exception {
    Database db = Database.all().get(0);
    String prefix = prefix();
    byte[] m1 = randomKey();
    byte[] m2 = randomKey();
    JdbcWrappedKeyStore keys = keyStore(db, prefix);
    Map<UUID, String[]> rows;
    String rawBefore;
    try (OpsFixture f =
        new OpsFixture(db, prefix, Map.of(1, m1), keys, "create", Map.of(), Client.class)) {
      rows = RotationRows.persist(f.sessions, 0, 5);
      f.suoja.keyring().rotate("A");
      rows.putAll(RotationRows.persist(f.sessions, 5, 5));
      rawBefore = RotationRows.raw(db, f.table("Client"), "hetu", rows.keySet().iterator().next());
    }
    try (OpsFixture both =
        new OpsFixture(db, prefix, Map.of(1, m1, 2, m2), keys, "none", Map.of(), Client.class)) {
      assertThat(both.suoja.keyring().rotateMasterKey()).isEqualTo(2); // v1 and v2 of tenant A
      assertThat(both.suoja.keyring().rotateMasterKey()).isZero();
    }
    assertThat(keys.load("A")).extracting(w -> w.masterKeyVersion()).containsOnly(2);
    try (OpsFixture onlyNew =
        new OpsFixture(db, prefix, Map.of(2, m2), keys, "none", Map.of(), Client.class)) {
      for (Map.Entry<UUID, String[]> e : rows.entrySet()) {
        assertThat(RotationRows.load(onlyNew.sessions, e.getKey()).hetu).isEqualTo(e.getValue()[2]);
      }
      // the data itself was not touched
      assertThat(
              RotationRows.raw(
                  db, onlyNew.table("Client"), "hetu", rows.keySet().iterator().next()))
          .isEqualTo(rawBefore);
    }
    OpsFixture.drop(db, prefix + "Client", prefix + "keys");
  }

  @Test
  void build_badOptions_failWithCode() {
    Database db = Database.all().get(0);
    String prefix = prefix();
    try (OpsFixture f =
        new OpsFixture(
            db,
            prefix,
            randomKey(),
            WrappedKeyStore.inMemory(),
            "create-drop",
            Map.of(),
            Client.class)) {
      assertThatThrownBy(() -> KeyRotation.builder(f.sessions).batchSize(0).build())
          .hasMessageContaining("SUOJA-6300");
      assertThatThrownBy(() -> KeyRotation.builder(f.sessions).maxPasses(0).build())
          .hasMessageContaining("SUOJA-6300");
      assertThatThrownBy(() -> KeyRotation.builder(f.sessions).build().run(String.class))
          .hasMessageContaining("SUOJA-6300");
    }
  }
}
