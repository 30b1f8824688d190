package fi.suoja.jpa;

import static fi.suoja.jpa.EncryptedEntityTest.COLLEAGUE;
import static fi.suoja.jpa.EncryptedEntityTest.OTHER_TENANT;
import static fi.suoja.jpa.EncryptedEntityTest.OWNER;
import static fi.suoja.jpa.EncryptedEntityTest.as;
import static fi.suoja.jpa.EncryptedEntityTest.rawColumn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.Outcome;
import fi.suoja.jpa.model.CachedClient;
import fi.suoja.jpa.model.CachedNote;
import fi.suoja.jpa.model.NaturalNote;
import fi.suoja.jpa.model.PetOwner;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.DenyReason;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import org.hibernate.Session;
import org.hibernate.cache.spi.entry.CacheEntry;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The second-level cache, when a host enables it, never holds plaintext, and an entity served from
 * it is decided, audited and opened like one read from the database (docs/JPA.md).
 *
 * <p>H2 only: what the cache holds does not depend on the database. The cache is Hibernate's JCache
 * region factory over Ehcache; each test reads the JCache regions themselves (entries iterated,
 * keys and values rendered field by field) rather than asking Hibernate what it thinks it put.
 */
class SecondLevelCacheTest {

  /** A way a host may configure the cache. */
  record Setup(String name, String strategy, boolean storeByValue, boolean structured) {
    /** read-write puts on insert and update; nonstrict-read-write only invalidates. */
    boolean putsOnWrite() {
      return strategy.equals("read-write");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Immutable entities: read-only, by reference (where Hibernate's reference entries live). */
  static final Setup READ_ONLY =
      new Setup("read-only, store by reference", "read-only", false, false);

  static List<Setup> setups() {
    return List.of(
        new Setup("read-write, store by value", "read-write", true, false),
        // by reference: the cache keeps the very objects Hibernate handed it, so anything that
        // later wrote plaintext into them would show up here
        new Setup("read-write, store by reference, structured", "read-write", false, true),
        new Setup(
            "nonstrict-read-write, store by reference", "nonstrict-read-write", false, false));
  }

  /** Distinctive generated values, so that a substring match can only be a leak. */
  record Person(String first, String last, String hetu) {
    static Person generate() {
      String tag = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
      return new Person("Etu" + tag, "Suku" + tag, generatedHetu());
    }

    List<String> values() {
      return List.of(first, last, hetu);
    }
  }

  // ---- one session, one actor: neither cache serves another actor from a bound session -------

  @ParameterizedTest
  @MethodSource("setups")
  void aSessionBoundToTheOwner_servesNeitherCacheToAnotherActor(Setup setup) {
    try (CachedFixture c = new CachedFixture(setup, Map.of())) {
      Person p = Person.generate();
      UUID id = c.persist(p);
      java.util.function.Function<Session, List<CachedClient>> cached =
          s ->
              s.createSelectionQuery("from CachedClient", CachedClient.class)
                  .setCacheable(true)
                  .getResultList();
      as(c.f, OWNER, s -> cached.apply(s)); // the query cache now holds the result
      c.f.sink.clear();
      try (Session s = c.f.sessions.withOptions().tenantIdentifier((Object) "A").openSession()) {
        PrivacyContext.runAs(
            OWNER,
            Purpose.CARE,
            () -> {
              assertThat(s.find(CachedClient.class, id).hetu).isEqualTo(p.hetu());
              assertThat(cached.apply(s)).extracting(x -> x.hetu).containsExactly(p.hetu());
            });
        for (java.util.function.Function<Session, ?> work :
            List.<java.util.function.Function<Session, ?>>of(
                x -> x.find(CachedClient.class, id), cached)) {
          assertThatThrownBy(
                  () -> PrivacyContext.callAs(COLLEAGUE, Purpose.CARE, () -> work.apply(s)))
              .isInstanceOfSatisfying(
                  SuojaException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5020"));
        }
      }
      assertThat(c.f.sink.events()).noneMatch(e -> e.actor().userId().equals("e-2"));
      // a session of the colleague's own: served from the caches, decided and denied
      assertThatThrownBy(() -> as(c.f, COLLEAGUE, cached))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  // ---- what the cache holds after writes and loads ---------------------------------------------

  @ParameterizedTest
  @MethodSource("setups")
  void persist_thenCommit_cacheHoldsOnlyTheSealedState(Setup setup) throws Exception {
    try (CachedFixture c = new CachedFixture(setup, Map.of())) {
      Person p = Person.generate();
      UUID id = c.persist(p);

      assertThat(c.cached(id)).isEqualTo(setup.putsOnWrite());
      Contents in = c.contents();
      in.assertNoPlaintextOf(p.values());
      if (setup.putsOnWrite()) {
        in.assertHoldsState(c.sealed(id));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("setups")
  void update_thenCommit_cacheHoldsOnlyTheNewSealedState(Setup setup) throws Exception {
    try (CachedFixture c = new CachedFixture(setup, Map.of())) {
      Person p = Person.generate();
      UUID id = c.persist(p);
      as(c.f, OWNER, s -> s.find(CachedClient.class, id)); // nonstrict: now cached from the load
      List<String> before = c.sealed(id);
      Person q = Person.generate();

      as(
          c.f,
          OWNER,
          s -> {
            CachedClient e = s.find(CachedClient.class, id);
            e.lastName = q.last();
            e.hetu = q.hetu();
            return null;
          });

      List<String> after = c.sealed(id);
      assertThat(after.get(1)).isNotEqualTo(before.get(1));
      Contents in = c.contents();
      in.assertNoPlaintextOf(p.values());
      in.assertNoPlaintextOf(q.values());
      assertThat(in.text()).doesNotContain(before.get(1), before.get(2));
      if (setup.putsOnWrite()) {
        in.assertHoldsState(after);
      } else {
        assertThat(c.cached(id)).isFalse();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("setups")
  void loadFromDatabase_byFindAndByQuery_cachesOnlyTheSealedState(Setup setup) throws Exception {
    try (CachedFixture c = new CachedFixture(setup, Map.of())) {
      Person p = Person.generate();
      UUID id = c.persist(p);
      c.f.sessions.getCache().evictAllRegions();
      c.f.sessions.getStatistics().clear();

      CachedClient found = as(c.f, OWNER, s -> s.find(CachedClient.class, id));

      assertThat(found.lastName).isEqualTo(p.last()); // the owner got the plaintext...
      assertThat(c.f.sessions.getStatistics().getSecondLevelCachePutCount()).isEqualTo(1);
      Contents in = c.contents(); // ...the cache did not
      in.assertNoPlaintextOf(p.values());
      in.assertHoldsState(c.sealed(id));

      c.f.sessions.getCache().evictAllRegions();
      List<CachedClient> listed =
          as(
              c.f,
              OWNER,
              s -> s.createSelectionQuery("from CachedClient", CachedClient.class).getResultList());

      assertThat(listed).extracting(e -> e.hetu).containsExactly(p.hetu());
      Contents again = c.contents();
      again.assertNoPlaintextOf(p.values());
      again.assertHoldsState(c.sealed(id));
    }
  }

  // ---- a load served from the cache goes through policy and audit -----------------------------

  @ParameterizedTest
  @MethodSource("setups")
  void cacheHit_byOwner_opensAfterThePolicy_andAuditsTheRead(Setup setup) throws Exception {
    try (CachedFixture c = new CachedFixture(setup, Map.of())) {
      Person p = Person.generate();
      UUID id = c.persistAndWarm(p);

      CachedClient e = as(c.f, OWNER, s -> s.find(CachedClient.class, id));

      c.assertServedFromCacheWithoutSql();
      assertThat(List.of(e.firstName, e.lastName, e.hetu)).isEqualTo(p.values());
      assertThat(c.f.sink.events())
          .singleElement()
          .satisfies(
              ev -> {
                assertThat(ev.action()).isEqualTo(AuditAction.READ);
                assertThat(ev.outcome()).isEqualTo(Outcome.success());
                assertThat(ev.actor().userId()).isEqualTo(OWNER.userId());
                assertThat(ev.resource().id()).isEqualTo(id.toString());
                assertThat(ev.fields()).containsExactly("firstName", "lastName", "hetu");
              });
      Contents in = c.contents(); // opening in the session did not write through to the cache
      in.assertNoPlaintextOf(p.values());
      in.assertHoldsState(c.sealed(id));
    }
  }

  @ParameterizedTest
  @MethodSource("setups")
  void cacheHit_byColleague_isDenied_andAudited(Setup setup) throws Exception {
    try (CachedFixture c = new CachedFixture(setup, Map.of())) {
      Person p = Person.generate();
      UUID id = c.persistAndWarm(p);

      assertThatThrownBy(() -> as(c.f, COLLEAGUE, s -> s.find(CachedClient.class, id)))
          .isInstanceOfSatisfying(
              AccessDeniedException.class,
              ex -> assertThat(ex.decision().reason()).isEqualTo(DenyReason.NOT_OWNER))
          .hasMessageNotContaining(p.first())
          .hasMessageNotContaining(p.last())
          .hasMessageNotContaining(p.hetu());

      c.assertServedFromCacheWithoutSql();
      assertThat(c.f.sink.events())
          .singleElement()
          .satisfies(
              ev -> {
                assertThat(ev.action()).isEqualTo(AuditAction.READ);
                assertThat(ev.outcome()).isEqualTo(Outcome.denied("NOT_OWNER"));
                assertThat(ev.actor().userId()).isEqualTo(COLLEAGUE.userId());
                assertThat(ev.resource().id()).isEqualTo(id.toString());
              });
      c.contents().assertHoldsState(c.sealed(id));
    }
  }

  @ParameterizedTest
  @MethodSource("setups")
  void cacheHit_inMaskMode_masksForTheColleague_andLeavesTheCacheSealed(Setup setup)
      throws Exception {
    try (CachedFixture c = new CachedFixture(setup, Map.of(SuojaJpaSettings.ON_DENIED, "mask"))) {
      Person p = Person.generate();
      UUID id = c.persistAndWarm(p);

      Object[] seen =
          as(
              c.f,
              COLLEAGUE,
              s -> {
                CachedClient e = s.find(CachedClient.class, id);
                return new Object[] {e.firstName, e.lastName, e.hetu, s.isReadOnly(e)};
              });

      c.assertServedFromCacheWithoutSql();
      assertThat(seen)
          .containsExactly(
              SuojaJpaSettings.MASK, SuojaJpaSettings.MASK, SuojaJpaSettings.MASK, true);
      assertThat(c.f.sink.events())
          .singleElement()
          .satisfies(
              ev -> {
                assertThat(ev.action()).isEqualTo(AuditAction.READ);
                assertThat(ev.outcome()).isEqualTo(Outcome.denied("NOT_OWNER"));
              });
      Contents in = c.contents();
      assertThat(in.text()).doesNotContain(SuojaJpaSettings.MASK);
      in.assertHoldsState(c.sealed(id));
      // and the owner, served from the same entry, still gets the real values
      CachedClient owner = as(c.f, OWNER, s -> s.find(CachedClient.class, id));
      assertThat(List.of(owner.firstName, owner.lastName, owner.hetu)).isEqualTo(p.values());
    }
  }

  @ParameterizedTest
  @MethodSource("setups")
  void otherTenant_neverGetsTheCachedEntity(Setup setup) throws Exception {
    try (CachedFixture c = new CachedFixture(setup, Map.of())) {
      Person p = Person.generate();
      UUID id = c.persistAndWarm(p);

      Object found = null;
      try {
        found = as(c.f, OTHER_TENANT, s -> s.find(CachedClient.class, id));
      } catch (AccessDeniedException denied) {
        assertThat(denied.decision().reason()).isEqualTo(DenyReason.CROSS_TENANT);
      }
      List<CachedClient> listed =
          as(
              c.f,
              OTHER_TENANT,
              s ->
                  s.createSelectionQuery("from CachedClient", CachedClient.class)
                      .setCacheable(true)
                      .getResultList());

      assertThat(found).isNull();
      assertThat(listed).isEmpty();
      assertThat(c.f.sink.events())
          .filteredOn(ev -> ev.outcome().equals(Outcome.success()))
          .isEmpty();
      // the other tenant's session keys the cache by its own tenant: the entry is never its hit
      assertThat(c.f.sessions.getStatistics().getSecondLevelCacheHitCount()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("setups")
  void queryCacheHit_isStillDecidedPerEntity(Setup setup) throws Exception {
    try (CachedFixture c = new CachedFixture(setup, Map.of())) {
      Person p = Person.generate();
      UUID id = c.persistAndWarm(p);
      String hql = "from CachedClient where responsibleEmployee = :owner";
      as(
          c.f,
          OWNER,
          s ->
              s.createSelectionQuery(hql, CachedClient.class)
                  .setParameter("owner", OWNER.userId())
                  .setCacheable(true)
                  .getResultList());
      c.f.sessions.getStatistics().clear();
      c.f.sink.clear();

      assertThatThrownBy(
              () ->
                  as(
                      c.f,
                      COLLEAGUE,
                      s ->
                          s.createSelectionQuery(hql, CachedClient.class)
                              .setParameter("owner", OWNER.userId())
                              .setCacheable(true)
                              .getResultList()))
          .isInstanceOf(AccessDeniedException.class);

      Statistics stats = c.f.sessions.getStatistics();
      assertThat(stats.getQueryCacheHitCount()).isEqualTo(1);
      assertThat(stats.getPrepareStatementCount()).isZero();
      assertThat(c.f.sink.events())
          .singleElement()
          .satisfies(
              ev -> {
                assertThat(ev.outcome()).isEqualTo(Outcome.denied("NOT_OWNER"));
                assertThat(ev.resource().id()).isEqualTo(id.toString());
              });
      Contents in = c.contents(); // the query results region included
      in.assertNoPlaintextOf(p.values());
    }
  }

  // ---- mappings that would put plaintext in the cache are refused at boot ----------------------

  /**
   * An immutable entity cached by reference would be the cache entry itself, plaintext and all
   * (seen on 6.6 and 7.4 before the refusal existed). Without the refusal this test fails on the
   * cache contents.
   */
  @Test
  void referenceEntries_ofAnImmutableProtectedEntity_areRefusedAtBoot() {
    String secret = Person.generate().last();

    assertThatThrownBy(
            () -> {
              try (CachedFixture c =
                  new CachedFixture(
                      READ_ONLY,
                      Map.of("hibernate.cache.use_reference_entries", "true"),
                      CachedNote.class)) {
                as(
                    c.f,
                    OWNER,
                    s -> {
                      s.persist(new CachedNote(OWNER.userId(), secret));
                      return null;
                    });
                c.contents().assertNoPlaintextOf(List.of(secret));
              }
            })
        .isInstanceOfSatisfying(
            SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5007"))
        .hasMessageContaining("CachedNote")
        .hasMessageContaining("hibernate.cache.use_reference_entries");
  }

  @ParameterizedTest
  @MethodSource("setups")
  void identityId_insertThenLoad_cacheHoldsOnlyTheStateSealedForTheAssignedId(Setup setup)
      throws Exception {
    try (CachedFixture c = new CachedFixture(setup, Map.of(), PetOwner.class)) {
      Person p = Person.generate();
      Integer id =
          as(
              c.f,
              OWNER,
              s -> {
                PetOwner o = new PetOwner(OWNER.userId(), p.last(), p.first());
                s.persist(o);
                return o.id;
              });
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < 2; i++) { // a load that puts, then one the cache may serve
        seen.add(as(c.f, OWNER, s -> s.find(PetOwner.class, id).lastName));
      }

      assertThat(seen).containsExactly(p.last(), p.last());
      Contents in = c.contents();
      in.assertNoPlaintextOf(p.values());
      in.assertHoldsState(
          List.of(
              IdentityIdTest.raw(c.f, "PetOwner", id, "lastName"),
              IdentityIdTest.raw(c.f, "PetOwner", id, "telephone")));
    }
  }

  @Test
  void immutableProtectedEntity_withoutReferenceEntries_isCachedSealed() throws Exception {
    String secret = Person.generate().last();
    try (CachedFixture c = new CachedFixture(READ_ONLY, Map.of(), CachedNote.class)) {
      UUID id =
          as(
              c.f,
              OWNER,
              s -> {
                CachedNote n = new CachedNote(OWNER.userId(), secret);
                s.persist(n);
                return n.id;
              });
      String note = as(c.f, OWNER, s -> s.find(CachedNote.class, id).text);

      assertThat(note).isEqualTo(secret);
      Contents in = c.contents();
      in.assertNoPlaintextOf(List.of(secret));
      in.assertHoldsState(List.of(rawColumn(c.f, "CachedNote", id, "text")));
    }
  }

  /**
   * Hibernate keys the natural-id cache by the values it finds in the entity at flush: after a load
   * those are the opened plaintext (seen on 6.6 and 7.4 before the refusal existed). Without the
   * refusal this test fails on the cache contents.
   */
  @Test
  void naturalIdOnAnEncryptedAttribute_isRefusedAtBoot() {
    Setup setup = setups().get(0);
    String secret = Person.generate().last();

    assertThatThrownBy(
            () -> {
              try (CachedFixture c = new CachedFixture(setup, Map.of(), NaturalNote.class)) {
                UUID id =
                    as(
                        c.f,
                        OWNER,
                        s -> {
                          NaturalNote n = new NaturalNote(OWNER.userId(), secret);
                          s.persist(n);
                          return n.id;
                        });
                as(
                    c.f,
                    OWNER,
                    s -> {
                      s.find(NaturalNote.class, id).other = "changed";
                      return null;
                    });
                c.contents().assertNoPlaintextOf(List.of(secret));
              }
            })
        .isInstanceOfSatisfying(
            SuojaConfigurationException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-5008"))
        .hasMessageContaining("NaturalNote.code")
        .hasMessageNotContaining(secret);
  }

  // ---- fixture ---------------------------------------------------------------------------------

  /** An H2 {@link JpaFixture} with Hibernate's JCache second-level cache and query cache on. */
  static final class CachedFixture implements AutoCloseable {
    final Setup setup;
    final CacheManager manager;
    final String regionPrefix = "suoja-l2c-" + UUID.randomUUID();
    final JpaFixture f;

    CachedFixture(Setup setup, Map<String, Object> more) {
      this(setup, more, CachedClient.class);
    }

    CachedFixture(Setup setup, Map<String, Object> more, Class<?>... entities) {
      this.setup = setup;
      this.manager = Caching.getCachingProvider().getCacheManager();
      if (!setup.storeByValue()) {
        // Hibernate creates missing regions store-by-value (the JCache default); create ours first
        List<String> names =
            new ArrayList<>(
                List.of("default-update-timestamps-region", "default-query-results-region"));
        for (Class<?> e : entities) {
          names.add(e.getName());
          names.add(e.getName() + "##NaturalId");
        }
        for (String region : names) {
          manager.createCache(
              regionPrefix + "." + region,
              new MutableConfiguration<Object, Object>().setStoreByValue(false));
        }
      }
      Map<String, Object> settings = new HashMap<>(more);
      settings.put("hibernate.cache.use_second_level_cache", "true");
      settings.put("hibernate.cache.use_query_cache", "true");
      settings.put("hibernate.cache.region.factory_class", "jcache");
      settings.put("hibernate.javax.cache.cache_manager", manager);
      settings.put("hibernate.javax.cache.missing_cache_strategy", "create");
      settings.put("hibernate.cache.region_prefix", regionPrefix);
      settings.put("hibernate.cache.default_cache_concurrency_strategy", setup.strategy());
      settings.put("hibernate.cache.use_structured_entries", String.valueOf(setup.structured()));
      settings.put("jakarta.persistence.sharedCache.mode", "ENABLE_SELECTIVE");
      Database h2 = Database.all().get(0);
      try {
        this.f = new JpaFixture(h2, settings, entities);
      } catch (RuntimeException refused) {
        manager.close();
        throw refused;
      }
      assertThat(regions())
          .as("the regions Hibernate uses are the ones configured here")
          .hasSizeGreaterThanOrEqualTo(3)
          .allSatisfy(r -> assertThat(storesByValue(r)).isEqualTo(setup.storeByValue()));
    }

    @SuppressWarnings(
        "unchecked") // JCache's getConfiguration(Class<C>) cannot take a generic class
    static boolean storesByValue(Cache<Object, Object> region) {
      return region.getConfiguration(CompleteConfiguration.class).isStoreByValue();
    }

    UUID persist(Person p) {
      return as(
          f,
          OWNER,
          s -> {
            CachedClient e = new CachedClient(OWNER.userId(), p.first(), p.last(), p.hetu());
            e.municipality = "Espoo";
            s.persist(e);
            return e.id;
          });
    }

    /** Persists, makes sure the entity is in the cache, then clears statistics and audit. */
    UUID persistAndWarm(Person p) {
      UUID id = persist(p);
      if (!cached(id)) {
        as(f, OWNER, s -> s.find(CachedClient.class, id));
      }
      assertThat(cached(id)).isTrue();
      f.sessions.getStatistics().clear();
      f.sink.clear();
      return id;
    }

    void assertServedFromCacheWithoutSql() {
      Statistics stats = f.sessions.getStatistics();
      assertThat(stats.getSecondLevelCacheHitCount()).as("second-level cache hits").isEqualTo(1);
      assertThat(stats.getSecondLevelCacheMissCount()).as("misses").isZero();
      assertThat(stats.getPrepareStatementCount()).as("SQL statements").isZero();
      assertThat(stats.getEntityLoadCount()).as("entities loaded from the database").isZero();
    }

    /** The sealed envelopes of the row's encrypted columns, as the database holds them. */
    List<String> sealed(UUID id) throws Exception {
      List<String> out = new ArrayList<>();
      for (String column : List.of("firstName", "lastName", "hetu")) {
        out.add(rawColumn(f, "CachedClient", id, column));
      }
      return out;
    }

    List<Cache<Object, Object>> regions() {
      List<Cache<Object, Object>> out = new ArrayList<>();
      for (String name : manager.getCacheNames()) {
        if (name.startsWith(regionPrefix)) {
          out.add(manager.getCache(name));
        }
      }
      return out;
    }

    /** Every entry of every region of this fixture, rendered. */
    Contents contents() {
      List<String> entries = new ArrayList<>();
      List<List<Object>> states = new ArrayList<>();
      for (Cache<Object, Object> region : regions()) {
        for (Cache.Entry<Object, Object> e : region) {
          StringBuilder line = new StringBuilder(region.getName()).append(": ");
          Render.walk(e.getKey(), line, states);
          line.append(" -> ");
          Render.walk(e.getValue(), line, states);
          entries.add(line.toString());
        }
      }
      return new Contents(entries, states);
    }

    /** Whether the entity region holds an entry for this id (under any tenant). */
    boolean cached(UUID id) {
      String region = regionPrefix + "." + CachedClient.class.getName() + ": ";
      return contents().entries().stream()
          .anyMatch(
              e ->
                  e.startsWith(region)
                      && e.substring(0, e.indexOf(" -> ")).contains(id.toString()));
    }

    @Override
    public void close() {
      try {
        f.close();
      } finally {
        if (!manager.isClosed()) { // Hibernate closes the manager with the session factory
          manager.close();
        }
      }
    }
  }

  /**
   * What the cache holds: every entry rendered as a line of text, and the entity states found in
   * them (the disassembled state of each {@link CacheEntry}, or the values of a structured entry).
   */
  record Contents(List<String> entries, List<List<Object>> states) {
    String text() {
      return String.join("\n", entries);
    }

    void assertNoPlaintextOf(List<String> plaintexts) {
      String text = text();
      for (String plain : plaintexts) {
        assertThat(text).as("cache contents").doesNotContain(plain);
      }
    }

    /** Some cached entity state holds exactly these sealed envelopes. */
    void assertHoldsState(List<String> sealed) {
      assertThat(sealed).allSatisfy(s -> assertThat(s).startsWith("AQ"));
      assertThat(states)
          .as("entity states in the cache:\n%s", text())
          .anySatisfy(state -> assertThat(state).containsAll(sealed));
    }
  }

  /**
   * Renders an object graph as text, field by field, through Hibernate's cache wrappers (read-write
   * items, cache entries, cache keys, query result rows) and into application objects. Other
   * Hibernate objects (a persister a cache entry might point to) are named, not walked.
   */
  static final class Render {
    private Render() {}

    static void walk(Object o, StringBuilder out, List<List<Object>> states) {
      walk(o, out, states, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    }

    private static void walk(
        Object o, StringBuilder out, List<List<Object>> states, Set<Object> seen, int depth) {
      if (o == null) {
        out.append("null ");
        return;
      }
      if (depth > 16 || !seen.add(o)) {
        return;
      }
      if (o instanceof CacheEntry entry && entry.getDisassembledState() != null) {
        states.add(Arrays.asList((Object[]) entry.getDisassembledState())); // not a reference entry
      }
      if (o instanceof Map<?, ?> map && map.containsKey("_subclass")) {
        states.add(new ArrayList<>(map.values())); // a structured cache entry
      }
      Class<?> type = o.getClass();
      if (o instanceof CharSequence
          || o instanceof Number
          || o instanceof Boolean
          || o instanceof Character
          || o instanceof Enum<?>
          || o instanceof UUID) {
        out.append(o).append(' ');
      } else if (o instanceof char[] chars) {
        out.append(chars).append(' ');
      } else if (o instanceof byte[] bytes) {
        out.append(new String(bytes, StandardCharsets.UTF_8)).append(' ');
      } else if (type.isArray()) {
        out.append('[');
        for (int i = 0; i < Array.getLength(o); i++) {
          walk(Array.get(o, i), out, states, seen, depth + 1);
        }
        out.append("] ");
      } else if (o instanceof Collection<?> items) {
        out.append('[');
        for (Object item : items) {
          walk(item, out, states, seen, depth + 1);
        }
        out.append("] ");
      } else if (o instanceof Map<?, ?> map) {
        out.append('{');
        for (Map.Entry<?, ?> e : map.entrySet()) {
          walk(e.getKey(), out, states, seen, depth + 1);
          out.append("= ");
          walk(e.getValue(), out, states, seen, depth + 1);
        }
        out.append("} ");
      } else if (type.getName().startsWith("java.")
          || (type.getName().startsWith("org.hibernate.")
              && !type.getName().startsWith("org.hibernate.cache."))) {
        out.append('<').append(type.getName()).append("> ");
      } else {
        out.append(type.getSimpleName()).append('{');
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
          for (Field field : k.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
              continue;
            }
            field.setAccessible(true);
            out.append(field.getName()).append('=');
            try {
              walk(field.get(o), out, states, seen, depth + 1);
            } catch (IllegalAccessException e) {
              throw new AssertionError(e);
            }
          }
        }
        out.append("} ");
      }
    }
  }

  /** A HETU-shaped value with a valid check character in the temporary-number range (900-999). */
  static String generatedHetu() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String digits =
        String.format(
            "%02d%02d%02d%03d",
            1 + r.nextInt(28), 1 + r.nextInt(12), r.nextInt(100), 900 + r.nextInt(100));
    char check = "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt((int) (Long.parseLong(digits) % 31));
    return digits.substring(0, 6) + "-" + digits.substring(6) + check;
  }
}
