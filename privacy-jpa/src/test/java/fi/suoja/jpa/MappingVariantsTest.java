package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.ADMIN;
import static fi.suoja.jpa.EncryptedEntityTest.COLLEAGUE;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static fi.suoja.jpa.EncryptedEntityTest.rawColumn;
import static fi.suoja.jpa.EncryptedEntityTest.rawRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.jpa.model.AddressBookClient;
import fi.suoja.jpa.model.AddressedClient;
import fi.suoja.jpa.model.AutoTrim;
import fi.suoja.jpa.model.Caseload;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.ConvertedClient;
import fi.suoja.jpa.model.DirtyLockedClient;
import fi.suoja.jpa.model.DynamicClient;
import fi.suoja.jpa.model.SoftDeletedEmployee;
import fi.suoja.jpa.model.SplitClient;
import fi.suoja.jpa.model.TransformedClient;
import fi.suoja.jpa.model.TransientSecretClient;
import fi.suoja.jpa.model.VersionedClient;
import fi.suoja.policy.AccessDeniedException;
import jakarta.persistence.OptimisticLockException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mappings that change how Hibernate writes a row: {@code @Version}, {@code @DynamicUpdate},
 * {@code @SoftDelete}, value-based {@code @OptimisticLocking}, embeddables, converters, secondary
 * tables and attributes that are not persisted.
 */
class MappingVariantsTest {
  static List<Database> databases() {
    return Database.all();
  }

