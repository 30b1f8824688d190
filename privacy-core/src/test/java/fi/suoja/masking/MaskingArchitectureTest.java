package fi.suoja.masking;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The optional integrations stay optional: Logback, Log4j 2, Jackson 2 and 3 and SLF4J are
 * referenced only from their own subpackage; the annotations need nothing but java.base; masking
 * does not depend on the policy or crypto packages. And at run time: the core masking classes work
 * in a class loader that has neither Logback nor Jackson.
 */
class MaskingArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("fi.suoja.masking", "fi.suoja.annotation");

  @Test
  void logback_onlyReferencedFromItsSubpackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("fi.suoja.masking.logback")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("ch.qos.logback..")
        .check(CLASSES);
  }

  @Test
  void jackson_onlyReferencedFromItsSubpackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("fi.suoja.masking.jackson")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.fasterxml.jackson..")
        .check(CLASSES);
  }

  @Test
  void jackson3_onlyReferencedFromItsSubpackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("fi.suoja.masking.jackson3")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("tools.jackson..")
        .check(CLASSES);
  }

  @Test
  void log4j2_onlyReferencedFromItsSubpackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("fi.suoja.masking.log4j2")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.logging..")
        .check(CLASSES);
  }

  @Test
  void slf4j_onlyReferencedFromItsSubpackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("fi.suoja.masking.slf4j")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.slf4j..")
        .check(CLASSES);
  }

  @Test
  void core_neverDependsOnItsIntegrations() {
    noClasses()
        .that()
        .resideInAnyPackage("fi.suoja.masking", "fi.suoja.masking.internal", "fi.suoja.annotation")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "fi.suoja.masking.slf4j",
            "fi.suoja.masking.logback",
            "fi.suoja.masking.log4j2",
            "fi.suoja.masking.jackson",
            "fi.suoja.masking.jackson3")
        .check(CLASSES);
  }

  @Test
  void annotations_dependOnJavaBaseOnly() {
    classes()
        .that()
        .resideInAPackage("fi.suoja.annotation")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "fi.suoja.annotation")
        .check(CLASSES);
  }

  @Test
  void masking_doesNotDependOnPolicyOrCrypto() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("fi.suoja.policy..", "fi.suoja.crypto..")
        .check(CLASSES);
  }

  @Test
  void coreMasking_withoutLogbackAndJackson_works() throws Exception {
    URL classes = Masker.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
      Class<?> anonymiser = loader.loadClass("fi.suoja.masking.Anonymiser");
      Object instance = anonymiser.getMethod("instance").invoke(null);
      Method mask = anonymiser.getMethod("mask", String.class);
      assertThat(mask.invoke(instance, "client 131052-308T")).isEqualTo("client <hetu>");
      Class<?> toString = loader.loadClass("fi.suoja.masking.PersonalDataToString");
      assertThat(toString.getMethod("of", Object.class).invoke(null, "x")).isNotNull();
      // the integrations really are absent from this loader
      assertThatThrownBy(
              () ->
                  loader
                      .loadClass("fi.suoja.masking.jackson.PersonalDataModule")
                      .getConstructor()
                      .newInstance())
          .isInstanceOf(NoClassDefFoundError.class);
    }
  }
}
