package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.ADMIN;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.persistClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaException;
import fi.suoja.jpa.model.Client;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.util.List;
import java.util.UUID;
import org.hibernate.StatelessSession;
import org.junit.jupiter.api.Test;

/** Stateless sessions bypass the load events: writes and deletes are refused, reads stay sealed. */
class StatelessSessionTest {

  @Test
  void statelessInsert_isRefused() {
    try (JpaFixture f = new JpaFixture(Database.all().get(0))) {
      assertThatThrownBy(
              () ->
                  PrivacyContext.runAs(
                      OWNER,
                      Purpose.CARE,
                      () -> {
                        try (StatelessSession s = f.sessions.openStatelessSession()) {
                          s.getTransaction().begin();
                          s.insert(new Client("e-1", "Aino", "Virtanen", "131052-308T"));
                          s.getTransaction().commit();
                        }
                      }))
          .isInstanceOfSatisfying(
              SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5011"))
          .hasMessageNotContaining("Virtanen");
    }
  }

  @Test
  void statelessDelete_isRefused_andTheRowStays() throws Exception {
    try (JpaFixture f = new JpaFixture(Database.all().get(0))) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      List<String> before = EncryptedEntityTest.rawRow(f, "Client", id);

      // before: a NullPointerException from the missing deleted state
      assertThatThrownBy(
              () ->
                  PrivacyContext.runAs(
                      ADMIN,
                      Purpose.CARE,
                      () -> {
                        try (StatelessSession s = f.sessions.openStatelessSession()) {
                          s.getTransaction().begin();
                          s.delete(s.get(Client.class, id));
                          s.getTransaction().commit();
                        }
                      }))
          .isInstanceOfSatisfying(
              SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5011"));

      assertThat(EncryptedEntityTest.rawRow(f, "Client", id)).isEqualTo(before);
    }
  }

  @Test
  void statelessGet_returnsCiphertextOnly_failClosed() {
    try (JpaFixture f = new JpaFixture(Database.all().get(0))) {
      UUID id = persistClient(f, "Aino", "Virtanen", "131052-308T");
      Client c =
          PrivacyContext.callAs(
              OWNER,
              Purpose.CARE,
              () -> {
                try (StatelessSession s = f.sessions.openStatelessSession()) {
                  return s.get(Client.class, id);
                }
              });
      assertThat(c.lastName).isNotNull().isNotEqualTo("Virtanen").doesNotContain("Virtanen");
      assertThat(c.hetu).doesNotContain("131052");
    }
  }
}
