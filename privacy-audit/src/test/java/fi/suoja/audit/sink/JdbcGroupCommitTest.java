package fi.suoja.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.AuditUnavailableException;
import fi.suoja.audit.Events;
import fi.suoja.audit.TestDatabase;
import fi.suoja.audit.TestSupport;
import fi.suoja.audit.verify.AuditVerifier;
import fi.suoja.audit.verify.Verification;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Group commit of {@link JdbcAuditSink} DURABLE: many callers share one transaction, each is
 * released only after its batch committed, and a failed batch fails every caller in it.
 */
class JdbcGroupCommitTest {
  private DataSource ds;
  private final String table = TestDatabase.uniqueTable();

  @AfterEach
  void dropTables() {
    if (ds != null) {
      TestDatabase.drop(ds, table);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void record_eightThreads_everyAcknowledgedEventStoredChainVerifies_batchesShareAConnection(
      TestDatabase db) throws Exception {
    ds = db.dataSource();
    JdbcAuditSink.createTables(ds, table);
    AtomicInteger opened = new AtomicInteger();
    DataSource counting = wrap(ds, opened, null);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (JdbcAuditSink sink =
        JdbcAuditSink.builder(counting)
            .table(table)
            .chain(
                ChainOptions.builder()
                    .chainId("group")
                    .chainKey(TestSupport.CHAIN_KEY)
                    .checkpoints(TestSupport.CHECKPOINT_KEYS.getPrivate())
                    .checkpointEvery(100, Duration.ofMinutes(1))
                    .build())
            .build()) {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        fs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    String id = "t" + thread + "-" + i;
                    sink.record(Events.read(i).toBuilder().id(id).build());
                    acknowledged.add(id);
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(acknowledged).hasSize(800);
    assertThat(storedIds()).containsExactlyInAnyOrderElementsOf(acknowledged);
    List<Verification> results =
        AuditVerifier.builder()
            .chainKey(TestSupport.CHAIN_KEY)
            .checkpointKey(TestSupport.CHECKPOINT_KEYS.getPublic())
            .build()
            .verifyTable(ds, table, ds);
    assertThat(results).hasSize(1);
    assertThat(results.get(0))
        .isInstanceOfSatisfying(
            Verification.Intact.class,
            ok -> {
              assertThat(ok.records()).isEqualTo(800);
              assertThat(ok.anchored()).isEqualTo(800);
            });
    // one connection kept for every batch and checkpoint (each took one per batch before)
    assertThat(opened.get()).isLessThanOrEqualTo(2);
  }

  @Test
  void batchFails_everyCallerInItFails_noneOfItsEventsStored_laterCallsFail() throws Exception {
    ds = TestDatabase.H2.dataSource();
    JdbcAuditSink.createTables(ds, table);
    CountDownLatch firstBatchEntered = new CountDownLatch(1);
    CountDownLatch releaseFirstBatch = new CountDownLatch(1);
    AtomicInteger batches = new AtomicInteger();
    // insert #1 (the first caller alone) waits until the others are queued, then succeeds;
    // #2 (the seven queued callers, one group) fails.
    Fault fault =
        () -> {
          int n = batches.incrementAndGet();
          if (n == 1) {
            firstBatchEntered.countDown();
            releaseFirstBatch.await(30, TimeUnit.SECONDS);
          } else if (n == 2) {
            throw new SQLException("injected failure of the second batch", "08006");
          }
        };
    JdbcAuditSink sink =
        JdbcAuditSink.builder(wrap(ds, new AtomicInteger(), fault))
            .table(table)
            .chain(ChainOptions.builder().chainId("fail").withoutCheckpoints().build())
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Future<?> first = pool.submit(() -> sink.record(Events.read(0).toBuilder().id("e0").build()));
      assertThat(firstBatchEntered.await(30, TimeUnit.SECONDS)).isTrue();
      List<Future<?>> group = new ArrayList<>();
      for (int i = 1; i < 8; i++) {
        String id = "e" + i;
        group.add(pool.submit(() -> sink.record(Events.read(1).toBuilder().id(id).build())));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (sink.queueDepth().getAsLong() < 7 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(sink.queueDepth().getAsLong()).isEqualTo(7);
      releaseFirstBatch.countDown();
      first.get(30, TimeUnit.SECONDS); // its batch committed: acknowledged
      for (Future<?> f : group) {
        assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
            .hasCauseInstanceOf(AuditUnavailableException.class)
            .cause()
            .hasMessageContaining("SUOJA-4100");
      }
      assertThat(batches.get()).isEqualTo(2); // the seven callers were one batch
      assertThat(sink.writable()).isFalse();
      assertThatThrownBy(() -> sink.record(Events.read(2)))
          .isInstanceOf(AuditUnavailableException.class);
    } finally {
      pool.shutdown();
      assertThatThrownBy(sink::close).isInstanceOf(AuditUnavailableException.class);
    }
    assertThat(storedIds()).containsExactly("e0");
    List<Verification> results = AuditVerifier.builder().build().verifyTable(ds, table, ds);
    assertThat(results)
        .singleElement()
        .isInstanceOfSatisfying(
            Verification.Intact.class, ok -> assertThat(ok.records()).isEqualTo(1));
  }

  private Set<String> storedIds() throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT event_id FROM " + table)) {
      while (rs.next()) {
        assertThat(ids.add(rs.getString(1))).as("stored once").isTrue();
      }
    }
    return ids;
  }

  /** Runs before each execution of the audit table's insert (one per batch). */
  interface Fault {
    void before() throws Exception;
  }

  /** A DataSource counting the connections it hands out, optionally injecting a fault. */
  static DataSource wrap(DataSource target, AtomicInteger opened, Fault fault) {
    InvocationHandler sourceHandler =
        (proxy, method, args) -> {
          Object result = invoke(target, method, args);
          if (result instanceof Connection c) {
            opened.incrementAndGet();
            return fault == null ? c : faulty(c, fault);
          }
          return result;
        };
    return (DataSource)
        Proxy.newProxyInstance(
            JdbcGroupCommitTest.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            sourceHandler);
  }

  private static Connection faulty(Connection c, Fault fault) {
    return (Connection)
        Proxy.newProxyInstance(
            JdbcGroupCommitTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              Object result = invoke(c, method, args);
              if (result instanceof PreparedStatement ps
                  && args != null
                  && args[0] instanceof String sql
                  && sql.contains("event_json")) {
                return (PreparedStatement)
                    Proxy.newProxyInstance(
                        JdbcGroupCommitTest.class.getClassLoader(),
                        new Class<?>[] {PreparedStatement.class},
                        (p, m, a) -> {
                          if (m.getName().equals("executeBatch")
                              || m.getName().equals("executeUpdate")) {
                            fault.before();
                          }
                          return invoke(ps, m, a);
                        });
              }
              return result;
            });
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
