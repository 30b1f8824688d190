package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.OTHER_TENANT;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.audit.AuditAction;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.internal.PrivacyContextTenantResolver;
import fi.suoja.jpa.model.SoloClient;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A deployment serving one organisation: protected entities without a {@code @TenantId} column,
 * {@code suoja.single_tenant} naming the tenant (issue 22, item 6). Same key hierarchy, the policy
 * still sees the tenant, and adding the column later keeps every envelope valid.
 */
class SingleTenantTest {
  static final String HETU = "131052-308T";
  static final Map<String, Object> SINGLE_A = Map.of(SuojaJpaSettings.SINGLE_TENANT, "A");

  static List<Database> databases() {
    return Database.all();
  }

  static String prefix() {
    return "s" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "_";
  }

  static byte[] master() {
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    return master;
  }

  static <T> T as(OpsFixture f, Actor actor, Function<Session, T> work) {
    return PrivacyContext.callAs(actor, Purpose.CARE, () -> f.sessions.fromTransaction(work));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void entitiesWithoutTenantId_sealOpenAndLookUpUnderTheFixedTenant(Database db) throws Exception {
    db.assumeAvailable();
    try (OpsFixture f =
        new OpsFixture(
            db,
            prefix(),
            master(),
            WrappedKeyStore.inMemory(),
            "create-drop",
            SINGLE_A,
            SoloClient.class)) {
      UUID id =
          as(
              f,
              OWNER,
              s -> {
                SoloClient c = new SoloClient("e-1", "Virtanen", HETU);
                s.persist(c);
                return c.id;
              });

      SoloClient found = as(f, OWNER, s -> s.find(SoloClient.class, id));
      List<UUID> looked =
          as(
              f,
              OWNER,
              s ->
                  s
                      .createSelectionQuery("from SoloClient c where c.hetu = :h", SoloClient.class)
                      .setParameter("h", HETU)
                      .getResultList()
                      .stream()
                      .map(c -> c.id)
                      .toList());
      List<UUID> viaFindBy =
          as(
              f,
              OWNER,
              s ->
                  PrivacyQueries.findBy(s, SoloClient.class, "hetu", HETU).stream()
                      .map(c -> c.id)
                      .toList());

      assertThat(List.of(found.lastName, found.hetu)).containsExactly("Virtanen", HETU);
      assertThat(looked).containsExactly(id);
      assertThat(viaFindBy).containsExactly(id);
      try (Connection c = db.connect();
          Statement st = c.createStatement();
          var rs = st.executeQuery("select lastName, hetu from " + f.table("SoloClient"))) {
        rs.next();
        assertThat(rs.getString(1) + rs.getString(2)).doesNotContain("Virtanen", HETU);
      }
      // the tenant's data key sealed it, and the audit trail names the tenant
      assertThat(f.suoja.keyring().versions("A")).hasSize(1);
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.READ)
          .allSatisfy(e -> assertThat(e.resource().tenantId()).isEqualTo("A"));

      // key rotation re-seals and re-indexes the rows under the fixed tenant's new version
      f.suoja.keyring().rotate("A");
      KeyRotation.Progress rotated = KeyRotation.builder(f.sessions).build().run(SoloClient.class);
      assertThat(rotated.resealedRows()).isEqualTo(1);
      assertThat(rotated.complete()).isTrue();
      List<UUID> afterRotation =
          as(
              f,
              OWNER,
              s ->
                  s
                      .createSelectionQuery("from SoloClient c where c.hetu = :h", SoloClient.class)
                      .setParameter("h", HETU)
                      .getResultList()
                      .stream()
                      .map(c -> c.id)
                      .toList());
      assertThat(afterRotation).containsExactly(id);

      // an actor of another organisation is denied by the policy, and finds nothing by value
      assertThatThrownBy(() -> as(f, OTHER_TENANT, s -> s.find(SoloClient.class, id)))
          .isInstanceOf(AccessDeniedException.class);
      List<SoloClient> theirs =
          as(
              f,
              OTHER_TENANT,
              s ->
                  s.createSelectionQuery("from SoloClient c where c.hetu = :h", SoloClient.class)
                      .setParameter("h", HETU)
                      .getResultList());
      assertThat(theirs).isEmpty();
      assertThatThrownBy(
              () ->
                  as(
                      f,
                      OTHER_TENANT,
                      s -> {
                        s.persist(new SoloClient("e-9", "Korhonen", "010190-999K"));
                        return null;
                      }))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  @Test
  void aSessionOpenedBeforeTheActor_servesEntitiesWithoutATenantFilter() {
    try (OpsFixture f =
        new OpsFixture(
            Database.all().get(0),
            prefix(),
            master(),
            WrappedKeyStore.inMemory(),
            "create-drop",
            SINGLE_A,
            SoloClient.class)) {
      UUID id =
          as(
              f,
              OWNER,
              s -> {
                SoloClient c = new SoloClient("e-1", "Virtanen", HETU);
                s.persist(c);
                return c.id;
              });
      try (Session early = f.sessions.openSession()) { // no PrivacyContext yet: no tenant
        String hetu =
            PrivacyContext.callAs(OWNER, Purpose.CARE, () -> early.find(SoloClient.class, id).hetu);
        assertThat(hetu).isEqualTo(HETU); // no tenant filter applies, so no SUOJA-5030
      }
    }
  }

  @Test
  void withoutTheMode_anEntityWithoutTenantId_stillFailsTheBoot() {
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
                    SoloClient.class))
        .isInstanceOfSatisfying(
            SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5001"))
        .hasMessageContaining(SuojaJpaSettings.SINGLE_TENANT);
    for (String bad : List.of("", " A", PrivacyContextTenantResolver.NO_TENANT)) {
      assertThatThrownBy(
              () ->
                  new OpsFixture(
                      h2,
                      prefix(),
                      master(),
                      WrappedKeyStore.inMemory(),
                      "create-drop",
                      Map.of(SuojaJpaSettings.SINGLE_TENANT, bad),
                      SoloClient.class))
          .as("'%s'", bad)
          .isInstanceOfSatisfying(
              SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5032"));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void movingToMultiTenant_addTheColumnFilledWithTheFixedId_andEveryEnvelopeStaysValid(Database db)
      throws Exception {
    db.assumeAvailable();
    String prefix = prefix();
    byte[] master = master();
    WrappedKeyStore keys = WrappedKeyStore.inMemory();
    String table = prefix + "SoloClient";
    try {
      UUID id;
      try (OpsFixture single =
          new OpsFixture(db, prefix, master, keys, "create", SINGLE_A, SoloClient.class)) {
        id =
            as(
                single,
                OWNER,
                s -> {
                  SoloClient c = new SoloClient("e-1", "Virtanen", HETU);
                  s.persist(c);
                  return c.id;
                });
      }
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute("alter table " + table + " add organisation varchar(255)");
        st.execute("update " + table + " set organisation = 'A'");
      }
      try (OpsFixture multi =
          new OpsFixture(
              db,
              prefix,
              master,
              keys,
              "none",
              Map.of(),
              fi.suoja.jpa.model.tenanted.SoloClient.class)) {
        fi.suoja.jpa.model.tenanted.SoloClient found =
            as(multi, OWNER, s -> s.find(fi.suoja.jpa.model.tenanted.SoloClient.class, id));
        List<UUID> looked =
            as(
                multi,
                OWNER,
                s ->
                    s
                        .createSelectionQuery(
                            "from SoloClient c where c.hetu = :h",
                            fi.suoja.jpa.model.tenanted.SoloClient.class)
                        .setParameter("h", HETU)
                        .getResultList()
                        .stream()
                        .map(c -> c.id)
                        .toList());

        assertThat(List.of(found.lastName, found.hetu, found.organisation))
            .containsExactly("Virtanen", HETU, "A");
        assertThat(looked).containsExactly(id);
      }
    } finally {
      OpsFixture.drop(db, table);
    }
  }
}
