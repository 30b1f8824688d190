package fi.suoja.benchmarks.jpa;

import fi.suoja.Suoja;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.audit.sink.JsonLinesFileSink;
import fi.suoja.audit.spi.AuditSink;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.policy.Actor;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.IncidentGrants;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hibernate.SessionFactory;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.cfg.Configuration;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Persist+flush and load of {@value #ROWS} clients on in-memory H2 (or the database of {@code
 * -Dbench.url}, see {@link #jdbcUrl()}): {@code baseline} (a plain entity) against {@code suoja} (3
 * encrypted attributes, 1 blind index, the care policy and an audit event per record into the
 * in-memory sink, cleared after every invocation). Same JVM settings, same H2, same Hibernate batch
 * size; only the entity and the runtime differ.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JpaBenchmark {
  static final int ROWS = 10_000;
  static final Actor OWNER = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);

  /**
   * {@code baseline}: plain entity; {@code suoja}: audit into the in-memory sink; {@code
   * suoja_file}: audit into a BUFFERED {@link JsonLinesFileSink} (HMAC chain, Merkle frontier,
   * signed checkpoints) under {@code -Dsuoja.bench.dir}; {@code hand_rolled}: the same attributes
   * encrypted by hand with the JDK's AES-GCM in a converter ({@link HandRolledClient}); {@code
   * suoja_identity} and {@code baseline_identity}: {@code suoja} and {@code baseline} with an id
   * the database assigns ({@link NumberedSealedClient}, {@link NumberedPlainClient}).
   */
  @Param({"baseline", "suoja", "suoja_file", "hand_rolled", "suoja_identity", "baseline_identity"})
  public String mode;

  private JsonLinesFileSink fileSink;
  private Path fileSinkDir;

  /**
   * The database: {@code -Dbench.url=<jdbc url>} (PostgreSQL, MariaDB), an in-memory H2 by default.
   * Every state creates its tables under a random prefix and drops them at its end, so runs on a
   * shared server do not touch each other's tables.
   */
  static String jdbcUrl() {
    String url = System.getProperty("bench.url");
    return url == null || url.isBlank()
        ? "jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"
        : url;
  }

  /** Table names under a prefix (the state's own tables on a shared server). */
  static final class Prefixed extends PhysicalNamingStrategyStandardImpl {
    private static final long serialVersionUID = 1L;
    private final String prefix;

    Prefixed(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment context) {
      return Identifier.toIdentifier(prefix + name.getText(), name.isQuoted());
    }
  }

  /** A fresh table-name prefix. */
  static String newPrefix() {
    return "b" + Long.toHexString(new SecureRandom().nextLong() & 0xffffffffL) + "_";
  }

  final String prefix = newPrefix();
  SessionFactory sessions;
  InMemoryAuditSink sink;
  Class<?> type;
  String entity;

  /** The tenant of the benchmark's actor, as the host's resolver would answer it. */
  public static final class TenantA implements CurrentTenantIdentifierResolver<String> {
    @Override
    public String resolveCurrentTenantIdentifier() {
      return "A";
    }

    @Override
    public boolean validateExistingCurrentSessions() {
      return false;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    boolean suoja = mode.startsWith("suoja");
    type =
        switch (mode) {
          case "suoja", "suoja_file" -> SealedClient.class;
          case "suoja_identity" -> NumberedSealedClient.class;
          case "hand_rolled" -> HandRolledClient.class;
          case "baseline_identity" -> NumberedPlainClient.class;
          default -> PlainClient.class;
        };
    entity = type.getSimpleName();
    Configuration cfg = new Configuration();
    cfg.addAnnotatedClass(type);
    cfg.setProperty("hibernate.connection.url", jdbcUrl());
    cfg.setPhysicalNamingStrategy(new Prefixed(prefix));
    cfg.setProperty("hibernate.hbm2ddl.auto", "create-drop");
    cfg.setProperty("hibernate.connection.pool_size", "2");
    cfg.setProperty("hibernate.jdbc.batch_size", "50");
    cfg.getProperties().put("hibernate.tenant_identifier_resolver", new TenantA());
    if (suoja) {
      byte[] master = new byte[32];
      new SecureRandom().nextBytes(master);
      AuditSink auditSink;
      if (mode.equals("suoja_file")) {
        try {
          Path base =
              Path.of(System.getProperty("suoja.bench.dir", System.getProperty("java.io.tmpdir")));
          Files.createDirectories(base);
          fileSinkDir = Files.createTempDirectory(base, "suoja-jpa-audit");
          fileSink =
              JsonLinesFileSink.builder(fileSinkDir.resolve("trail"))
                  .chain(
                      ChainOptions.builder()
                          .chainId("bench")
                          .chainKey(ChainKey.generate())
                          .checkpoints(
                              KeyPairGenerator.getInstance("Ed25519")
                                  .generateKeyPair()
                                  .getPrivate())
                          .build())
                  .checkpointDirectory(fileSinkDir.resolve("checkpoints"))
                  .durability(JsonLinesFileSink.Durability.BUFFERED)
                  .build();
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
        auditSink = fileSink;
      } else {
        sink = new InMemoryAuditSink();
        auditSink = sink;
      }
      Suoja runtime =
          Suoja.builder()
              .keyProvider(KeyProvider.inMemory(Map.of(1, master)))
              .wrappedKeyStore(WrappedKeyStore.inMemory())
              .crypto(c -> c.createTenantKeysOnFirstUse(true))
              .entities(type)
              .policy(CareAccessPolicy.builder().incidentGrants(IncidentGrants.inMemory()).build())
              .auditor(Auditor.builder(auditSink).application("bench").node("n1").build())
              .build();
      cfg.getProperties().put(SuojaJpaSettings.RUNTIME, runtime);
    }
    sessions = cfg.buildSessionFactory();
    persist(); // the rows the load benchmark reads
    clearSink();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sessions.close();
    if (fileSink != null) {
      fileSink.close();
      try (Stream<Path> files = Files.walk(fileSinkDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Forget what an invocation wrote: the audit events, and the rows persistFlush added. */
  @TearDown(Level.Invocation)
  public void afterInvocation() {
    clearSink();
    sessions.inTransaction(
        s ->
            s.createNativeMutationQuery(
                    "delete from " + prefix + entity + " where municipality = 'new'")
                .executeUpdate());
  }

  private void clearSink() {
    if (sink != null) {
      sink.clear();
    }
  }

  private int persist() {
    return PrivacyContext.callAs(
        OWNER,
        Purpose.CARE,
        () ->
            sessions.fromTransaction(
                s -> {
                  for (int i = 0; i < ROWS; i++) {
                    s.persist(client(i, "old"));
                  }
                  s.flush();
                  return ROWS;
                }));
  }

  /** Persists {@value #ROWS} new clients and flushes them (one transaction). */
  @Benchmark
  public int persistFlush() {
    return PrivacyContext.callAs(
        OWNER,
        Purpose.CARE,
        () ->
            sessions.fromTransaction(
                s -> {
                  for (int i = 0; i < ROWS; i++) {
                    s.persist(client(i, "new"));
                  }
                  s.flush();
                  return ROWS;
                }));
  }

  private Object client(int i, String municipality) {
    String first = "Etunimi" + i;
    String last = "Sukunimi-ä" + i;
    if (type == SealedClient.class) {
      return new SealedClient(first, last, hetu(i), municipality);
    }
    if (type == NumberedSealedClient.class) {
      return new NumberedSealedClient(first, last, hetu(i), municipality);
    }
    if (type == NumberedPlainClient.class) {
      return new NumberedPlainClient(first, last, hetu(i), municipality);
    }
    return type == HandRolledClient.class
        ? new HandRolledClient(first, last, hetu(i), municipality)
        : new PlainClient(first, last, hetu(i), municipality);
  }

  /** Loads the {@value #ROWS} clients in one query (each opened after the policy, audited). */
  @Benchmark
  public List<?> load() {
    return PrivacyContext.callAs(
        OWNER,
        Purpose.CARE,
        () ->
            sessions.fromTransaction(
                s -> s.createSelectionQuery("from " + entity, type).getResultList()));
  }

  /** The rows' HETUs, formatted once: the benchmark measures persisting, not formatting. */
  private static final String[] HETUS =
      java.util.stream.IntStream.range(0, ROWS)
          .mapToObj(JpaBenchmark::formatHetu)
          .toArray(String[]::new);

  static String hetu(int i) {
    return i < ROWS ? HETUS[i] : formatHetu(i);
  }

  private static String formatHetu(int i) {
    int n = 900 + (i % 100);
    String digits =
        String.format("%02d%02d%02d%03d", 1 + (i % 28), 1 + ((i / 28) % 12), 80 + (i % 20), n);
    long value = Long.parseLong(digits);
    return digits.substring(0, 6)
        + "-"
        + digits.substring(6)
        + "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt((int) (value % 31));
  }
}
