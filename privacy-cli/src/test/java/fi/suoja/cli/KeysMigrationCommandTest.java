package fi.suoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.crypto.CipherContext;
import fi.suoja.crypto.SuojaCrypto;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code suoja keys rewrap} and {@code keys retire} in-process on an H2 key table: PKCS#12 master
 * key 1 to a new PKCS#12 store with version 2; values open with the new store alone; a rerun
 * re-wraps nothing; retire refuses before the rewrap and succeeds after it.
 */
class KeysMigrationCommandTest {
  static final Map<String, String> ENV =
      Map.of("OLD_PASSWORD", "old-password-123", "NEW_PASSWORD", "new-password-456");

  @TempDir Path dir;

  private Path createMaster(String file, String env, int version) {
    Path path = dir.resolve(file);
    Cli.Result r =
        Cli.run(
            ENV,
            "keys",
            "create-master",
            "--pkcs12",
            path.toString(),
            "--password-env",
            env,
            "--key-version",
            String.valueOf(version));
    assertThat(r.exit()).as(r.all()).isZero();
    return path;
  }

  @Test
  void rewrapThenRetire_valuesOpenWithTheNewKeyAlone() {
    Path old = createMaster("old.p12", "OLD_PASSWORD", 1);
    Path fresh = createMaster("new.p12", "NEW_PASSWORD", 2);
    String url = "jdbc:h2:mem:cli-rewrap-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    WrappedKeyStore store = JdbcWrappedKeyStore.builder(ds).createTableIfMissing(true).build();
    KeyProvider oldKeys = KeyProvider.pkcs12(old, ENV.get("OLD_PASSWORD").toCharArray());
    SuojaCrypto before = SuojaCrypto.builder().keyProvider(oldKeys).wrappedKeyStore(store).build();
    Map<String, String> sealed = new HashMap<>();
    for (int t = 0; t < 5; t++) {
      String tenant = "cli-t" + t;
      before.keyring().create(tenant);
      sealed.put(tenant, before.fieldCipher().seal(context(tenant), "value " + t));
    }
    String[] target = {
      "--to-pkcs12", fresh.toString(), "--to-password-env", "NEW_PASSWORD", "--to-version", "2"
    };

    Cli.Result early =
        Cli.run(
            ENV,
            concat(
                new String[] {"keys", "retire", url, "--master-version", "1", "--json"}, target));
    assertThat(early.exit()).as(early.all()).isEqualTo(SuojaCommand.UNAVAILABLE);
    assertThat(early.json().get("code").asText()).isEqualTo("SUOJA-1060");

    String[] rewrap = {
      "keys", "rewrap", url, "--from-pkcs12", old.toString(), "--from-password-env", "OLD_PASSWORD"
    };
    Cli.Result r = Cli.run(ENV, concat(rewrap, target));
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("re-wrapped 5 of 5 keys under master key version 2")
        .contains("verified 5 keys");
    Cli.Result again = Cli.run(ENV, concat(concat(rewrap, target), new String[] {"--json"}));
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.json().get("rewrapped").asLong()).isZero();
    assertThat(again.json().get("skipped").asLong()).isEqualTo(5);

    Cli.Result retire =
        Cli.run(ENV, concat(new String[] {"keys", "retire", url, "--master-version", "1"}, target));
    assertThat(retire.exit()).as(retire.all()).isZero();
    assertThat(retire.out()).contains("master key version 1 is now retired");
    assertThat(store.retiredMasterKeys()).containsExactly(1);

    KeyProvider newKeys = KeyProvider.pkcs12(fresh, ENV.get("NEW_PASSWORD").toCharArray());
    SuojaCrypto after = SuojaCrypto.builder().keyProvider(newKeys).wrappedKeyStore(store).build();
    sealed.forEach(
        (tenant, value) ->
            assertThat(after.fieldCipher().open(context(tenant), value)).startsWith("value "));
  }

  @Test
  void missingPasswordVariable_exits2_withTheCode_andNamesNoSecret() {
    Path old = createMaster("old.p12", "OLD_PASSWORD", 1);
    String url = "jdbc:h2:mem:cli-rewrap-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    JdbcWrappedKeyStore.builder(ds).createTableIfMissing(true).build();
    Cli.Result r =
        Cli.run(
            ENV,
            "keys",
            "rewrap",
            url,
            "--from-pkcs12",
            old.toString(),
            "--from-password-env",
            "OLD_PASSWORD",
            "--to-pkcs12",
            old.toString(),
            "--to-password-env",
            "UNSET_VARIABLE",
            "--to-version",
            "2");
    assertThat(r.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(r.err()).startsWith("SUOJA-6315").contains("UNSET_VARIABLE");
    assertThat(r.all()).doesNotContain(ENV.get("OLD_PASSWORD"));
  }

  @Test
  void help_hasExamplesAndExitCodes() {
    for (String command : new String[] {"rewrap", "retire"}) {
      Cli.Result r = Cli.run("keys", command, "--help");
      assertThat(r.exit()).as(command).isZero();
      assertThat(r.out())
          .contains("Usage: suoja keys " + command)
          .contains("--json")
          .contains("  suoja keys " + command)
          .contains("Exit codes:");
    }
  }

  private static CipherContext context(String tenant) {
    return CipherContext.of(tenant, "Client", "note");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
