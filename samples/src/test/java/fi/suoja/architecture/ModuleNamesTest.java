package fi.suoja.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every published module has a module name: privacy-audit and privacy-core a module descriptor that
 * exports every package except the {@code internal} ones (privacy-audit's chain writer only to
 * privacy-audit-kafka), privacy-audit-kafka, privacy-jpa (both Hibernate lines),
 * privacy-spring-boot and privacy-cli an {@code Automatic-Module-Name} (Hibernate ORM and Spring
 * are automatic modules or none, and an automatic module exports everything: there {@link
 * ArchitectureTest} keeps hosts out of the {@code internal} packages).
 */
class ModuleNamesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void descriptors_exportEveryPackageButInternal() throws IOException {
    assertExports("privacy-audit", "fi.suoja.audit");
    assertExports("privacy-core", "fi.suoja.core");
  }

  private static void assertExports(String module, String name) throws IOException {
    Path classes = ROOT.resolve(module).resolve("target/classes");
    ModuleDescriptor descriptor = ModuleFinder.of(classes).find(name).orElseThrow().descriptor();
    assertThat(descriptor.isAutomatic()).isFalse();
    Set<String> exported =
        descriptor.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> packages = new TreeSet<>();
    Path sources = ROOT.resolve(module).resolve("src/main/java");
    try (Stream<Path> files = Files.walk(sources)) {
      files
          .filter(f -> f.toString().endsWith(".java") && !f.endsWith("module-info.java"))
          .forEach(
              f ->
                  packages.add(
                      sources
                          .relativize(f.getParent())
                          .toString()
                          .replace(java.io.File.separatorChar, '.')));
    }
    Set<String> expected =
        packages.stream()
            .filter(p -> !p.endsWith(".internal") && !p.contains(".internal."))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(exported).as(name).isEqualTo(expected);
    // internals are exported to nobody, except the audit chain writer to the Kafka sink's module
    // (another backend of it, published separately so that the core has no Kafka dependency)
    assertThat(descriptor.exports())
        .as(name)
        .noneMatch(
            e ->
                e.source().contains("internal")
                    && !(e.source().equals("fi.suoja.audit.internal")
                        && e.targets().equals(Set.of("fi.suoja.audit.kafka"))));
  }

  @Test
  void jpaJars_nameTheirAutomaticModule() throws IOException {
    String[][] modules = {
      {"privacy-audit-kafka", "fi.suoja.audit.kafka"},
      {"privacy-jpa", "fi.suoja.jpa"},
      {"privacy-jpa-hibernate66", "fi.suoja.jpa"},
      {"privacy-spring-boot", "fi.suoja.spring.boot"},
      {"privacy-cli", "fi.suoja.cli"}
    };
    for (String[] module : modules) {
      String pom = Files.readString(ROOT.resolve(module[0]).resolve("pom.xml"));
      assertThat(pom)
          .as(module[0])
          .contains("<Automatic-Module-Name>" + module[1] + "</Automatic-Module-Name>");
    }
  }
}
