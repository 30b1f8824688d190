package fi.suoja.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fi.suoja.crypto.spi.KeyProvider;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code suoja keys create-master}: a store {@code KeyProvider.pkcs12} opens, never overwritten.
 */
class KeysCreateMasterCommandTest {
  static final String PASSWORD = "correct horse battery";
  static final Map<String, String> ENV = Map.of("SUOJA_KEYSTORE_PASSWORD", PASSWORD);

  @TempDir Path dir;

  @Test
  void createsAStoreTheLibraryOpens() throws Exception {
    Path file = dir.resolve("suoja.p12");
    Cli.Result r =
        Cli.run(
            ENV,
            "keys",
            "create-master",
            "--pkcs12",
            file.toString(),
            "--password-env",
            "SUOJA_KEYSTORE_PASSWORD");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("master key version 1").contains("suoja-master-1");

    KeyProvider provider = KeyProvider.pkcs12(file, PASSWORD.toCharArray());
    assertThat(provider.currentVersion()).isEqualTo(1);
    assertThat(provider.masterKey(1)).isNotNull();
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertNoKeyMaterial(file, "suoja-master-1", r);
  }

  @Test
  void json_andAnotherVersion() throws Exception {
    Path file = dir.resolve("suoja-v2.p12");
    Cli.Result r =
        Cli.run(
            Map.of("KS_PW", PASSWORD),
            "keys",
            "create-master",
            "--pkcs12",
            file.toString(),
            "--password-env",
            "KS_PW",
            "--key-version",
            "2",
            "--json");
    assertThat(r.exit()).as(r.all()).isZero();
    JsonNode root = r.json();
    assertThat(root.path("ok").asBoolean()).isTrue();
    assertThat(root.path("entry").asText()).isEqualTo("suoja-master-2");
    assertThat(root.path("version").asInt()).isEqualTo(2);
    assertThat(KeyProvider.pkcs12(file, PASSWORD.toCharArray()).currentVersion()).isEqualTo(2);
    assertNoKeyMaterial(file, "suoja-master-2", r);
  }

  @Test
  void neverOverwrites() throws Exception {
    Path file = dir.resolve("suoja.p12");
    String[] args = {
      "keys",
      "create-master",
      "--pkcs12",
      file.toString(),
      "--password-env",
      "SUOJA_KEYSTORE_PASSWORD"
    };
    assertThat(Cli.run(ENV, args).exit()).isZero();
    byte[] first = Files.readAllBytes(file);
    Cli.Result again = Cli.run(ENV, args);
    assertThat(again.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(again.err()).startsWith("SUOJA-9030");
    assertThat(Files.readAllBytes(file)).isEqualTo(first);

    Path other = Files.writeString(dir.resolve("notes.txt"), "keep me");
    Cli.Result json =
        Cli.run(
            ENV,
            "keys",
            "create-master",
            "--pkcs12",
            other.toString(),
            "--password-env",
            "SUOJA_KEYSTORE_PASSWORD",
            "--json");
    assertThat(json.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(json.json().path("code").asText()).isEqualTo("SUOJA-9030");
    assertThat(Files.readString(other)).isEqualTo("keep me");
  }

  @Test
  void password_onlyFromTheEnvironment() {
    Path file = dir.resolve("suoja.p12");
    Cli.Result unset =
        Cli.run("keys", "create-master", "--pkcs12", file.toString(), "--password-env", "NOPE");
    assertThat(unset.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(unset.err()).startsWith("SUOJA-9003");

    Cli.Result shortPw =
        Cli.run(
            Map.of("PW", "short-pw"),
            "keys",
            "create-master",
            "--pkcs12",
            file.toString(),
            "--password-env",
            "PW");
    assertThat(shortPw.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(shortPw.err()).startsWith("SUOJA-9032").doesNotContain("short-pw");

    Cli.Result onCommandLine =
        Cli.run("keys", "create-master", "--pkcs12", file.toString(), "--password", PASSWORD);
    assertThat(onCommandLine.exit()).isEqualTo(SuojaCommand.USAGE);
    assertThat(onCommandLine.all()).doesNotContain("horse");
    assertThat(file).doesNotExist();
  }

  /** Neither the password nor the key bytes (hex or base64) appear in the output. */
  private static void assertNoKeyMaterial(Path file, String alias, Cli.Result r) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD.toCharArray());
    }
    byte[] key = store.getKey(alias, PASSWORD.toCharArray()).getEncoded();
    assertThat(key).hasSize(32);
    assertThat(r.all())
        .doesNotContain(PASSWORD)
        .doesNotContainIgnoringCase(HexFormat.of().formatHex(key))
        .doesNotContain(Base64.getEncoder().encodeToString(key))
        .doesNotContain(Base64.getEncoder().encodeToString(key).substring(0, 16));
  }
}
