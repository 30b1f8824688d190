package fi.suoja.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.ChainKey;
import fi.suoja.audit.verify.AuditVerifier;
import fi.suoja.audit.verify.Verification;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start cannot rot: every Java snippet equals a tagged region of the compiled
 * {@code quickstart} sources, the dependency snippet names this build's artifacts, and the key
 * commands and the program run as written.
 */
class ReadmeQuickStartTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCES = Path.of("src/main/java/fi/suoja/samples/quickstart");
  private static final Pattern SNIPPET =
      Pattern.compile(
          "<!-- (compiled|executed|checked): ([\\w-]+) -->\\n```\\w*\\n(.*?)\\n```",
          Pattern.DOTALL);

  @TempDir Path keys;

  @Test
  void everyJavaSnippet_isTheCompiledCode_andEveryTaggedRegionIsInTheReadme() throws IOException {
    Map<String, String> regions = taggedRegions();
    Map<String, String> compiled = snippets("compiled");
    assertThat(regions).isNotEmpty();
    assertThat(compiled.keySet())
        .as("README snippets vs tagged regions in %s", SOURCES)
        .containsExactlyInAnyOrderElementsOf(regions.keySet());
    for (Map.Entry<String, String> region : regions.entrySet()) {
      assertThat(compiled.get(region.getKey()))
          .as(
              "README snippet '%s' must equal the tagged region (copy it from %s)",
              region.getKey(), SOURCES)
          .isEqualTo(region.getValue());
    }
  }

  @Test
  void dependencySnippet_namesThisBuildsArtifactAndVersion() throws IOException {
    String dependency = snippets("checked").get("dependency");
    String parentPom = Files.readString(Path.of("..", "pom.xml"), StandardCharsets.UTF_8);
    Matcher version =
        Pattern.compile("<artifactId>suoja-parent</artifactId>\\s*<version>([^<]+)")
            .matcher(parentPom);
    assertThat(version.find()).isTrue();
    assertThat(dependency)
        .contains("<groupId>fi.suoja</groupId>")
        .contains("<version>" + version.group(1) + "</version>");
    Matcher artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(dependency);
    assertThat(artifact.find()).isTrue();
    assertThat(parentPom).contains("<module>" + artifact.group(1) + "</module>");
  }

  @Test
  void keyCommandsThenQuickStart_storeOnlyEnvelopes_findByHetu_andVerifyTheTrail()
      throws Exception {
    runKeyCommands();
    assertThat(keys.resolve("suoja.p12")).exists();
    assertThat(keys.resolve("suoja-audit.p12")).exists();
    byte[] chainKey =
        Base64.getDecoder().decode(Files.readString(keys.resolve("chain-key")).trim());
    assertThat(chainKey).hasSize(32);

    JdbcDataSource db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:readme-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (QuickStart quickStart = QuickStart.start(db, keys)) {
      assertThat(quickStart.recordAndFind()).isEqualTo("Virtanen");

      // the database holds envelopes only
      List<String> stored = new ArrayList<>();
      try (Connection c = db.getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select id, firstName, lastName, hetu from Client")) {
        while (rs.next()) {
          for (int i = 2; i <= 4; i++) {
            stored.add(rs.getString(i));
          }
          UUID id = rs.getObject(1, UUID.class);
          // a colleague in the same organisation is not the responsible employee: denied
          Actor colleague = Actor.tenantUser("u-102", "hoiva-aurinko", Role.EMPLOYEE);
          assertThatThrownBy(
                  () ->
                      PrivacyContext.runAs(
                          colleague,
                          Purpose.CARE,
                          () -> {
                            try (EntityManager em =
                                quickStart.entityManagerFactory().createEntityManager()) {
                              em.find(Client.class, id);
                            }
                          }))
              .isInstanceOf(AccessDeniedException.class);
        }
      }
      assertThat(stored).hasSize(3).allSatisfy(v -> assertThat(v).isNotBlank());
      assertThat(String.join(" ", stored))
          .doesNotContain("Helmi")
          .doesNotContain("Virtanen")
          .doesNotContainIgnoringCase("131052");
    }

    // the trail verifies with the chain key and the exported checkpoint certificate
    PublicKey checkpointKey;
    try (InputStream in = Files.newInputStream(keys.resolve("suoja-checkpoint.pem"))) {
      checkpointKey =
          CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey();
    }
    List<Verification> verified =
        AuditVerifier.builder()
            .chainKey(
                ChainKey.of(Base64.getDecoder().decode(System.getenv("SUOJA_AUDIT_CHAIN_KEY"))))
            .checkpointKey(checkpointKey)
            .build()
            .verifyTable(db, "suoja_audit", db);
    assertThat(verified)
        .singleElement()
        .isInstanceOfSatisfying(
            Verification.Intact.class, v -> assertThat(v.records()).isGreaterThanOrEqualTo(3));
  }

  /** Runs the README's key commands as written, in {@link #keys}, with the JDK's keytool. */
  private void runKeyCommands() throws IOException, InterruptedException {
    String commands = snippets("executed").get("keys");
    assertThat(commands).as("README key commands").isNotNull();
    String script = commands + "\nprintf %s \"$SUOJA_AUDIT_CHAIN_KEY\" > chain-key\n";
    ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script);
    pb.directory(keys.toFile());
    pb.redirectErrorStream(true);
    Path javaBin = Path.of(System.getProperty("java.home"), "bin");
    pb.environment().put("PATH", javaBin + ":" + System.getenv("PATH"));
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("README key commands failed:%n%s", output).isZero();
  }

  private static Map<String, String> snippets(String kind) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = SNIPPET.matcher(readme);
    while (m.find()) {
      if (m.group(1).equals(kind)) {
        assertThat(out.put(m.group(2), m.group(3))).as("snippet %s twice", m.group(2)).isNull();
      }
    }
    return out;
  }

  /** {@code // tag::name[]} ... {@code // end::name[]} regions, common indentation removed. */
  private static Map<String, String> taggedRegions() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    List<Path> files;
    try (var list = Files.list(SOURCES)) {
      files = list.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
    Pattern tag = Pattern.compile("\\s*// tag::([\\w-]+)\\[]");
    Pattern end = Pattern.compile("\\s*// end::([\\w-]+)\\[]");
    for (Path f : files) {
      String name = null;
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        Matcher t = tag.matcher(line);
        Matcher e = end.matcher(line);
        if (t.matches()) {
          name = t.group(1);
          lines.clear();
        } else if (e.matches()) {
          assertThat(e.group(1)).as("end tag in %s", f).isEqualTo(name);
          out.put(name, dedent(lines));
          name = null;
        } else if (name != null) {
          lines.add(line);
        }
      }
      assertThat(name).as("unclosed tag in %s", f).isNull();
    }
    return out;
  }

  private static String dedent(List<String> lines) {
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      out.add(l.isBlank() ? "" : l.substring(indent));
    }
    while (!out.isEmpty() && out.get(0).isEmpty()) {
      out.remove(0);
    }
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return String.join("\n", out);
  }
}
