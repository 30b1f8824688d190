package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.model.PrefixClient;
import fi.suoja.policy.Actor;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.data.repository.Repository;

/**
 * Prefix search across a record's life: rows the plaintext migration has not reached yet ({@code
 * suoja.legacy_plaintext=read}), and a tenant key rotation - while rows under the old and the new
 * key version coexist, and after the sweep.
 */
class PrefixSearchLifecycleTest {
  static final Actor OWNER = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);

  /** What a host writes. */
  interface PrefixClients extends Repository<PrefixClient, UUID> {
    List<PrefixClient> findByLastNameStartingWith(String prefix);

    Page<PrefixClient> findByLastNameStartingWith(String prefix, Pageable pageable);

    long countByLastNameStartingWith(String prefix);
  }

  static List<Database> databases() {
    return Database.all();
  }

  static String prefix() {
    return "p" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "_";
  }

  static byte[] randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  static <T> T as(SessionFactory sessions, Function<Session, T> work) {
    return PrivacyContext.callAs(OWNER, Purpose.CARE, () -> sessions.fromTransaction(work));
  }

  static Map<UUID, String> persist(SessionFactory sessions, String... names) {
    Map<UUID, String> ids = new HashMap<>();
    as(
        sessions,
        s -> {
          for (String n : names) {
            PrefixClient c = new PrefixClient(OWNER.userId(), n);
            s.persist(c);
            ids.put(c.id, n);
          }
          return null;
        });
    return ids;
  }

  /** A row as a pre-Suoja application wrote it: the name in clear, no index. */
  static void insertPlaintext(Connection c, String table, String tenant, String lastName)
      throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + table
                + " (id, organisation, responsibleEmployee, lastName, lastNameIndex,"
                + " lastNamePrefix) VALUES (?, ?, 'e-1', ?, NULL, NULL)")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setString(2, tenant);
      ps.setString(3, lastName);
      ps.executeUpdate();
    }
  }

  static List<String> column(Database db, String table, String column) throws Exception {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM " + table);
        ResultSet rs = ps.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  /** The sorted last names of {@code like :p}, in HQL. */
  static List<String> hql(SessionFactory sessions, String pattern) {
    return as(
        sessions,
        s ->
            s
                .createSelectionQuery(
                    "from PrefixClient c where c.lastName like :p", PrefixClient.class)
                .setParameter("p", pattern)
                .getResultList()
                .stream()
                .map(c -> c.lastName)
                .sorted()
                .toList());
  }

  static List<String> startingWith(SessionFactory sessions, String prefix) {
    return as(
        sessions,
        s ->
            new JpaRepositoryFactory(s)
                .getRepository(PrefixClients.class).findByLastNameStartingWith(prefix).stream()
                    .map(c -> c.lastName)
                    .sorted()
                    .toList());
  }

  static long count(SessionFactory sessions, String prefix) {
    return as(
        sessions,
        s ->
            new JpaRepositoryFactory(s)
                .getRepository(PrefixClients.class)
                .countByLastNameStartingWith(prefix));
  }

  /** Every page at {@code size}, each checked against {@code total}; the names, sorted. */
  static List<String> pages(SessionFactory sessions, String prefix, int size, int total) {
    List<String> seen = new ArrayList<>();
    int pages = (total + size - 1) / size;
    for (int n = 0; n <= pages; n++) {
      int page = n;
      Page<PrefixClient> p =
          as(
              sessions,
              s ->
                  new JpaRepositoryFactory(s)
                      .getRepository(PrefixClients.class)
                      .findByLastNameStartingWith(
                          prefix, PageRequest.of(page, size, Sort.by("id"))));
      assertThat(p.getTotalElements()).as("%s size %d page %d", prefix, size, n).isEqualTo(total);
      assertThat(p.getContent())
          .as("%s size %d page %d", prefix, size, n)
          .hasSize(Math.max(0, Math.min(size, total - n * size)));
      p.getContent().forEach(c -> seen.add(c.lastName));
    }
    return seen.stream().sorted().toList();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void legacyRead_prefixSearch_findsSealedAndNotYetMigratedRows_beforeAndAfterTheMigration(
      Database db) throws Exception {
    db.assumeAvailable();
    String prefix = prefix();
    try (OpsFixture f =
        new OpsFixture(
            db,
            prefix,
            randomKey(),
            WrappedKeyStore.inMemory(),
            "create-drop",
            Map.of(SuojaJpaSettings.LEGACY_PLAINTEXT, "read"),
            PrefixClient.class)) {
      String table = f.table("i22_prefix_client");
      persist(f.sessions, "Virtanen", "Koski");
      try (Connection c = db.connect()) {
        for (String n : List.of("Virta", "Virolainen", "Koivisto", "Vi")) {
          insertPlaintext(c, table, "A", n);
        }
        insertPlaintext(c, table, "B", "Virkkunen"); // another tenant's: never found
      }

      for (int round = 0; round < 2; round++) {
        String when = round == 0 ? "before the migration" : "after the migration";
        assertThat(hql(f.sessions, "Vir%"))
            .as(when)
            .containsExactly("Virolainen", "Virta", "Virtanen");
        assertThat(hql(f.sessions, "Virt%")).as(when).containsExactly("Virta", "Virtanen");
        // longer than the index: the exact filter after opening, on either kind of row
        assertThat(hql(f.sessions, "Virta%")).as(when).containsExactly("Virta", "Virtanen");
        assertThat(hql(f.sessions, "Virtan%")).as(when).containsExactly("Virtanen");
        assertThat(hql(f.sessions, "Koi%")).as(when).containsExactly("Koivisto");
        // letters in another case: the sealed rows match on the normalised name; an unmigrated
        // row only as the database's collation compares its plaintext (as before Suoja)
        if (round == 0) {
          assertThat(hql(f.sessions, "vIRT%"))
              .as(when)
              .contains("Virtanen")
              .isSubsetOf("Virta", "Virtanen");
        } else {
          assertThat(hql(f.sessions, "vIRT%")).as(when).containsExactly("Virta", "Virtanen");
        }
        assertThat(startingWith(f.sessions, "Vir"))
            .as(when)
            .containsExactly("Virolainen", "Virta", "Virtanen");
        assertThat(count(f.sessions, "Vir")).as(when).isEqualTo(3);
        assertThat(count(f.sessions, "Virt")).as(when).isEqualTo(2);
        for (int size : List.of(1, 2, 5)) {
          assertThat(pages(f.sessions, "Vir", size, 3))
              .as("%s, size %d", when, size)
              .containsExactly("Virolainen", "Virta", "Virtanen");
        }
        if (round == 0) {
          PlaintextMigration.builder(f.sessions).batchSize(2).build().run(PrefixClient.class);
          assertThat(column(db, table, "lastNamePrefix")).doesNotContainNull();
          assertThat(column(db, table, "lastName"))
              .noneMatch(v -> v.startsWith("Vir") || v.startsWith("Ko"));
        }
      }
    }
  }

  /**
   * Where a row holds an envelope but no prefix index (sealed before the prefix index was
   * declared), the plaintext branch of the legacy-mode query compares the pattern with the envelope
   * text; a record whose envelope happens to begin with the searched letters must not be returned
   * as a match of them. Such a row is found by its name once it is indexed (a key rotation
   * re-indexes every value it re-seals).
   */
  @ParameterizedTest
  @MethodSource("databases")
  void legacyRead_sealedRowWithoutPrefixIndex_isNotMatchedOnItsEnvelopeText(Database db)
      throws Exception {
    db.assumeAvailable();
    String prefix = prefix();
    try (OpsFixture f =
        new OpsFixture(
            db,
            prefix,
            randomKey(),
            WrappedKeyStore.inMemory(),
            "create-drop",
            Map.of(SuojaJpaSettings.LEGACY_PLAINTEXT, "read"),
            PrefixClient.class)) {
      String table = f.table("i22_prefix_client");
      persist(f.sessions, "Virtanen");
      String envelope;
      try (Connection c = db.connect();
          PreparedStatement ps =
              c.prepareStatement("UPDATE " + table + " SET lastNamePrefix = NULL")) {
        ps.executeUpdate();
        envelope = column(db, table, "lastName").get(0);
      }
      String head = envelope.substring(0, 4);
      assertThat(head).doesNotStartWithIgnoringCase("vir");

      assertThat(hql(f.sessions, head + "%")).isEmpty();
      assertThat(startingWith(f.sessions, head)).isEmpty();
      assertThat(count(f.sessions, head)).isZero();
      assertThat(pages(f.sessions, head, 2, 0)).isEmpty();
      // nor is it found by its name until it is indexed: a key rotation re-indexes it
      assertThat(hql(f.sessions, "Vir%")).isEmpty();
      f.suoja.keyring().rotate("A");
      KeyRotation.builder(f.sessions).build().run(PrefixClient.class);
      assertThat(column(db, table, "lastNamePrefix")).doesNotContainNull();
      assertThat(hql(f.sessions, "Vir%")).containsExactly("Virtanen");
      assertThat(hql(f.sessions, head + "%")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void keyRotation_prefixSearchFindsEveryRow_midSweepAndAfter(Database db) throws Exception {
    db.assumeAvailable();
    String prefix = prefix();
    JdbcWrappedKeyStore keys =
        JdbcWrappedKeyStore.builder(new UrlDataSource(db.url()))
            .table(prefix + "keys")
            .createTableIfMissing(true)
            .build();
    try (OpsFixture f =
        new OpsFixture(
            db, prefix, randomKey(), keys, "create-drop", Map.of(), PrefixClient.class)) {
      String table = f.table("i22_prefix_client");
      List<String> names =
          List.of("Virtanen", "Virta", "Virolainen", "Koski", "Korhonen", "Kosonen", "Mäkinen");
      List<String> v1 = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        v1.addAll(names); // 28 rows under key version 1
      }
      persist(f.sessions, v1.toArray(String[]::new));
      List<String> oldPrefixes = column(db, table, "lastNamePrefix");
      assertThat(f.suoja.keyring().rotate("A").version()).isEqualTo(2);
      persist(f.sessions, "Virtala", "Koskinen"); // under version 2

      // expected per prefix, before, during and after the sweep
      Map<String, Integer> expected =
          Map.of("Vir%", 4 * 3 + 1, "Virt%", 4 * 2 + 1, "Kos%", 4 * 2 + 1, "Mak%", 4, "Kor%", 4);
      Runnable check =
          () ->
              expected.forEach(
                  (pattern, n) -> {
                    assertThat(hql(f.sessions, pattern)).as(pattern).hasSize(n);
                    String p = pattern.substring(0, pattern.length() - 1);
                    assertThat(count(f.sessions, p)).as(p).isEqualTo(n.longValue());
                    assertThat(pages(f.sessions, p, 4, n)).as(p).hasSize(n);
                  });
      check.run(); // every old row still under version 1

      AtomicInteger midChecks = new AtomicInteger();
      KeyRotation.builder(f.sessions)
          .batchSize(10)
          .listener(
              p -> {
                if (p.scanned() != 10) {
                  return;
                }
                try {
                  // one batch re-sealed and re-indexed under version 2, the rest under 1
                  List<String> now = column(db, table, "lastNamePrefix");
                  assertThat(now).anyMatch(oldPrefixes::contains);
                  assertThat(now).anyMatch(v -> !oldPrefixes.contains(v));
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
                check.run();
                midChecks.incrementAndGet();
              })
          .build()
          .run(PrefixClient.class);
      assertThat(midChecks).hasValue(1);

      // every prefix value is now the version-2 one
      assertThat(column(db, table, "lastNamePrefix")).noneMatch(oldPrefixes::contains);
      check.run();
      assertThat(hql(f.sessions, "Virtan%")).hasSize(4).containsOnly("Virtanen");
    }
  }
}
