package fi.suoja.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/API.md lists the public API of every published module, so it cannot rot: each public
 * top-level type in a package that is not {@code internal} is an entry ({@code - `Name`}) under the
 * heading of its package ({@code ### `fi.suoja.x`}) in the section of its module ({@code ##
 * privacy-x}), and every entry names such a type. privacy-jpa-hibernate66 compiles privacy-jpa's
 * sources and shares its section.
 */
class ApiDocumentedTest {
  static final Set<String> MODULES =
      Set.of(
          "privacy-audit",
          "privacy-audit-kafka",
          "privacy-core",
          "privacy-jpa",
          "privacy-spring-boot");

  static final Pattern MODULE_HEADING = Pattern.compile("^## (privacy-[a-z0-9-]+)\\s*$");
  static final Pattern PACKAGE_HEADING = Pattern.compile("^### `(fi\\.suoja[a-z0-9.]*)`\\s*$");
  static final Pattern ENTRY = Pattern.compile("^- `([A-Z][A-Za-z0-9]*)`");

  /** Where a class was loaded from: a reactor module's classes or its jar (not its test jar). */
  static final Pattern LOCATION =
      Pattern.compile("/(privacy-[a-z0-9-]+?)(?:/target/classes/|-\\d[^/]*(?<!-tests)\\.jar!)");

  static Set<String> documented;

  @BeforeAll
  static void read() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    documented = entries(Files.readAllLines(root.resolve("docs/API.md")));
  }

  /** {@code module fqn} for every entry under a package heading in a module's section. */
  static Set<String> entries(Iterable<String> lines) {
    Set<String> out = new TreeSet<>();
    String module = null;
    String pkg = null;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        Matcher m = MODULE_HEADING.matcher(line);
        module = m.matches() && MODULES.contains(m.group(1)) ? m.group(1) : null;
        pkg = null;
      } else if (line.startsWith("### ")) {
        Matcher p = PACKAGE_HEADING.matcher(line);
        pkg = module != null && p.matches() ? p.group(1) : null;
      } else if (pkg != null) {
        Matcher e = ENTRY.matcher(line);
        if (e.find()) {
          out.add(module + " " + pkg + "." + e.group(1));
        }
      }
    }
    return out;
  }

  /** {@code module fqn} for every public top-level type outside the internal packages. */
  static Set<String> publicApi() {
    Set<String> out = new TreeSet<>();
    for (JavaClass c : ArchitectureTest.SUOJA) {
      String pkg = c.getPackageName();
      if (!c.getModifiers().contains(JavaModifier.PUBLIC)
          || !c.isTopLevelClass()
          || c.getSimpleName().endsWith("-info")
          || (pkg + ".").contains(".internal.")) {
        continue;
      }
      String uri = c.getSource().map(s -> s.getUri().toString()).orElse("");
      Matcher m = LOCATION.matcher(uri);
      if (m.find() && MODULES.contains(m.group(1))) {
        out.add(m.group(1) + " " + c.getName());
      }
    }
    return out;
  }

  @Test
  void everyPublicType_isListedInItsModulesSection_andEveryEntryExists() {
    Set<String> api = publicApi();
    // the importer must have seen every published module for the check to mean anything
    assertThat(api)
        .contains(
            "privacy-core fi.suoja.Suoja",
            "privacy-jpa fi.suoja.jpa.SubjectRights",
            "privacy-audit fi.suoja.audit.Auditor",
            "privacy-spring-boot fi.suoja.spring.boot.SuojaProperties");
    Set<String> wrong = new TreeSet<>();
    api.stream().filter(t -> !documented.contains(t)).forEach(t -> wrong.add("not listed: " + t));
    documented.stream().filter(t -> !api.contains(t)).forEach(t -> wrong.add("no such type: " + t));
    assertThat(wrong).as("docs/API.md against the public types").isEmpty();
  }

  @Test
  void parser_readsModulesPackagesAndEntries() {
    assertThat(
            entries(
                java.util.List.of(
                    "## Start here",
                    "### `fi.suoja`",
                    "- `Ignored` — not in a module section",
                    "## privacy-core",
                    "- `Ignored` — no package heading yet",
                    "### `fi.suoja.crypto`",
                    "- `FieldCipher` — seals values",
                    "  - `NotAnEntry` — indented",
                    "### Not a package",
                    "- `Ignored` — not under a package")))
        .containsExactly("privacy-core fi.suoja.crypto.FieldCipher");
  }
}