  // ---- @Version -------------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("databases")
  void version_countsRealChangesOnly_andAStaleMergeFails(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), VersionedClient.class)) {
      UUID id =
          as(
              f,
              OWNER,
              s -> {
                VersionedClient c = new VersionedClient("e-1", "Virtanen", "131052-308T");
                s.persist(c);
                return c.id;
              });
      VersionedClient stale = as(f, OWNER, s -> s.find(VersionedClient.class, id));
      f.sessions.getStatistics().clear();

      // opening the sealed values on load is not a change
      long afterLoad = as(f, OWNER, s -> s.find(VersionedClient.class, id).version);
      assertThat(afterLoad).isZero();
      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isZero();

      as(
          f,
          OWNER,
          s -> {
            s.find(VersionedClient.class, id).lastName = "Korhonen";
            return null;
          });
      stale.municipality = "Turku";
      assertThatThrownBy(() -> as(f, OWNER, s -> s.merge(stale)))
          .isInstanceOf(OptimisticLockException.class);

      VersionedClient now = as(f, OWNER, s -> s.find(VersionedClient.class, id));
      assertThat(now.version).isEqualTo(1);
      assertThat(List.of(now.lastName, now.hetu)).containsExactly("Korhonen", "131052-308T");
      assertThat(now.municipality).isNull();
    }
  }

  // ---- @DynamicUpdate -------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("databases")
  void dynamicUpdate_writesOnlyTheChangedColumns_andKeepsTheBlindIndexWithItsSource(Database db)
      throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), DynamicClient.class)) {
      UUID id =
          as(
              f,
              OWNER,
              s -> {
                DynamicClient c = new DynamicClient("e-1", "Virtanen", "131052-308T");
                s.persist(c);
                return c.id;
              });
      String lastName = rawColumn(f, "DynamicClient", id, "lastName");
      String hetu = rawColumn(f, "DynamicClient", id, "hetu");
      String index = rawColumn(f, "DynamicClient", id, "hetuIndex");

      // a plain attribute: the sealed columns are not written at all
      as(
          f,
          OWNER,
          s -> {
            s.find(DynamicClient.class, id).municipality = "Espoo";
            return null;
          });
      assertThat(rawColumn(f, "DynamicClient", id, "lastName")).isEqualTo(lastName);
      assertThat(rawColumn(f, "DynamicClient", id, "hetu")).isEqualTo(hetu);

      // the indexed attribute: its column and its blind index are written together
      f.sink.clear();
      as(
          f,
          OWNER,
          s -> {
            s.find(DynamicClient.class, id).hetu = "010594Y9032";
            return null;
          });
      assertThat(rawColumn(f, "DynamicClient", id, "hetu")).isNotEqualTo(hetu);
      assertThat(rawColumn(f, "DynamicClient", id, "hetuIndex")).isNotEqualTo(index);
      assertThat(rawColumn(f, "DynamicClient", id, "lastName")).isEqualTo(lastName);
      assertThat(f.sink.events())
          .filteredOn(e -> e.action() == AuditAction.UPDATE)
          .singleElement()
          .satisfies(e -> assertThat(e.fields()).containsExactly("hetu"));
      assertThat(findByHetu(f, "010594Y9032")).containsExactly(id);
      assertThat(findByHetu(f, "131052-308T")).isEmpty();

      DynamicClient now = as(f, OWNER, s -> s.find(DynamicClient.class, id));
      assertThat(List.of(now.lastName, now.hetu, now.municipality))
          .containsExactly("Virtanen", "010594Y9032", "Espoo");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void dynamicUpdate_loadAndCommitUnchanged_writesNothing(Database db) {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), DynamicClient.class)) {
      UUID id =
          as(
              f,
              OWNER,
              s -> {
                DynamicClient c = new DynamicClient("e-1", "Virtanen", "131052-308T");
                s.persist(c);
                return c.id;
              });
      f.sessions.getStatistics().clear();

      as(
          f,
          OWNER,
          s -> {
            s.find(DynamicClient.class, id);
            s.flush();
            return s.createSelectionQuery("from DynamicClient", DynamicClient.class)
                .getResultList();
          });

      assertThat(f.sessions.getStatistics().getEntityUpdateCount()).isZero();
    }
  }

  private static List<UUID> findByHetu(JpaFixture f, String hetu) {
    return as(
        f,
        OWNER,
        s ->
            s
                .createSelectionQuery("from DynamicClient where hetu = :h", DynamicClient.class)
                .setParameter("h", hetu)
                .getResultList()
                .stream()
                .map(c -> c.id)
                .toList());
  }

  // ---- @SoftDelete ----------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("databases")
  void softDelete_isDecidedAndAuditedAsADelete_andItsBulkFormRefused(Database db) throws Exception {
    db.assumeAvailable();
    try (JpaFixture f = new JpaFixture(db, Map.of(), SoftDeletedEmployee.class)) {
      as(
          f,
          ADMIN,
          s -> {
            s.persist(new SoftDeletedEmployee("e-7", "liisa@example.fi"));
            return null;
          });
      List<String> before = rawRow(f, "SoftDeletedEmployee", null);
      assertThatThrownBy(
              () ->
                  as(
                      f,
                      COLLEAGUE,
                      s -> {
                        s.remove(s.find(SoftDeletedEmployee.class, "e-7"));
                        return null;
                      }))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(rawRow(f, "SoftDeletedEmployee", null)).isEqualTo(before);
      f.sink.clear();

      // Hibernate flags the row instead of deleting it: still a DELETE for the policy and audit
      as(
          f,
          ADMIN,
          s -> {
            s.remove(s.find(SoftDeletedEmployee.class, "e-7"));
            return null;
          });

      assertThat(f.sink.events())
          .extracting(AuditEvent::action)
          .containsExactly(AuditAction.READ, AuditAction.DELETE);
      assertThat(String.join(" ", rawRow(f, "SoftDeletedEmployee", null))).doesNotContain("liisa");
      assertThatThrownBy(
              () ->
                  as(
                      f,
                      ADMIN,
                      s ->
                          s.createMutationQuery("delete from SoftDeletedEmployee").executeUpdate()))
          .hasMessageContaining("SUOJA-5105");
    }
  }

  // ---- @OptimisticLocking(type = DIRTY | ALL) -------------------------------------------------

  @ParameterizedTest
  @MethodSource("databases")
  void valueBasedOptimisticLocking_isRefusedAtBoot(Database db) {
    db.assumeAvailable();
    // it would bind the old plaintext in the update's where clause, against ciphertext
    assertThatThrownBy(() -> new JpaFixture(db, Map.of(), DirtyLockedClient.class).close())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-5009")
        .hasMessageContaining("DirtyLockedClient")
        .hasMessageContaining("@Version");
  }

  // ---- embeddables ----------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("databases")
  void encryptedAttributeOfAnEmbeddable_isRefusedAtBoot_embeddedOrInACollection(Database db) {
    db.assumeAvailable();
    // the listeners see an embeddable as one value: its street would be stored as plaintext
    assertThatThrownBy(() -> new JpaFixture(db, Map.of(), AddressedClient.class).close())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-5013")
        .hasMessageContaining("AddressedClient.home")
        .hasMessageContaining("'street'");
    assertThatThrownBy(() -> new JpaFixture(db, Map.of(), AddressBookClient.class).close())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-5013")
        .hasMessageContaining("AddressBookClient.addresses");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void encryptedAttributeHibernateDoesNotPersist_isRefusedAtBoot(Database db) {
    db.assumeAvailable();
    assertThatThrownBy(() -> new JpaFixture(db, Map.of(), TransientSecretClient.class).close())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-5014")
        .hasMessageContaining("TransientSecretClient.nickname");
  }

  // ---- the stored value is the envelope, as Suoja wrote it -------------------------------------

  @ParameterizedTest
  @MethodSource("databases")
  void converterOrColumnTransformerOnAnEncryptedAttribute_isRefusedAtBoot(Database db) {
    db.assumeAvailable();
    // either would rewrite the envelope into something no key opens
    assertThatThrownBy(() -> new JpaFixture(db, Map.of(), ConvertedClient.class).close())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-5015")
        .hasMessageContaining("ConvertedClient.lastName")
        .hasMessageContaining("AttributeConverter");
    assertThatThrownBy(() -> new JpaFixture(db, Map.of(), Client.class, AutoTrim.class).close())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-5015")
        .hasMessageContaining("Client.");
    assertThatThrownBy(() -> new JpaFixture(db, Map.of(), TransformedClient.class).close())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-5015")
        .hasMessageContaining("@ColumnTransformer");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void orderByOnAnEncryptedAttributeOfACollection_isRefusedAtBoot(Database db) {
    db.assumeAvailable();
    assertThatThrownBy(() -> new JpaFixture(db, Map.of(), Client.class, Caseload.class).close())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-5016")
        .hasMessageContaining("Caseload.clients")
        .hasMessageContaining("Client.lastName");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void encryptedAttributeInASecondaryTable_isRefusedAtBoot(Database db) {
    db.assumeAvailable();
    // key rotation and plaintext migration sweep the entity's own table only
    assertThatThrownBy(() -> new JpaFixture(db, Map.of(), SplitClient.class).close())
        .isInstanceOf(SuojaConfigurationException.class)
        .hasMessageContaining("SUOJA-5017")
        .hasMessageContaining("SplitClient.notes")
        .hasMessageContaining("SplitClientNotes");
  }
}
