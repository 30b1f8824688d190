package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.crypto.DecryptionException;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.model.Client;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.data.repository.Repository;

/** suoja.legacy_plaintext: off fails like tampering; read opens, flags, never forgives tamper. */
class LegacyPlaintextTest {
  static final Actor OWNER = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);
  static final Actor COLLEAGUE = Actor.tenantUser("e-2", "A", Role.EMPLOYEE);

  static List<Database> databases() {
    return Database.all();
  }

  static OpsFixture fixture(Database db, String legacy) {
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    String prefix =
        "l" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "_";
    return new OpsFixture(
        db,
        prefix,
        master,
        WrappedKeyStore.inMemory(),
        "create-drop",
        Map.of(SuojaJpaSettings.LEGACY_PLAINTEXT, legacy),
        Client.class);
  }

  static <T> T as(OpsFixture f, Actor actor, Function<Session, T> work) {
    return PrivacyContext.callAs(actor, Purpose.CARE, () -> f.sessions.fromTransaction(work));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void legacyOff_plaintextRow_failsLikeTampering_withoutTheValue(Database db) throws Exception {
    db.assumeAvailable();
    try (OpsFixture f = fixture(db, "off")) {
      UUID id = UUID.randomUUID();
      try (Connection c = db.connect()) {
        LegacyRows.insert(c, f.table("Client"), id, "Aino", "Virtanen", "131052-308T");
      }
      assertThatThrownBy(() -> as(f, OWNER, s -> s.find(Client.class, id)))
          .isInstanceOf(DecryptionException.class)
          .hasMessageNotContaining("Aino")
          .hasMessageNotContaining("131052-308T");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void legacyRead_plaintextRow_opens_andTheAuditEventFlagsOnlyThePlaintextFields(Database db)
      throws Exception {
    db.assumeAvailable();
    try (OpsFixture f = fixture(db, "read")) {
      UUID sealed =
          as(
              f,
              OWNER,
              s -> {
                Client c = new Client("e-1", "Eino", "Laine", "010190-999K");
                s.persist(c);
                return c.id;
              });
      UUID id = UUID.randomUUID();
      try (Connection c = db.connect()) {
        LegacyRows.insert(c, f.table("Client"), id, "Aino", null, "131052-308T");
        // half-migrated row: lastName sealed by Suoja, the rest plaintext
        String envelope = LegacyRows.raw(c, f.table("Client"), sealed).get(1);
        LegacyRows.set(c, f.table("Client"), id, "lastName", null);
        assertThat(envelope).isNotEqualTo("Laine");
      }
      f.sink.clear();

      Client legacy = as(f, OWNER, s -> s.find(Client.class, id));
      Client normal = as(f, OWNER, s -> s.find(Client.class, sealed));

      assertThat(legacy.firstName).isEqualTo("Aino");
      assertThat(legacy.hetu).isEqualTo("131052-308T");
      assertThat(normal.lastName).isEqualTo("Laine");
      List<AuditEvent> reads =
          f.sink.events().stream().filter(e -> e.action() == AuditAction.READ).toList();
      assertThat(reads).hasSize(2);
      assertThat(reads.get(0).fields())
          .containsExactly(
              "firstName" + SuojaJpaSettings.LEGACY_PLAINTEXT_MARKER,
              "lastName",
              "hetu" + SuojaJpaSettings.LEGACY_PLAINTEXT_MARKER);
      assertThat(reads.get(1).fields()).containsExactly("firstName", "lastName", "hetu");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void legacyRead_equalityQuery_findsSealedAndNotYetMigratedRows(Database db) throws Exception {
    db.assumeAvailable();
    try (OpsFixture f = fixture(db, "read")) {
      UUID sealed =
          as(
              f,
              OWNER,
              s -> {
                Client c = new Client("e-1", "Eino", "Laine", "131052-308T");
                s.persist(c);
                return c.id;
              });
      UUID legacy = UUID.randomUUID();
      try (Connection c = db.connect()) {
        LegacyRows.insert(c, f.table("Client"), legacy, "Aino", "Virtanen", "131052-308T");
        LegacyRows.insert(c, f.table("Client"), UUID.randomUUID(), "Eero", "Mäki", "010190-999K");
      }

      // what the application ran before it adopted Suoja keeps finding the unmigrated row
      List<UUID> found =
          as(
              f,
              OWNER,
              s ->
                  s
                      .createSelectionQuery("from Client c where c.hetu = :h", Client.class)
                      .setParameter("h", "131052-308T")
                      .getResultList()
                      .stream()
                      .map(c -> c.id)
                      .toList());

      assertThat(found).containsExactlyInAnyOrder(sealed, legacy);
    }
  }

  /** A Spring Data repository as an adopting host declares it. */
  interface Clients extends Repository<Client, UUID> {
    List<Client> findByHetu(String hetu);

    long countByHetu(String hetu);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void lookupBeforeTheTenantsFirstKey_findsThePlaintextRows_andCreatesNoKey(Database db)
      throws Exception {
    db.assumeAvailable();
    for (String mode : List.of("read", "off")) {
      try (OpsFixture f = fixture(db, mode)) {
        UUID legacy = UUID.randomUUID();
        try (Connection c = db.connect()) {
          LegacyRows.insert(c, f.table("Client"), legacy, "Aino", "Virtanen", "131052-308T");
          LegacyRows.insert(c, f.table("Client"), UUID.randomUUID(), "Eero", "Mäki", "010190-999K");
        }

        // issue 22, item 2: no data key exists for tenant A yet (nothing was sealed)
        List<UUID> found =
            as(
                f,
                OWNER,
                s ->
                    s
                        .createSelectionQuery("from Client c where c.hetu = :h", Client.class)
                        .setParameter("h", "131052-308T")
                        .getResultList()
                        .stream()
                        .map(c -> c.id)
                        .toList());
        List<UUID> viaRepository =
            as(
                f,
                OWNER,
                s ->
                    new JpaRepositoryFactory(s)
                        .getRepository(Clients.class).findByHetu("131052-308T").stream()
                            .map(c -> c.id)
                            .toList());
        long counted =
            as(
                f,
                OWNER,
                s ->
                    new JpaRepositoryFactory(s)
                        .getRepository(Clients.class)
                        .countByHetu("131052-308T"));
        List<Client> viaFindBy =
            as(f, OWNER, s -> PrivacyQueries.findBy(s, Client.class, "hetu", "131052-308T"));

        if (mode.equals("read")) {
          assertThat(found).as(mode).containsExactly(legacy);
          assertThat(viaRepository).as(mode).containsExactly(legacy);
          assertThat(counted).as(mode).isEqualTo(1);
        } else {
          assertThat(found).as(mode).isEmpty();
          assertThat(viaRepository).as(mode).isEmpty();
          assertThat(counted).as(mode).isZero();
        }
        assertThat(viaFindBy).as(mode).isEmpty(); // it searches the index only
        // a read creates no key: the first write does (createTenantKeysOnFirstUse)
        assertThat(f.suoja.keyring().versions("A")).as(mode).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void legacyRead_tamperedEnvelope_stillFails(Database db) throws Exception {
    db.assumeAvailable();
    try (OpsFixture f = fixture(db, "read")) {
      UUID id =
          as(
              f,
              OWNER,
              s -> {
                Client c = new Client("e-1", "Eino", "Laine", "010190-999K");
                s.persist(c);
                return c.id;
              });
      try (Connection c = db.connect()) {
        String hetu = LegacyRows.raw(c, f.table("Client"), id).get(2);
        int i = hetu.length() - 5;
        char flipped = hetu.charAt(i) == 'A' ? 'B' : 'A';
        LegacyRows.set(
            c,
            f.table("Client"),
            id,
            "hetu",
            hetu.substring(0, i) + flipped + hetu.substring(i + 1));
      }
      assertThatThrownBy(() -> as(f, OWNER, s -> s.find(Client.class, id)))
          .isInstanceOf(DecryptionException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void legacyRead_deniedActor_getsNoPlaintext(Database db) throws Exception {
    db.assumeAvailable();
    try (OpsFixture f = fixture(db, "read")) {
      UUID id = UUID.randomUUID();
      try (Connection c = db.connect()) {
        LegacyRows.insert(c, f.table("Client"), id, "Aino", "Virtanen", "131052-308T");
      }
      assertThatThrownBy(() -> as(f, COLLEAGUE, s -> s.find(Client.class, id)))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageNotContaining("Aino");
    }
  }

  @Test
  void setting_unknownValue_failsTheBoot() {
    assertThatThrownBy(() -> fixture(Database.all().get(0), "yes").close())
        .isInstanceOfSatisfying(
            SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5220"));
  }
}
