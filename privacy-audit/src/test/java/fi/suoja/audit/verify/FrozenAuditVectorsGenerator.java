package fi.suoja.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Wrote src/test/resources/frozen/v1 (the checkpoint test key pair, then vectors.properties) once;
 * kept to show how, never run by the build (its name does not match the Surefire includes, and it
 * needs a system property). By hand, into an empty directory:
 *
 * <pre>
 * mvn -B -pl privacy-audit test -Dtest=FrozenAuditVectorsGenerator \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dsuoja.frozen.out=/tmp/audit-v1
 * </pre>
 *
 * (the key must be in the test resources before the vectors are computed: write the key, copy it
 * there, run again.)
 */
class FrozenAuditVectorsGenerator {

  @Test
  @EnabledIfSystemProperty(named = "suoja.frozen.out", matches = ".+")
  void write() throws Exception {
    Path out = Path.of(System.getProperty("suoja.frozen.out"));
    Files.createDirectories(out);
    if (FrozenAuditVectors.class.getResource("/frozen/v1/checkpoint-private.pem") == null) {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      Files.writeString(
          out.resolve("checkpoint-private.pem"),
          pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
          StandardCharsets.US_ASCII);
      Files.writeString(
          out.resolve("checkpoint-public.pem"),
          pem("PUBLIC KEY", pair.getPublic().getEncoded()),
          StandardCharsets.US_ASCII);
      return;
    }
    assertThat(out.resolve("vectors.properties")).doesNotExist();
    Map<String, String> v = FrozenAuditVectors.compute();
    StringBuilder text =
        new StringBuilder(
            "# Suoja audit format-1 vectors, written once by FrozenAuditVectorsGenerator from"
                + " frozen/trail; never regenerate\n");
    v.forEach(
        (k, value) -> text.append(k).append('=').append(value.replace("\\", "\\\\")).append('\n'));
    Files.writeString(out.resolve("vectors.properties"), text, StandardCharsets.UTF_8);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
