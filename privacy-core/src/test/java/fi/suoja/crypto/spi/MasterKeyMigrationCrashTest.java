package fi.suoja.crypto.spi;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.crypto.MasterKeyMigration;
import fi.suoja.crypto.SuojaCrypto;
import fi.suoja.crypto.testing.MigrationRows;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A master-key migration killed with SIGKILL (a child JVM, {@code destroyForcibly}) at random
 * points, twice, on a file H2 database, resumes: after the rerun every key is under the target, no
 * key is lost (the same owners and versions), the data rows are byte for byte the same and every
 * row opens with the target master key alone.
 */
class MasterKeyMigrationCrashTest {
  static final int TENANTS = 12;
  static final int ROWS = 150;

  @Test
  void killedTwiceMidRewrap_rerunCompletes_nothingLost_everyRowOpens() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "master-key-migration-crash"));
    // WRITE_DELAY=0: H2 otherwise writes commits up to 500 ms late and a kill loses them
    String url =
        "jdbc:h2:file:"
            + dir.toAbsolutePath().resolve("db-" + UUID.randomUUID())
            + ";WRITE_DELAY=0";
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    Path oldFile = MigrationRows.pkcs12(dir, 1, random());
    Path newFile = MigrationRows.pkcs12(dir, 2, random());
    KeyProvider old = KeyProvider.pkcs12(oldFile, MigrationRows.PASSWORD);
    KeyProvider fresh = KeyProvider.pkcs12(newFile, MigrationRows.PASSWORD);
    String keyTable = "suoja_wrapped_key";
    long seed = new SecureRandom().nextLong();
    Random random = new Random(seed);

    WrappedKeyStore store =
        JdbcWrappedKeyStore.builder(ds).table(keyTable).createTableIfMissing(true).build();
    MigrationRows rows = new MigrationRows(ds, "client_data");
    rows.create(
        SuojaCrypto.builder().keyProvider(old).wrappedKeyStore(store).build(), TENANTS, ROWS);
    String before = rows.checksum();
    Map<String, List<Integer>> keysBefore = versions(store);
    int total = keysBefore.values().stream().mapToInt(List::size).sum();

    int movedBefore = 0;
    int afterKeys = 0;
    for (int kill = 0; kill < 2; kill++) {
      // a rerun first skips the keys already moved: kill the second child later than the first
      afterKeys += 3 + random.nextInt(total / 3);
      List<String> output = runChildAndKill(url, keyTable, oldFile, newFile, afterKeys);
      assertThat(output)
          .as("child output, seed " + seed)
          .noneMatch(l -> l.equals("done"))
          .anyMatch(l -> l.startsWith("key "));
      int moved = underTarget(store);
      assertThat(moved).as("seed " + seed).isGreaterThan(movedBefore).isLessThan(total);
      movedBefore = moved;
    }

    MasterKeyMigration migration =
        MasterKeyMigration.builder(store).source(old).target(fresh, 2).build();
    MasterKeyMigration.Progress done = migration.run();
    assertThat(done.rewrapped()).as("seed " + seed).isEqualTo(total - movedBefore);
    assertThat(done.skipped()).isEqualTo(movedBefore);
    assertThat(migration.verify().keys()).isEqualTo(total);
    assertThat(versions(store)).as("no key lost or added").isEqualTo(keysBefore);
    assertThat(rows.checksum()).as("no data row touched").isEqualTo(before);
    assertThat(
            rows.openAll(
                SuojaCrypto.builder()
                    .keyProvider(fresh)
                    .wrappedKeyStore(store)
                    .dataKeyCacheTtl(Duration.ZERO)
                    .build()))
        .isEqualTo(ROWS);
    assertThat(migration.retire(1)).isTrue();
  }

  private static byte[] random() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static Map<String, List<Integer>> versions(WrappedKeyStore store) {
    Map<String, List<Integer>> out = new HashMap<>();
    for (String owner : store.tenants()) {
      out.put(owner, store.load(owner).stream().map(WrappedKey::version).sorted().toList());
    }
    return out;
  }

  private static int underTarget(WrappedKeyStore store) {
    int n = 0;
    for (String owner : store.tenants()) {
      n += (int) store.load(owner).stream().filter(k -> k.masterKeyVersion() == 2).count();
    }
    return n;
  }

  private static List<String> runChildAndKill(
      String url, String keyTable, Path oldFile, Path newFile, int afterKeys) throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                MasterKeyMigrationCrashChild.class.getName(),
                url,
                keyTable,
                oldFile.toString(),
                newFile.toString(),
                "40")
            .redirectErrorStream(true)
            .start();
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        output.add(line);
        if (line.startsWith("key ")
            && Integer.parseInt(line.substring(4, line.indexOf(" ", 4))) >= afterKeys) {
          child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
          break;
        }
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();
    return output;
  }
}
