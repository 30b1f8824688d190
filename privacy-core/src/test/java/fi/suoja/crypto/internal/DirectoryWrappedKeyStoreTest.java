package fi.suoja.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.spi.WrappedKey;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file-based wrapped-key store: durable create-if-absent (exactly one of racing inserts wins),
 * atomic replace, no temporary files left behind, corrupt files fail closed.
 */
class DirectoryWrappedKeyStoreTest {
  @TempDir Path dir;

  private static WrappedKey key(String tenant, int version, int master, int fill) {
    byte[] b = new byte[60];
    java.util.Arrays.fill(b, (byte) fill);
    return new WrappedKey(tenant, version, master, b);
  }

  @Test
  void insert_thenLoadFromNewInstance_returnsTheSameKey() {
    WrappedKeyStore store = WrappedKeyStore.directory(dir);
    assertThat(store.insert(key("acme", 1, 1, 1))).isTrue();
    assertThat(store.insert(key("Åbo/..\\x", 1, 1, 2))).isTrue();
    WrappedKeyStore reopened = WrappedKeyStore.directory(dir);
    assertThat(reopened.load("acme")).containsExactly(key("acme", 1, 1, 1));
    assertThat(reopened.tenants()).containsExactlyInAnyOrder("acme", "Åbo/..\\x");
    assertThat(reopened.load("none")).isEmpty();
  }

  @Test
  void insert_existingVersion_returnsFalseAndKeepsTheFirst() {
    WrappedKeyStore store = WrappedKeyStore.directory(dir);
    assertThat(store.insert(key("acme", 1, 1, 1))).isTrue();
    assertThat(store.insert(key("acme", 1, 1, 9))).isFalse();
    assertThat(store.load("acme")).containsExactly(key("acme", 1, 1, 1));
  }

  @Test
  void replace_existingVersion_overwritesAtomically() throws Exception {
    WrappedKeyStore store = WrappedKeyStore.directory(dir);
    store.insert(key("acme", 1, 1, 1));
    store.replace(key("acme", 1, 2, 3));
    assertThat(store.load("acme")).containsExactly(key("acme", 1, 2, 3));
    assertThatThrownBy(() -> store.replace(key("acme", 5, 2, 3)))
        .isInstanceOf(IllegalArgumentException.class);
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
    }
  }

  @Test
  void insert_racingThreads_exactlyOneWins() throws Exception {
    WrappedKeyStore store = WrappedKeyStore.directory(dir);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int fill = i;
        tasks.add(() -> store.insert(key("acme", 2, 1, fill)));
      }
      int wins = 0;
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        wins += f.get() ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
      assertThat(store.load("acme")).hasSize(1);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void load_corruptFile_failsClosedWithoutContent() throws Exception {
    WrappedKeyStore store = WrappedKeyStore.directory(dir);
    store.insert(key("acme", 1, 1, 1));
    Path file;
    try (Stream<Path> files = Files.walk(dir)) {
      file = files.filter(p -> p.toString().endsWith("v1.key")).findFirst().orElseThrow();
    }
    Files.writeString(file, "suoja-wrapped-key 1\ntenant YWNtZQ\nversion x\n");
    assertThatThrownBy(() -> store.load("acme"))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageStartingWith("SUOJA-1006")
        .hasMessageNotContaining("YWNtZQ");
    assertThat(Set.of()).isEmpty();
  }
}
