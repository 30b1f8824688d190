package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.persistClient;
import static fi.suoja.jpa.OpenedValuesMaskingTest.logLine;
import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Employee;
import fi.suoja.masking.Anonymiser;
import fi.suoja.masking.MaskerSelector;
import fi.suoja.masking.Pseudonymiser;
import fi.suoja.masking.SensitiveValues;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.TenantPrivacySettings;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.spec.SecretKeySpec;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 4: an actor from the runtime's {@code ActorResolver} alone (no {@code runAs}) can
 * load and write, and what its session opens is masked in log lines the tenant's way; and a {@code
 * PrivacyContext} (the README's way) masks the tenant's way too.
 */
class ActorResolverTest {
  /** What a host's security framework would hold for the current request. */
  static final AtomicReference<Actor> SIGNED_IN = new AtomicReference<>();

  @AfterEach
  void threadIsClean() {
    SIGNED_IN.set(null);
    assertThat(SensitiveValues.current()).as("no masking scope left on the thread").isEmpty();
    assertThat(PrivacyContext.current()).isEmpty();
  }

  /** Tenant A allows client data in logs as pseudonyms; the actor comes from SIGNED_IN. */
  static JpaFixture fixture() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new JpaFixture(
        Database.all().get(0),
        b ->
            b.actorResolver(() -> Optional.ofNullable(SIGNED_IN.get()))
                .logMasking(
                    t -> Optional.of(new TenantPrivacySettings(t, true, true)),
                    new SecretKeySpec(key, "HmacSHA256")),
        // the tenant resolver Suoja installs, which asks the ActorResolver too
        Map.of("hibernate.tenant_identifier_resolver", JpaFixture.UNSET),
        new Class<?>[] {Client.class, Employee.class},
        Client.class,
        Employee.class);
  }

  @Test
  void resolverActorAlone_loads_andOpenedValuesAreMaskedTheTenantsWay_untilTheSessionEnds() {
    try (JpaFixture f = fixture()) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      SIGNED_IN.set(OWNER);

      String line;
      try (Session s = f.sessions.openSession()) {
        Client c = s.find(Client.class, id); // was SUOJA-2002 on every load
        assertThat(c.lastName).isEqualTo("Virtanen");
        assertThat(SensitiveValues.current().orElseThrow().masker())
            .containsSame(f.suoja.maskerFor("A"));
        line = MaskerSelector.scoped().select().mask(logLine(c.lastName, c.firstName));
      }

      assertThat(f.suoja.maskerFor("A")).isInstanceOf(Pseudonymiser.class);
      assertThat(line)
          .doesNotContain("Virtanen", "Aino")
          .contains("Espoo")
          .isNotEqualTo(anonymised("Virtanen", "Aino"));
      assertThat(SensitiveValues.current()).as("the session's end closed its scope").isEmpty();
    }
  }

  @Test
  void resolverActorAlone_writes_andWrittenValuesAreMasked() {
    try (JpaFixture f = fixture()) {
      SIGNED_IN.set(OWNER);
      try (Session s = f.sessions.openSession()) {
        s.beginTransaction();
        Client added = new Client("e-1", "Lempi", "Salminen", "010101-123N");
        s.persist(added);
        s.getTransaction().commit();
        assertThat(MaskerSelector.scoped().select().mask(logLine("Salminen", "Lempi")))
            .doesNotContain("Salminen", "Lempi");
      }
    }
  }

  @Test
  void privacyContext_theReadmesWay_masksTheTenantsWay() {
    try (JpaFixture f = fixture()) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");

      String line =
          PrivacyContext.callAs(
              OWNER,
              Purpose.CARE,
              () -> {
                try (Session s = f.sessions.openSession()) {
                  Client c = s.find(Client.class, id);
                  assertThat(MaskerSelector.scoped().select()).isSameAs(f.suoja.maskerFor("A"));
                  return logLine(c.lastName, c.firstName);
                }
              }); // the session ended before the log line: the context's scope still masks it
      String masked =
          PrivacyContext.callAs(
              OWNER,
              Purpose.CARE,
              () -> {
                try (Session s = f.sessions.openSession()) {
                  s.find(Client.class, id);
                }
                return MaskerSelector.scoped().select().mask(line);
              });

      assertThat(masked)
          .doesNotContain("Virtanen", "Aino")
          .contains("Espoo")
          .isNotEqualTo(anonymised("Virtanen", "Aino"));
    }
  }

  @Test
  void resolverSession_closedInsideALaterContext_leavesNoScopeBehind() {
    try (JpaFixture f = fixture()) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      SIGNED_IN.set(OWNER);
      Session s = f.sessions.openSession();
      s.find(Client.class, id); // opens the session's scope
      PrivacyContext.runAs(OWNER, Purpose.CARE, s::close); // out of order: released, no failure
    }
  }

  private static String anonymised(String last, String first) {
    try (SensitiveValues.Scope scope = SensitiveValues.open(Anonymiser.instance())) {
      scope.register(last);
      scope.register(first);
      return MaskerSelector.scoped().select().mask(logLine(last, first));
    }
  }
}
