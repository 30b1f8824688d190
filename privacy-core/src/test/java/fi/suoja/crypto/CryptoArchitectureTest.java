package fi.suoja.crypto;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import fi.suoja.crypto.internal.AesGcm;
import fi.suoja.crypto.internal.DataKeyWrap;
import fi.suoja.crypto.internal.HmacSha256;
import fi.suoja.crypto.spi.MasterKey;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import org.junit.jupiter.api.Test;

/**
 * Architecture rules of the crypto code: {@code Cipher.getInstance} is called in exactly one class
 * of the whole module ({@link AesGcm}, which pins AES/GCM/NoPadding, 96-bit nonces and 128-bit
 * tags), so no ECB or unauthenticated mode can slip in elsewhere; {@code Mac.getInstance} only in
 * {@link HmacSha256} (privacy-audit and masking, which stand apart, have their own); master key
 * material is only touched by the wrapping code; and nothing uses the non-cryptographic {@code
 * java.util.Random}.
 */
class CryptoArchitectureTest {
  private static final JavaClasses MODULE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("fi.suoja");

  @Test
  void cipherGetInstance_calledOnlyInAesGcm() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(AesGcm.class.getName())
        .should()
        .callMethodWhere(target(name("getInstance")).and(target(owner(assignableTo(Cipher.class)))))
        .check(MODULE);
  }

  @Test
  void macGetInstance_calledOnlyInHmacSha256() {
    // all of privacy-core (until 2026-12 only fi.suoja.crypto: Suoja's log-pseudonym key slipped
    // by). Exempt: privacy-audit stands alone (its ChainKey), and masking must not depend on
    // crypto (MaskingArchitectureTest), so Pseudonymiser keeps its own HMAC
    noClasses()
        .that()
        .resideOutsideOfPackages("fi.suoja.audit..", "fi.suoja.masking..")
        .and()
        .doNotHaveFullyQualifiedName(HmacSha256.class.getName())
        .should()
        .callMethodWhere(target(name("getInstance")).and(target(owner(assignableTo(Mac.class)))))
        .check(MODULE);
  }

  @Test
  void masterKeyMaterial_readOnlyByDataKeyWrap() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(DataKeyWrap.class.getName())
        .should()
        .callMethod(MasterKey.class, "jcaKey", InsecureSecretKeyAccess.class)
        .check(MODULE);
  }

  @Test
  void crypto_neverUsesJavaUtilRandom() {
    noClasses()
        .that()
        .resideInAPackage("fi.suoja.crypto..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName(java.util.Random.class.getName())
        .check(MODULE);
  }
}
