package fi.suoja.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.AuditUnavailableException;
import fi.suoja.audit.Events;
import fi.suoja.audit.TestDatabase;
import fi.suoja.audit.TestSupport;
import fi.suoja.audit.verify.AuditVerifier;
import fi.suoja.audit.verify.Verification;
import fi.suoja.audit.verify.Verification.Problem;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcAuditSinkTest {
  static final String JDBC =
      "invalid JDBC sink configuration (JdbcAuditSink.builder(dataSource)): ";

  private DataSource ds;
  private final String table = TestDatabase.uniqueTable();

  @AfterEach
  void dropTables() {
    if (ds != null) {
      TestDatabase.drop(ds, table);
    }
  }

  private DataSource open(TestDatabase db) {
    DataSource source = db.dataSource();
    JdbcAuditSink.createTables(source, table);
    ds = source;
    return source;
  }

  private JdbcAuditSink sink(String chain) {
    return JdbcAuditSink.builder(ds)
        .table(table)
        .chain(chain(chain).checkpointEvery(50, Duration.ofMinutes(1)).build())
        .build();
  }

  private static ChainOptions.Builder chain(String chainId) {
    return ChainOptions.builder()
        .chainId(chainId)
        .chainKey(TestSupport.CHAIN_KEY)
        .checkpoints(TestSupport.CHECKPOINT_KEYS.getPrivate());
  }

  private static ChainOptions unsigned(String chainId) {
    return ChainOptions.builder().chainId(chainId).withoutCheckpoints().build();
  }

  private List<Verification> verify() {
    return AuditVerifier.builder()
        .chainKey(TestSupport.CHAIN_KEY)
        .checkpointKey(TestSupport.CHECKPOINT_KEYS.getPublic())
        .build()
        .verifyTable(ds, table, ds);
  }

  private void sql(String statement) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void record_twoNodesConcurrently_eachChainVerifies(TestDatabase db) throws Exception {
    open(db);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try (JdbcAuditSink a = sink("node-a");
        JdbcAuditSink b = sink("node-b")) {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        JdbcAuditSink target = t % 2 == 0 ? a : b;
        int thread = t;
        fs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 40; i++) {
                    target.record(Events.read(i).toBuilder().id("t" + thread + "-" + i).build());
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<Verification> results = verify();
    assertThat(results)
        .hasSize(2)
        .allSatisfy(
            v ->
                assertThat(v)
                    .isInstanceOfSatisfying(
                        Verification.Intact.class,
                        ok -> {
                          assertThat(ok.records()).isEqualTo(120);
                          assertThat(ok.anchored()).isEqualTo(120);
                        }));
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(240);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void tampering_inTable_detectedAtTheRow(TestDatabase db) throws Exception {
    open(db);
    try (JdbcAuditSink s = sink("n")) {
      for (int i = 0; i < 10; i++) {
        s.record(Events.read(i));
      }
    }
    sql("UPDATE " + table + " SET event_json = REPLACE(event_json, 'CARE', 'XXXX') WHERE seq = 4");
    Verification.Broken b = (Verification.Broken) verify().get(0);
    assertThat(b.position()).isEqualTo(4);
    assertThat(b.problem()).isEqualTo(Problem.HASH_MISMATCH);

    sql("UPDATE " + table + " SET event_json = REPLACE(event_json, 'XXXX', 'CARE') WHERE seq = 4");
    sql("UPDATE " + table + " SET subject_id = 's-other' WHERE seq = 2");
    b = (Verification.Broken) verify().get(0);
    assertThat(b.position()).isEqualTo(2);
    assertThat(b.detail()).contains("subject_id disagrees");

    sql("UPDATE " + table + " SET subject_id = 's-2' WHERE seq = 2");
    assertThat(verify().get(0)).isInstanceOf(Verification.Intact.class);
    sql("DELETE FROM " + table + " WHERE seq = 7");
    b = (Verification.Broken) verify().get(0);
    assertThat(b.problem()).isEqualTo(Problem.MISSING_RECORD);
    assertThat(b.position()).isEqualTo(7);

    sql("DELETE FROM " + table + " WHERE seq >= 7");
    b = (Verification.Broken) verify().get(0);
    assertThat(b.problem()).isEqualTo(Problem.TRUNCATED);
    assertThat(b.position()).isEqualTo(7);
  }

  private List<Long> checkpointSizes() throws Exception {
    List<Long> sizes = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT tree_size FROM " + table + "_checkpoint ORDER BY tree_size")) {
      while (rs.next()) {
        sizes.add(rs.getLong(1));
      }
    }
    return sizes;
  }

  // D9 (the JDBC sink shares the chain writer): one transaction holding several multiples of
  // checkpointEvery used to get a single checkpoint, at its end.
  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void recordAll_batchAcrossMultiples_checkpointAtEveryMultiple(TestDatabase db) throws Exception {
    open(db);
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      events.add(Events.read(i));
    }
    try (JdbcAuditSink s =
        JdbcAuditSink.builder(ds)
            .table(table)
            .chain(chain("n").checkpointEvery(5, Duration.ofHours(1)).build())
            .build()) {
      s.recordAll(events);
      assertThat(checkpointSizes()).containsExactly(5L, 10L, 15L, 20L);
    }
    assertThat(checkpointSizes()).containsExactly(5L, 10L, 15L, 20L, 23L);
    assertThat(verify())
        .singleElement()
        .isInstanceOfSatisfying(
            Verification.Intact.class,
            ok -> {
              assertThat(ok.records()).isEqualTo(23);
              assertThat(ok.anchored()).isEqualTo(23);
            });
  }

  @Test
  void record_missingTable_failsClosed() {
    ds = TestDatabase.H2.dataSource();
    JdbcAuditSink s = JdbcAuditSink.builder(ds).table(table).chain(unsigned("n")).build();
    assertThatThrownBy(() -> s.record(Events.read(1)))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessageContaining("table " + table);
  }

  @Test
  void build_invalidTableName_refused() {
    ds = TestDatabase.H2.dataSource();
    assertThatThrownBy(
            () -> JdbcAuditSink.builder(ds).table("x; DROP TABLE y").chain(unsigned("n")).build())
        .isInstanceOf(AuditException.class)
        .hasMessageStartingWith("SUOJA-4020");
  }

  @Test
  void build_withoutChainOptions_refused() {
    ds = TestDatabase.H2.dataSource();
    assertThatThrownBy(() -> JdbcAuditSink.builder(ds).build())
        .isInstanceOf(AuditException.class)
        .hasMessage("SUOJA-4020: " + JDBC + "call chain(options)");
  }

  @Test
  void build_checkpointDatabaseWithoutCheckpoints_refused() {
    ds = TestDatabase.H2.dataSource();
    assertThatThrownBy(
            () -> JdbcAuditSink.builder(ds).chain(unsigned("n")).checkpointDatabase(ds).build())
        .isInstanceOf(AuditException.class)
        .hasMessage(
            "SUOJA-4020: "
                + JDBC
                + "checkpointDatabase(dataSource)"
                + " was called but the chain options are withoutCheckpoints()");
  }

  @Test
  void ddl_everyDialect_namesTheChainColumns() {
    for (JdbcAuditSink.Dialect d : JdbcAuditSink.Dialect.values()) {
      assertThat(JdbcAuditSink.ddl(d, "audit").get(0))
          .contains("chain_id", "seq", "chain_hash", "event_json", "PRIMARY KEY (chain_id, seq)");
    }
  }
}
