package fi.suoja.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.crypto.testing.DocSnippets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the SoftHSM2 key ceremony of docs/OPERATIONS.md cannot rot. The marked block is run
 * exactly as written in an empty directory; then a new JVM that sees only the block's {@code
 * SOFTHSM2_CONF} and the PIN variable opens the key with the documented Java lines (a tagged region
 * of {@link Ceremony}, equal to the document's), seals and opens a value, and finds the key
 * non-extractable. Skipped, with the reason, without SoftHSM2.
 */
class OperationsHsmCeremonyTest {
  private static final Path OPERATIONS = Path.of("..", "docs", "OPERATIONS.md");
  private static final Path SOURCE =
      Path.of("src/test/java/fi/suoja/crypto/OperationsHsmCeremonyTest.java");
  private static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";

  @TempDir Path dir;

  @Test
  void documentedJavaLines_areTheCompiledOnes() {
    assertThat(DocSnippets.block(OPERATIONS, "compiled", "pkcs11-provider"))
        .as("OPERATIONS.md's pkcs11-provider snippet must equal the tagged region of %s", SOURCE)
        .isEqualTo(DocSnippets.taggedRegion(SOURCE, "pkcs11-provider"));
  }

  @Test
  void documentedCeremony_makesANonExtractableMasterKeyThatSuojaUses() throws Exception {
    Assumptions.assumeTrue(
        onPath("softhsm2-util") && Files.isReadable(Path.of(LIBRARY)),
        "HSM ceremony test skipped: softhsm2-util or "
            + LIBRARY
            + " missing (apt-get install softhsm2)");
    String pin = random();
    String commands = DocSnippets.block(OPERATIONS, "executed", "softhsm-ceremony");
    // the block exports SOFTHSM2_CONF; hand it back so the new JVM sees what an operator's does
    String script = commands + "\nprintf %s \"$SOFTHSM2_CONF\" > softhsm2-conf-path\n";
    String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
    Result ceremony =
        run(
            List.of("bash", "-euo", "pipefail", "-c", script),
            Map.of(
                "PATH",
                javaBin + ":" + System.getenv("PATH"),
                "SUOJA_HSM_PIN",
                pin,
                "SUOJA_HSM_SO_PIN",
                random()));
    assertThat(ceremony.exit).as("documented ceremony failed:%n%s", ceremony.output).isZero();
    assertThat(ceremony.output).doesNotContain(pin);
    Path conf = Path.of(Files.readString(dir.resolve("softhsm2-conf-path")));
    assertThat(conf).startsWith(dir).exists();
    assertThat(dir.resolve("softhsm2/tokens")).isNotEmptyDirectory();

    Result java =
        run(
            List.of(
                Path.of(javaBin, "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Ceremony.class.getName()),
            Map.of("SOFTHSM2_CONF", conf.toString(), "SUOJA_HSM_PIN", pin));
    assertThat(java.exit).as("opening the ceremony's key failed:%n%s", java.output).isZero();
    assertThat(java.output)
        .contains("opened=true")
        .contains("currentVersion=1")
        .contains("encoded=null")
        .contains("token object, sensitive, unextractable")
        .doesNotContain(pin);
  }

  private Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.directory(dir.toFile());
    pb.redirectErrorStream(true);
    pb.environment().remove("SOFTHSM2_CONF"); // surefire's token is not the ceremony's
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  private record Result(int exit, String output) {}

  private static String random() {
    byte[] b = new byte[8];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static boolean onPath(String command) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return false;
  }

  /** Run in the ceremony's directory by a new JVM: the documented Java lines, then checks. */
  static final class Ceremony {
    private Ceremony() {}

    public static void main(String[] args) {
      WrappedKeyStore wrappedKeyStore = WrappedKeyStore.inMemory();
      // tag::pkcs11-provider[]
      KeyProvider keys = KeyProvider.pkcs11(Path.of("suoja-pkcs11.cfg"), "SUOJA_HSM_PIN");
      SuojaCrypto crypto =
          SuojaCrypto.builder()
              .keyProvider(keys)
              .wrappedKeyStore(wrappedKeyStore)
              .createTenantKeysOnFirstUse(true)
              .build();
      // end::pkcs11-provider[]
      CipherContext context = CipherContext.of("acme", "Client", "lastName").withRow("1");
      String sealed = crypto.fieldCipher().seal(context, "Helmi Mäkelä");
      boolean opened =
          !sealed.contains("Helmi")
              && crypto.fieldCipher().open(context, sealed).equals("Helmi Mäkelä");
      SecretKey key = keys.masterKey(1).jcaKey(InsecureSecretKeyAccess.get());
      System.out.println("opened=" + opened);
      System.out.println("currentVersion=" + keys.currentVersion());
      System.out.println("encoded=" + (key.getEncoded() == null ? "null" : "PRESENT"));
      System.out.println("key=" + key); // SunPKCS11 names the attributes, never the bytes
    }
  }
}
