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
        new String[] {
          "privacy-audit", "privacy-core", "privacy-jpa", "privacy-spring-boot", "privacy-cli"
        }) {
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

  @Test
  void everyCodeInErrorsMd_hasOneAnchor() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    String doc = Files.readString(root.resolve("docs/errors.md"));
    // a code's row starts with its anchor, so errors.md#suoja-1001 lands on it
    Pattern anchoredRow =
        Pattern.compile("(?m)^\\| (<a id=\"suoja-(\\d{4})\"></a>)?SUOJA-(\\d{4}) \\|");
    Matcher row = anchoredRow.matcher(doc);
    Set<String> rows = new TreeSet<>();
    while (row.find()) {
      assertThat(row.group(2)).as("anchor of SUOJA-%s", row.group(3)).isEqualTo(row.group(3));
      assertThat(rows.add(row.group(3))).as("SUOJA-%s listed once", row.group(3)).isTrue();
    }
    assertThat(rows).hasSizeGreaterThan(50);
  }
}
