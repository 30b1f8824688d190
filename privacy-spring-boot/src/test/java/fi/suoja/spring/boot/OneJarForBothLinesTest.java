package fi.suoja.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The starter's classes refer only to Spring Boot packages that Boot 3.5 and 4.0 both have, in the
 * same artifacts: Boot 4 moved the JDBC, JPA, Jackson, web and security auto-configuration into
 * modules and packages of their own, which the starter names only as strings ({@code afterName},
 * {@code @ConditionalOnClass(name = ...)}). A class reference lives in the class file as {@code
 * org/springframework/boot/...}; a string names the class with dots and is not matched.
 */
class OneJarForBothLinesTest {
  static final List<String> ALLOWED =
      List.of(
          "org/springframework/boot/autoconfigure/AutoConfiguration",
          "org/springframework/boot/autoconfigure/condition/",
          "org/springframework/boot/context/properties/",
          "org/springframework/boot/diagnostics/");

  /**
   * Line-specific packages, each allowed in one class only, which the auto-configuration creates
   * under {@code @ConditionalOnClass(name = ...)} naming a class of that package, so that the class
   * is never loaded on the other line: Boot 4's health module.
   */
  static final Map<String, String> ONE_LINE_ONLY =
      Map.of(
          "fi/suoja/spring/boot/internal/Boot4HealthIndicator.class",
          "org/springframework/boot/health/contributor/");

  static final Pattern BOOT_CLASS = Pattern.compile("org/springframework/boot/[A-Za-z0-9_/$]+");

  @Test
  void mainClasses_referOnlyToBootPackagesOfBothLines() throws IOException, URISyntaxException {
    Path classes =
        Path.of(
            SuojaAutoConfiguration.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    Set<String> referenced = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String lineOnly = ONE_LINE_ONLY.get(classes.relativize(f).toString().replace('\\', '/'));
        Matcher m =
            BOOT_CLASS.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        while (m.find()) {
          if (lineOnly == null || !m.group().startsWith(lineOnly)) {
            referenced.add(m.group());
          }
        }
      }
    }

    assertThat(referenced)
        .isNotEmpty()
        .allSatisfy(ref -> assertThat(ALLOWED).anyMatch(ref::startsWith));
  }
}
