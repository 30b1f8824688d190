package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.model.BudgetedClient;
import fi.suoja.jpa.model.NarrowClient;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Boot-time width validation and the write-time budget, on every configured database. */
class ColumnWidthValidationTest {
  static final Actor OWNER = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);

  static List<Database> databases() {
    return Database.all();
  }

  static byte[] master() {
    byte[] m = new byte[32];
    new SecureRandom().nextBytes(m);
    return m;
  }

  static String prefix() {
    return "w" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "_";
  }

  @Test
  void boot_columnTooNarrowForBudget_failsNamingEntityAttributeLengthAndNeed() {
    Database h2 = Database.all().get(0);
    assertThatThrownBy(
            () ->
                new OpsFixture(
                        h2,
                        prefix(),
                        master(),
                        WrappedKeyStore.inMemory(),
                        "create-drop",
                        Map.of(),
                        NarrowClient.class)
                    .close())
        .isInstanceOfSatisfying(
            SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5210"))
        .hasMessageContaining("NarrowClient.hetu (column length 90, needs 91 for maxLength 11)")
        .hasMessageContaining(
            "NarrowClient.lastName (column length 100, needs 218 for maxLength 40 padded to"
                + " bucket 16)");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void worstCaseValuesAtTheBudget_fitTheDocumentedWidths(Database db) {
    db.assumeAvailable();
    String prefix = prefix();
    try (OpsFixture f =
        new OpsFixture(
            db,
            prefix,
            master(),
            WrappedKeyStore.inMemory(),
            "create-drop",
            Map.of(),
            BudgetedClient.class)) {
      String hetu = "€".repeat(11);
      String name = "😀".repeat(20); // 40 UTF-16 units, 80 UTF-8 bytes
      String name3 = "€".repeat(40);
      UUID id =
          as(
              f,
              s -> {
                BudgetedClient c = new BudgetedClient();
                c.hetu = hetu;
                c.lastName = name3;
                c.story = "ä".repeat(50_000);
                s.persist(c);
                return c.id;
              });
      UUID id2 =
          as(
              f,
              s -> {
                BudgetedClient c = new BudgetedClient();
                c.hetu = "131052-308T";
                c.lastName = name;
                s.persist(c);
                return c.id;
              });
      BudgetedClient back = as(f, s -> s.find(BudgetedClient.class, id));
      assertThat(back.hetu).isEqualTo(hetu);
      assertThat(back.lastName).isEqualTo(name3);
      assertThat(back.story).hasSize(50_000);
      assertThat(as(f, s -> s.find(BudgetedClient.class, id2)).lastName).isEqualTo(name);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void write_overBudget_isRefusedBeforeTheDatabase_withoutTheValue(Database db) {
    db.assumeAvailable();
    try (OpsFixture f =
        new OpsFixture(
            db,
            prefix(),
            master(),
            WrappedKeyStore.inMemory(),
            "create-drop",
            Map.of(),
            BudgetedClient.class)) {
      String tooLong = "131052-308TX";
      assertThatThrownBy(
              () ->
                  as(
                      f,
                      s -> {
                        BudgetedClient c = new BudgetedClient();
                        c.hetu = tooLong;
                        s.persist(c);
                        return c.id;
                      }))
          .isInstanceOfSatisfying(
              SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5212"))
          .hasMessageContaining("BudgetedClient.hetu")
          .hasMessageNotContaining(tooLong)
          .hasMessageNotContaining("131052");
      assertThat(count(f)).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void write_withoutBudget_envelopeLongerThanColumn_isRefused_onInsertAndUpdate(Database db) {
    db.assumeAvailable();
    try (OpsFixture f =
        new OpsFixture(
            db,
            prefix(),
            master(),
            WrappedKeyStore.inMemory(),
            "create-drop",
            Map.of(),
            BudgetedClient.class)) {
      // column 120: 120*3/4 = 90 bytes of envelope, 35 overhead -> 55 plaintext bytes at most
      String fits = "n".repeat(55);
      String tooLong = "Aino Virtanen, ".repeat(4); // 60 bytes
      UUID id =
          as(
              f,
              s -> {
                BudgetedClient c = new BudgetedClient();
                c.note = fits;
                s.persist(c);
                return c.id;
              });
      assertThat(as(f, s -> s.find(BudgetedClient.class, id)).note).isEqualTo(fits);

      assertThatThrownBy(
              () ->
                  as(
                      f,
                      s -> {
                        BudgetedClient c = new BudgetedClient();
                        c.note = tooLong;
                        s.persist(c);
                        return c.id;
                      }))
          .isInstanceOfSatisfying(
              SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5211"))
          .hasMessageContaining("BudgetedClient.note")
          .hasMessageContaining("length 120")
          .hasMessageNotContaining("Aino");
      assertThatThrownBy(
              () ->
                  as(
                      f,
                      s -> {
                        s.find(BudgetedClient.class, id).note = tooLong;
                        return id;
                      }))
          .isInstanceOfSatisfying(
              SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5211"));
      assertThat(count(f)).isEqualTo(1);
      assertThat(as(f, s -> s.find(BudgetedClient.class, id)).note).isEqualTo(fits);
    }
  }

  static long count(OpsFixture f) {
    return as(
        f,
        s ->
            s.createSelectionQuery("select count(*) from BudgetedClient", Long.class)
                .getSingleResult());
  }

  static <T> T asOps(OpsFixture f, java.util.function.Function<org.hibernate.Session, T> work) {
    return as(f, work);
  }

  static <T> T as(OpsFixture f, java.util.function.Function<org.hibernate.Session, T> work) {
    return PrivacyContext.callAs(OWNER, Purpose.CARE, () -> f.sessions.fromTransaction(work));
  }
}
