package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.COLLEAGUE;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.persistClient;
import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.jpa.model.Client;
import fi.suoja.masking.MaskerSelector;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/** Values the integration opens in a unit of work are masked in that unit's log lines. */
class OpenedValuesMaskingTest {

  static String logLine(String lastName, String firstName) {
    return "letter sent to " + lastName + ", " + firstName + " (municipality Espoo)";
  }

  @Test
  void load_insidePrivacyContext_registersOpenedValuesWithTheScopedMasker() {
    try (JpaFixture f = new JpaFixture(Database.all().get(0))) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");

      String[] lines = new String[2];
      PrivacyContext.runAs(
          OWNER,
          Purpose.CARE,
          () -> {
            lines[0] = MaskerSelector.scoped().select().mask(logLine("Virtanen", "Aino"));
            try (Session s = f.sessions.openSession()) {
              Client c = s.find(Client.class, id);
              lines[1] = MaskerSelector.scoped().select().mask(logLine(c.lastName, c.firstName));
            }
          });

      assertThat(lines[0]).as("not opened yet: a plain name is no pattern").contains("Virtanen");
      assertThat(lines[1]).doesNotContain("Virtanen", "Aino").contains("Espoo");
    }
  }

  @Test
  void valuesTheHostWrites_areMaskedInTheUnitOfWork_asOpenedOnesAre() {
    try (JpaFixture f = new JpaFixture(Database.all().get(0))) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");

      String[] lines = new String[2];
      PrivacyContext.runAs(
          OWNER,
          Purpose.CARE,
          () -> {
            try (Session s = f.sessions.openSession()) {
              s.beginTransaction();
              Client c = s.find(Client.class, id);
              c.lastName = "Korhonen";
              Client added = new Client("e-1", "Lempi", "Salminen", "010101-123N");
              s.persist(added);
              s.getTransaction().commit();
              lines[0] = MaskerSelector.scoped().select().mask(logLine(c.lastName, c.firstName));
              lines[1] =
                  MaskerSelector.scoped().select().mask(logLine(added.lastName, added.firstName));
            }
          });

      assertThat(lines[0]).doesNotContain("Korhonen", "Aino").contains("Espoo");
      assertThat(lines[1]).doesNotContain("Salminen", "Lempi").contains("Espoo");
    }
  }

  @Test
  void maskedLoad_registersNothing_itOpenedNothing() {
    try (JpaFixture f =
        new JpaFixture(
            Database.all().get(0),
            Map.of(SuojaJpaSettings.ON_DENIED, "mask"),
            fi.suoja.jpa.model.Client.class,
            fi.suoja.jpa.model.Employee.class)) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");

      String line =
          PrivacyContext.callAs(
              COLLEAGUE,
              Purpose.CARE,
              () -> {
                try (Session s = f.sessions.openSession()) {
                  Client c = s.find(Client.class, id);
                  assertThat(c.lastName).isEqualTo(SuojaJpaSettings.MASK);
                  return MaskerSelector.scoped().select().mask(logLine("Virtanen", "Aino"));
                }
              });

      assertThat(line).contains("Virtanen");
    }
  }
}
