package fi.suoja.benchmarks.audit;

import fi.suoja.audit.AccessBasis;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.Outcome;
import fi.suoja.audit.kafka.KafkaAuditSink;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JdbcAuditSink;
import fi.suoja.audit.sink.JsonLinesFileSink;
import fi.suoja.audit.spi.AuditSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Events per second recorded DURABLE (the call returns once the event is stored) by the Kafka sink,
 * next to the file and JDBC sinks in the same run, all with the same chain options (HMAC chain,
 * Merkle frontier, a signed checkpoint every 10 000 records).
 *
 * <ul>
 *   <li>{@code kafka}: {@link KafkaAuditSink} DURABLE to the broker at {@code -Dsuoja.bench.kafka}
 *       (default {@code 127.0.0.1:9092}; one topic with one partition and its checkpoint topic are
 *       created per trial);
 *   <li>{@code file}: {@link JsonLinesFileSink} DURABLE under {@code -Dsuoja.bench.dir};
 *   <li>{@code jdbc}: {@link JdbcAuditSink} to the PostgreSQL at {@code -Dsuoja.bench.postgresql}
 *       (default {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}; a table per trial).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class KafkaSinkBenchmark {

  @Param({"kafka", "file", "jdbc"})
  public String sink;

  private AuditSink target;
  private AuditEvent event;
  private PrivateKey signer;
  private Path dir;
  private PGSimpleDataSource ds;
  private String table;
  private String topic;
  private int iteration;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    signer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
    event =
        AuditEvent.builder()
            .time(Instant.parse("2026-03-01T10:15:30.123456Z"))
            .actor(AuditActor.tenantUser("u-1234", "tenant-42", Set.of("NURSE")))
            .action(AuditAction.READ)
            .resource("Client", "c-8f14e45f-ceea-467f-a0e6-1d3a9c2b7e11", "tenant-42")
            .subject("s-8f14e45f-ceea-467f-a0e6-1d3a9c2b7e11")
            .fields("firstName", "lastName", "hetu", "address")
            .basis(AccessBasis.owner())
            .purpose("CARE")
            .outcome(Outcome.success())
            .correlationId("req-5f1a2b3c")
            .application("echat")
            .node("node-1")
            .build();
    long id = System.currentTimeMillis();
    switch (sink) {
      case "kafka" -> {
        topic = "bench-audit-" + id;
        try (Admin admin =
            Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka()))) {
          admin
              .createTopics(
                  List.of(
                      new NewTopic(topic, 1, (short) 1),
                      new NewTopic(topic + ".checkpoints", 1, (short) 1)))
              .all()
              .get(30, TimeUnit.SECONDS);
        }
      }
      case "jdbc" -> {
        ds = new PGSimpleDataSource();
        ds.setURL(
            System.getProperty(
                "suoja.bench.postgresql", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
        table = "bench_kafka_cmp_" + id;
        JdbcAuditSink.createTables(ds, table);
      }
      default -> {
        Path base =
            Path.of(System.getProperty("suoja.bench.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        dir = Files.createTempDirectory(base, "suoja-kafka-cmp");
      }
    }
  }

  private static String kafka() {
    return System.getProperty("suoja.bench.kafka", "127.0.0.1:9092");
  }

  @Setup(Level.Iteration)
  public void open() {
    ChainOptions chain =
        ChainOptions.builder()
            .chainId("bench-" + ++iteration)
            .chainKey(ChainKey.generate())
            .checkpoints(signer)
            .checkpointEvery(10_000, Duration.ofSeconds(10))
            .build();
    target =
        switch (sink) {
          case "kafka" ->
              KafkaAuditSink.builder(kafka(), topic)
                  .chain(chain)
                  .checkpointTopic(topic + ".checkpoints")
                  .build();
          case "jdbc" -> JdbcAuditSink.builder(ds).table(table).chain(chain).build();
          default ->
              JsonLinesFileSink.builder(dir.resolve("trail-" + iteration))
                  .chain(chain)
                  .checkpointDirectory(dir.resolve("checkpoints"))
                  .build();
        };
  }

  @TearDown(Level.Iteration)
  public void close() {
    target.close();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (ds != null) {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE " + table);
        s.execute("DROP TABLE " + table + "_checkpoint");
      }
    }
    if (dir != null) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    if (topic != null) {
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka()))) {
        admin.deleteTopics(List.of(topic, topic + ".checkpoints")).all().get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** One recording thread. */
  @Benchmark
  @Threads(1)
  public void threads1() {
    target.record(event);
  }

  /** Eight recording threads. */
  @Benchmark
  @Threads(8)
  public void threads8() {
    target.record(event);
  }
}
