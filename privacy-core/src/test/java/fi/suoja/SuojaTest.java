package fi.suoja;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.Auditor;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.masking.Anonymiser;
import fi.suoja.masking.MaskerSelector;
import fi.suoja.masking.SensitiveValues;
import fi.suoja.policy.Action;
import fi.suoja.policy.Actor;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.RecordRef;
import fi.suoja.policy.Role;
import fi.suoja.policy.TenantPrivacySettings;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SuojaTest {
  static final String LINE = "soitto asiakkaalle 131052-308T, maija.virtanen@example.fi";
  final byte[] master = random(32);
  final byte[] pseudonym = random(32);
  final Map<String, TenantPrivacySettings> settings =
      Map.of(
          "A",
          new TenantPrivacySettings("A", true, false),
          "B",
          new TenantPrivacySettings("B", true, false),
          "C",
          new TenantPrivacySettings("C", false, false));

  Suoja.Builder builder() {
    return Suoja.builder()
        .keyProvider(KeyProvider.inMemory(Map.of(1, master)))
        .wrappedKeyStore(WrappedKeyStore.inMemory())
        .policy(CareAccessPolicy.builder().build())
        .auditor(Auditor.builder(new InMemoryAuditSink()).application("t").node("n").build());
  }

  @Test
  void build_withoutPolicyOrAuditor_namesTheMissingOption() {
    assertThatThrownBy(() -> Suoja.builder().build()).hasMessageStartingWith("SUOJA-1502");
    assertThatThrownBy(() -> Suoja.builder().policy(CareAccessPolicy.builder().build()).build())
        .hasMessageStartingWith("SUOJA-1503");
  }

  @Test
  void maskerFor_pseudonymisesConsentingTenants_perTenantKeys_andAnonymisesTheRest() {
    Suoja suoja =
        builder()
            .logMasking(
                t -> Optional.ofNullable(settings.get(t)),
                new SecretKeySpec(pseudonym, "HmacSHA256"))
            .build();

    String a = suoja.maskerFor("A").mask(LINE);
    String b = suoja.maskerFor("B").mask(LINE);
    assertThat(a).doesNotContain("131052-308T", "maija").contains("<hetu:");
    assertThat(a).isEqualTo(suoja.maskerFor("A").mask(LINE)); // stable: support can correlate
    assertThat(a).isNotEqualTo(b); // tenants cannot link their pseudonyms
    assertThat(suoja.maskerFor("C")).isSameAs(Anonymiser.instance());
    assertThat(suoja.maskerFor("unknown")).isSameAs(Anonymiser.instance());
    assertThat(suoja.maskerFor("A").toString()).doesNotContain(hex(pseudonym));
  }

  @Test
  void correlationId_isRecordedInTheGuardsEvents() {
    InMemoryAuditSink sink = new InMemoryAuditSink();
    Suoja suoja =
        builder()
            .auditor(Auditor.builder(sink).application("t").node("n").build())
            .correlationId(() -> "4bf92f3577b34da6a3ce929d0e0e4736")
            .build();

    PrivacyContext.runAs(
        Actor.tenantUser("e-1", "A", Role.EMPLOYEE),
        Purpose.CARE,
        () -> suoja.guard().decide(Action.READ, RecordRef.client("Client", "c-1", "A", "e-1")));

    assertThat(sink.events())
        .singleElement()
        .satisfies(
            e -> assertThat(e.correlationId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
  }

  @Test
  void maskerFor_withoutLogMaskingConfigured_anonymisesEveryone() {
    assertThat(builder().build().maskerFor("A")).isSameAs(Anonymiser.instance());
  }

  @Test
  void remember_inAPrivacyContext_masksTheTenantsWay() {
    Suoja suoja =
        builder()
            .logMasking(
                t -> Optional.ofNullable(settings.get(t)),
                new SecretKeySpec(pseudonym, "HmacSHA256"))
            .build();
    String masked =
        PrivacyContext.callAs(
            Actor.tenantUser("e-1", "A", Role.EMPLOYEE),
            Purpose.CARE,
            () -> {
              suoja.remember("Virtanen");
              assertThat(SensitiveValues.current().orElseThrow().masker())
                  .containsSame(suoja.maskerFor("A"));
              return MaskerSelector.scoped().select().mask("asiakas Virtanen " + LINE);
            });
    assertThat(masked).doesNotContain("Virtanen", "131052-308T").contains("<hetu:");
  }

  @Test
  void remember_providerActorOnNoTenant_anonymises() {
    Suoja suoja =
        builder()
            .logMasking(
                t -> Optional.ofNullable(settings.get(t)),
                new SecretKeySpec(pseudonym, "HmacSHA256"))
            .build();
    Actor support = Actor.providerUser("p-1", Role.PROVIDER_SUPPORT);
    PrivacyContext.runAs(
        support,
        Purpose.ADMINISTRATION,
        () -> {
          suoja.remember("Virtanen");
          assertThat(SensitiveValues.current().orElseThrow().masker())
              .containsSame(Anonymiser.instance());
        });
    PrivacyContext.runOn(
        "A",
        support,
        Purpose.ADMINISTRATION,
        () -> {
          suoja.remember("Virtanen");
          assertThat(SensitiveValues.current().orElseThrow().masker())
              .containsSame(suoja.maskerFor("A"));
        });
  }

  @Test
  void logMasking_shortKey_isRefused() {
    assertThatThrownBy(
            () ->
                builder()
                    .logMasking(
                        t -> Optional.empty(), new SecretKeySpec(new byte[8], "HmacSHA256")))
        .hasMessageStartingWith("SUOJA-1506");
  }

  static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }
}
