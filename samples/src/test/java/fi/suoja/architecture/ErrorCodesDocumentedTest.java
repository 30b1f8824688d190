package fi.suoja.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every stable error code the code base throws or logs is explained in docs/errors.md. */
class ErrorCodesDocumentedTest {
  static final Pattern CODE = Pattern.compile("SUOJA-\\d{4}");

  @Test
  void everyCodeInMainSources_isExplainedInErrorsMd() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    String doc = Files.readString(root.resolve("docs/errors.md"));
    Set<String> used = new TreeSet<>();
    for (String module :
        new String[] {"privacy-audit", "privacy-core", "privacy-jpa", "privacy-spring-boot"}) {
      try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher m = CODE.matcher(Files.readString(f));
          while (m.find()) {
            used.add(m.group());
          }
        }
      }
    }
    assertThat(used).hasSizeGreaterThan(50);
    assertThat(used.stream().filter(c -> !doc.contains(c)).toList()).isEmpty();
  }
}
