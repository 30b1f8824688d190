package fi.suoja.crypto.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Assumptions;

/**
 * A SoftHSM2 token made for one test JVM: its own {@code softhsm2.conf} (the path surefire puts in
 * {@code SOFTHSM2_CONF}, under target/) with the token directory beside it, emptied first; a token
 * initialised with {@code softhsm2-util}; two non-extractable, sensitive AES-256 master keys
 * labelled {@code suoja-master-1} and {@code suoja-master-2}, generated in the token through a
 * SunPKCS11 instance whose configuration sets {@code CKA_EXTRACTABLE = false}. No global SoftHSM2
 * state is touched. Where SoftHSM2 is not installed the caller's test is skipped (assumption).
 * Shared with other modules' tests through privacy-core's test-jar.
 */
public final class SoftHsmToken {
  /** User PIN of the token (a test token only). */
  public static final String PIN = "4711-suoja";

  private static final String SO_PIN = "8642-suoja-so";

  /** Environment variable name the tests hand the PIN in under (through a map, not the JVM). */
  public static final String PIN_VARIABLE = "SUOJA_TEST_HSM_PIN";

  private static final List<String> LIBRARIES =
      List.of(
          "/usr/lib/softhsm/libsofthsm2.so",
          "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
          "/usr/lib64/pkcs11/libsofthsm2.so",
          "/usr/local/lib/softhsm/libsofthsm2.so");

  private static SoftHsmToken instance;

  /** The SunPKCS11 configuration Suoja's provider reads (library and slot only). */
  public final Path config;

  private SoftHsmToken(Path config) {
    this.config = config;
  }

  /** The token of this JVM, made at the first call; skips the calling test without SoftHSM2. */
  public static synchronized SoftHsmToken get() throws Exception {
    String conf = System.getenv("SOFTHSM2_CONF");
    Assumptions.assumeTrue(
        conf != null && !conf.isBlank(),
        "PKCS#11 tests skipped: SOFTHSM2_CONF is not set (privacy-core's surefire sets it)");
    String library =
        LIBRARIES.stream().filter(l -> Files.isReadable(Path.of(l))).findFirst().orElse(null);
    Assumptions.assumeTrue(
        library != null && onPath("softhsm2-util"),
        "PKCS#11 tests skipped: SoftHSM2 is not installed (apt-get install softhsm2)");
    Assumptions.assumeTrue(
        Security.getProvider("SunPKCS11") != null,
        "PKCS#11 tests skipped: this JDK has no SunPKCS11 provider");
    if (instance == null) {
      instance = create(Path.of(conf), library);
    }
    return instance;
  }

  private static SoftHsmToken create(Path conf, String library) throws Exception {
    Path dir = conf.toAbsolutePath().getParent();
    Path tokens = dir.resolve("tokens");
    if (Files.exists(tokens)) {
      try (Stream<Path> old = Files.walk(tokens)) {
        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(tokens);
    Files.writeString(
        conf,
        "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    run(
        conf,
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        "suoja",
        "--pin",
        PIN,
        "--so-pin",
        SO_PIN);
    Path config = dir.resolve("suoja-pkcs11.cfg");
    Files.writeString(
        config, "name = SuojaSoftHsm\nlibrary = " + library + "\nslotListIndex = 0\n");
    Path generate = dir.resolve("generate-pkcs11.cfg");
    Files.writeString(
        generate,
        "name = SuojaSoftHsmAdmin\nlibrary = "
            + library
            + "\nslotListIndex = 0\n"
            + "attributes(generate, CKO_SECRET_KEY, CKK_AES) = {\n"
            + "  CKA_EXTRACTABLE = false\n"
            + "  CKA_SENSITIVE = true\n"
            + "}\n");
    Provider admin = Security.getProvider("SunPKCS11").configure(generate.toString());
    KeyStore store = KeyStore.getInstance("PKCS11", admin);
    store.load(null, PIN.toCharArray());
    for (int version = 1; version <= 2; version++) {
      KeyGenerator generator = KeyGenerator.getInstance("AES", admin);
      generator.init(256);
      SecretKey key = generator.generateKey();
      store.setEntry("suoja-master-" + version, new KeyStore.SecretKeyEntry(key), null);
    }
    return new SoftHsmToken(config);
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(":", -1)) {
      if (Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return false;
  }

  private static void run(Path conf, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command)));
    Map<String, String> env = pb.environment();
    env.put("SOFTHSM2_CONF", conf.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command[0], command[1]) + " failed: " + out);
    }
  }
}
