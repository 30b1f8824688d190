package fi.suoja.benchmarks.jpa;

import fi.suoja.Suoja;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.policy.Actor;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.IncidentGrants;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
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
 * What a user waits for, in a large table ({@code -Dbench.query.rows}, 1 000 000 by default) on the
 * database of {@code -Dbench.url} (in-memory H2 by default): {@link #page} = the 50 clients of one
 * employee ({@code where responsibleEmployee = :e order by id}, an index on the employee), {@link
 * #findByHetu} = one client by HETU, each in its own transaction. {@code baseline} = the plain
 * entity, the HETU found through a database index on the plain column; {@code suoja} = {@link
 * QuerySealedClient}, the same JPQL rewritten to the blind index (indexed), every loaded row
 * decided, audited (in-memory sink) and opened.
 *
 * <p>The table: {@value #EMPLOYEES} employees with 50 clients each are persisted through Hibernate
 * (sealed by Suoja); the remaining rows are copies of one of them made by one {@code INSERT ...
 * SELECT} over the database's row generator ({@code generate_series}, {@code seq_1_to_n}, {@code
 * system_range}), owned by other employees (50 each) with blind indexes ({@code ~n}) no HETU
 * matches. They are never loaded; they give the indexes and the table their size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JpaQueryBenchmark {
  static final int EMPLOYEES = 40;
  static final int PAGE = 50;
  static final int REAL = EMPLOYEES * PAGE;

  @Param({"baseline", "suoja"})
  public String mode;

  final String prefix = JpaBenchmark.newPrefix();
  SessionFactory sessions;
  InMemoryAuditSink sink;
  Class<?> type;
  String url;
  int rows;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    rows = Math.max(REAL, Integer.getInteger("bench.query.rows", 1_000_000));
    boolean suoja = mode.equals("suoja");
    type = suoja ? QuerySealedClient.class : QueryPlainClient.class;
    url = JpaBenchmark.jdbcUrl();
    Configuration cfg = new Configuration();
    cfg.addAnnotatedClass(type);
    cfg.setProperty("hibernate.connection.url", url);
    cfg.setPhysicalNamingStrategy(new JpaBenchmark.Prefixed(prefix));
    cfg.setProperty("hibernate.hbm2ddl.auto", "create-drop");
    cfg.setProperty("hibernate.connection.pool_size", "2");
    cfg.setProperty("hibernate.jdbc.batch_size", "50");
    cfg.getProperties().put("hibernate.tenant_identifier_resolver", new JpaBenchmark.TenantA());
    if (suoja) {
      byte[] master = new byte[32];
      new SecureRandom().nextBytes(master);
      sink = new InMemoryAuditSink();
      Suoja runtime =
          Suoja.builder()
              .keyProvider(KeyProvider.inMemory(Map.of(1, master)))
              .wrappedKeyStore(WrappedKeyStore.inMemory())
              .crypto(c -> c.createTenantKeysOnFirstUse(true))
              .entities(type)
              .policy(CareAccessPolicy.builder().incidentGrants(IncidentGrants.inMemory()).build())
              .auditor(Auditor.builder(sink).application("bench").node("n1").build())
              .build();
      cfg.getProperties().put(SuojaJpaSettings.RUNTIME, runtime);
    }
    sessions = cfg.buildSessionFactory();
    for (int e = 0; e < EMPLOYEES; e++) {
      int employee = e;
      PrivacyContext.runAs(
          actor(employee),
          Purpose.CARE,
          () ->
              sessions.inTransaction(
                  s -> {
                    for (int k = 0; k < PAGE; k++) {
                      long id = 1L + (long) employee * PAGE + k;
                      String hetu = JpaBenchmark.hetu((int) id);
                      s.persist(
                          suoja
                              ? new QuerySealedClient(
                                  id, "e-" + employee, "Etunimi" + id, "Sukunimi-ä" + id, hetu)
                              : new QueryPlainClient(
                                  id, "e-" + employee, "Etunimi" + id, "Sukunimi-ä" + id, hetu));
                    }
                  }));
    }
    fill();
    clearSink();
  }

  private static Actor actor(int employee) {
    return Actor.tenantUser("e-" + employee, "A", Role.EMPLOYEE);
  }

  /** Copies row 1 into ids REAL+1..rows with one INSERT ... SELECT, then analyses the table. */
  private void fill() {
    int extra = rows - REAL;
    if (extra == 0) {
      return;
    }
    String table = prefix + type.getSimpleName();
    String series;
    if (url.startsWith("jdbc:postgresql:")) {
      series = "generate_series(1, " + extra + ") s(n)";
    } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      series = "(select seq as n from seq_1_to_" + extra + ") s";
    } else {
      series = "(select x as n from system_range(1, " + extra + ")) s";
    }
    String hetu = type == QueryPlainClient.class ? "concat('F', s.n)" : "t.hetu";
    String index = type == QueryPlainClient.class ? "t.hetuIndex" : "concat('~', s.n)";
    String sql =
        "insert into "
            + table
            + " (id, organisation, responsibleEmployee, firstName, lastName, hetu, hetuIndex,"
            + " municipality) select s.n + "
            + REAL
            + ", t.organisation, concat('f-', mod(s.n, "
            + Math.max(1, extra / PAGE)
            + ")), t.firstName, t.lastName, "
            + hetu
            + ", "
            + index
            + ", t.municipality from "
            + table
            + " t, "
            + series
            + " where t.id = 1";
    sessions.inTransaction(s -> s.createNativeMutationQuery(sql).executeUpdate());
    String analyse = (url.startsWith("jdbc:postgresql:") ? "analyze " : "analyze table ") + table;
    sessions.inTransaction(s -> s.doWork(c -> c.createStatement().execute(analyse)));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sessions.close();
  }

  /** Forget the audit events an invocation wrote. */
  @TearDown(Level.Invocation)
  public void clearSink() {
    if (sink != null) {
      sink.clear();
    }
  }

  /** The 50 clients of the next employee, as that employee; returns the page. */
  @Benchmark
  public List<?> page() {
    int employee = next++ % EMPLOYEES;
    List<?> page =
        PrivacyContext.callAs(
            actor(employee),
            Purpose.CARE,
            () ->
                sessions.fromTransaction(
                    s ->
                        s.createSelectionQuery(
                                "from "
                                    + type.getSimpleName()
                                    + " c where c.responsibleEmployee = :e order by c.id",
                                type)
                            .setParameter("e", "e-" + employee)
                            .setMaxResults(PAGE)
                            .getResultList()));
    if (page.size() != PAGE) {
      throw new IllegalStateException("page of " + page.size());
    }
    return page;
  }

  /** One client by HETU (the next of the persisted ones), as its employee. */
  @Benchmark
  public Object findByHetu() {
    int id = 1 + (next++ * 7919) % REAL;
    String hetu = JpaBenchmark.hetu(id);
    List<?> found =
        PrivacyContext.callAs(
            actor((id - 1) / PAGE),
            Purpose.CARE,
            () ->
                sessions.fromTransaction(
                    s ->
                        s.createSelectionQuery(
                                "from " + type.getSimpleName() + " c where c.hetu = :h", type)
                            .setParameter("h", hetu)
                            .getResultList()));
    if (found.isEmpty()) {
      throw new IllegalStateException("not found");
    }
    return found.get(0);
  }

  /**
   * The plan the database chooses for the lookup and the page ({@code EXPLAIN}), for the report.
   */
  String explain(String column, String value) {
    String table = prefix + type.getSimpleName();
    String sql = "explain select * from " + table + " where " + column + " = '" + value + "'";
    StringBuilder plan = new StringBuilder();
    sessions.inTransaction(
        s ->
            s.doWork(
                c -> {
                  try (var rs = c.createStatement().executeQuery(sql)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                      for (int i = 1; i <= n; i++) {
                        plan.append(rs.getString(i)).append(' ');
                      }
                      plan.append('|');
                    }
                  }
                }));
    return plan.toString();
  }
}
