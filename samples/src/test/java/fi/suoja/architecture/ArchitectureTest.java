package fi.suoja.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries (core never imports Hibernate, nobody imports another module's {@code
 * internal}, samples use public API only), checked on the class path (where Spring Boot hosts run
 * the library and module exports protect nothing). The samples module sees every module, so the
 * rules live here.
 */
class ArchitectureTest {
  static final JavaClasses SUOJA =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("fi.suoja");

  @Test
  void importer_seesEveryModule() {
    // the rules below are only as good as what they look at
    org.assertj.core.api.Assertions.assertThat(SUOJA.contain("fi.suoja.audit.Auditor")).isTrue();
    org.assertj.core.api.Assertions.assertThat(SUOJA.contain("fi.suoja.Suoja")).isTrue();
    org.assertj.core.api.Assertions.assertThat(
            SUOJA.contain("fi.suoja.jpa.internal.SuojaIntegrator"))
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(
            SUOJA.contain("fi.suoja.samples.echat.EChatWalkthrough"))
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(SUOJA.contain("fi.suoja.cli.SuojaCommand")).isTrue();
  }

  @Test
  void audit_standsAlone() {
    noClasses()
        .that()
        .resideInAPackage("fi.suoja.audit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "fi.suoja.crypto..",
            "fi.suoja.policy..",
            "fi.suoja.masking..",
            "fi.suoja.jpa..",
            "org.hibernate..",
            "jakarta.persistence..",
            "org.bouncycastle..")
        .check(SUOJA);
  }

  @Test
  void auditCore_neverImportsKafka() {
    noClasses()
        .that()
        .resideInAPackage("fi.suoja..")
        .and()
        .resideOutsideOfPackage("fi.suoja.audit.kafka..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..")
        .check(SUOJA);
  }

  @Test
  void core_neverImportsHibernateOrJpa() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "fi.suoja",
            "fi.suoja.annotation..",
            "fi.suoja.crypto..",
            "fi.suoja.policy..",
            "fi.suoja.masking..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.hibernate..", "jakarta.persistence..")
        .check(SUOJA);
  }

  @Test
  void annotations_dependOnJavaBaseOnly() {
    noClasses()
        .that()
        .resideInAPackage("fi.suoja.annotation..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("fi.suoja.annotation..", "java..")
        .check(SUOJA);
  }

  @Test
  void nobody_importsAnotherModulesInternals() {
    noClasses()
        .that()
        .resideOutsideOfPackage("fi.suoja.audit..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("fi.suoja.audit.internal..")
        .check(SUOJA);
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "fi.suoja",
            "fi.suoja.crypto..",
            "fi.suoja.policy..",
            "fi.suoja.masking..",
            "fi.suoja.annotation..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("fi.suoja.crypto.internal..", "fi.suoja.masking.internal..")
        .check(SUOJA);
    noClasses()
        .that()
        .resideOutsideOfPackage("fi.suoja.jpa..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("fi.suoja.jpa.internal..")
        .check(SUOJA);
  }

  @Test
  void samples_usePublicApiOnly() {
    noClasses()
        .that()
        .resideInAPackage("fi.suoja.samples..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .check(SUOJA);
  }
}
