package fi.suoja.crypto.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lifecycle operations of {@link WrappedKeyStore} ({@code retire}, {@code retired}, {@code
 * destroy}, {@code delete}) on every built-in store (in memory, directory, the key table on every
 * configured database), and the refusing defaults of a store that implements none of them.
 */
class WrappedKeyStoreLifecycleTest {
  @TempDir Path dir;

  /** A built-in store: an embedded one over the test's directory, or the key table on a db. */
  record Kind(String name, Function<Path, WrappedKeyStore> embedded, KeyTableDatabase db) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Kind> stores() {
    List<Kind> kinds =
        new ArrayList<>(
            List.of(
                new Kind("in-memory", d -> WrappedKeyStore.inMemory(), null),
                new Kind("directory", WrappedKeyStore::directory, null)));
    for (KeyTableDatabase db : KeyTableDatabase.all()) {
      kinds.add(new Kind("table on " + db, null, db));
    }
    return kinds.stream();
  }

  private KeyTableDatabase db;
  private String table;

  private WrappedKeyStore open(Kind kind) {
    if (kind.embedded() != null) {
      return kind.embedded().apply(dir);
    }
    kind.db().assumeAvailable();
    db = kind.db();
    table = KeyTableDatabase.uniqueTable();
    return JdbcWrappedKeyStore.builder(db.dataSource())
        .table(table)
        .createTableIfMissing(true)
        .build();
  }

  @AfterEach
  void dropTable() {
    if (db != null) {
      db.drop(table);
    }
  }

  static WrappedKey key(String owner, int version) {
    byte[] wrapped = new byte[60];
    Arrays.fill(wrapped, (byte) version);
    return new WrappedKey(owner, version, 1, wrapped);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void retire_oldVersion_hidesItFromLoad_newestIsRefused_numberNeverReused(Kind kind) {
    WrappedKeyStore store = open(kind);
    store.insert(key("A", 1));
    store.insert(key("A", 2));

    assertThatThrownBy(() -> store.retire("A", 2)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.retire("A", 1)).isTrue();
    assertThat(store.retire("A", 1)).isFalse();
    assertThat(store.retire("A", 7)).isFalse();

    assertThat(store.load("A")).containsExactly(key("A", 2));
    assertThat(store.retired("A", 1)).isTrue();
    assertThat(store.retired("A", 2)).isFalse();
    assertThat(store.retired("A", 7)).isFalse();
    assertThat(store.tenants()).containsExactly("A");
    // a retired version still occupies its number: it is never created again
    assertThat(store.insert(key("A", 1))).isFalse();
    assertThat(store.load("A")).containsExactly(key("A", 2));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void destroy_everyVersionActiveAndRetired_namesThem_otherOwnersUntouched(Kind kind) {
    WrappedKeyStore store = open(kind);
    for (int v = 1; v <= 3; v++) {
      store.insert(key("A", v));
    }
    store.retire("A", 1);
    store.insert(key("B", 1));
    store.insert(key("~subject/r1", 1));

    assertThat(store.destroy("A")).containsExactly("tenant:A:v1", "tenant:A:v2", "tenant:A:v3");

    assertThat(store.load("A")).isEmpty();
    assertThat(store.retired("A", 1)).isFalse();
    assertThat(store.tenants()).containsExactlyInAnyOrder("B", "~subject/r1");
    assertThat(store.load("B")).containsExactly(key("B", 1));
    assertThat(store.destroy("A")).isEmpty();
    assertThat(store.destroy("~subject/r1")).containsExactly("subject:~subject/r1:v1");
    assertThat(store.load("~subject/r1")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void delete_countsTheVersions_andIsIdempotent(Kind kind) {
    WrappedKeyStore store = open(kind);
    store.insert(key("~subject/r2", 1));
    store.insert(key("B", 1));

    assertThat(store.delete("~subject/r2")).isEqualTo(1);
    assertThat(store.delete("~subject/r2")).isZero();
    assertThat(store.load("~subject/r2")).isEmpty();
    assertThat(store.load("B")).containsExactly(key("B", 1));
  }

  /** Only the four required methods, as a store written before the lifecycle operations. */
  static final class BasicStore implements WrappedKeyStore {
    final WrappedKeyStore inner = WrappedKeyStore.inMemory();

    @Override
    public List<WrappedKey> load(String tenant) {
      return inner.load(tenant);
    }

    @Override
    public boolean insert(WrappedKey key) {
      return inner.insert(key);
    }

    @Override
    public void replace(WrappedKey key) {
      inner.replace(key);
    }

    @Override
    public Set<String> tenants() {
      return inner.tenants();
    }
  }

  @Test
  void defaults_refuseRetireDestroyAndDelete_withCode_andChangeNothing() {
    BasicStore store = new BasicStore();
    store.insert(key("A", 1));
    store.insert(key("A", 2));

    for (Runnable op :
        List.<Runnable>of(
            () -> store.retire("A", 1), () -> store.destroy("A"), () -> store.delete("A"))) {
      assertThatThrownBy(op::run)
          .isInstanceOfSatisfying(
              SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-1009"))
          .hasMessageContaining(BasicStore.class.getName())
          .hasMessageContaining("nothing was changed");
    }
    assertThat(store.load("A")).containsExactlyInAnyOrder(key("A", 1), key("A", 2));
    assertThat(store.retired("A", 1)).isFalse();
  }
}
