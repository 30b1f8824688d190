package fi.suoja.benchmarks.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fi.suoja.audit.AccessBasis;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.Outcome;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JsonLinesFileSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

/**
 * Events per second appended by the audit file sink, against a baseline in the same run.
 *
 * <ul>
 *   <li>{@code baseline}: the event serialised by plain Jackson databind and appended as a line to
 *       a buffered file stream under a lock (no hashing, no chain, no fsync);
 *   <li>{@code baseline_fsync}: the same, but each call forces the file (no group commit);
 *   <li>{@code buffered}: {@link JsonLinesFileSink} in BUFFERED mode (HMAC chain, Merkle frontier,
 *       flush every 1 s, a signed checkpoint every {@code checkpointEvery} records, 10 000 unless
 *       {@code -p checkpointEvery=...});
 *   <li>{@code durable}: the same sink in DURABLE mode (group commit: one fsync per batch).
 * </ul>
 *
 * <p>The score of a multi-threaded method is the total across its threads. Files go to {@code
 * -Dsuoja.bench.dir} (default: the system temp dir; use a real disk, tmpfs makes fsync free) and
 * are deleted after each iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class FileSinkBenchmark {

  @Param({"baseline", "buffered", "durable", "baseline_fsync"})
  public String mode;

  /** Records per signed checkpoint (sink modes only; set here too for AuditCpuTimeRatios). */
  @Param({"10000"})
  public long checkpointEvery = 10_000;

  private Path dir;
  private JsonLinesFileSink sink;
  private FileChannel channel;
  private OutputStream baseline;
  private ObjectMapper mapper;
  private AuditEvent event;
  private java.security.PrivateKey signer;

  @Setup(Level.Trial)
  public void keys() throws Exception {
    signer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
    mapper = new ObjectMapper().registerModule(new JavaTimeModule());
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
  }

  @Setup(Level.Iteration)
  public void open() throws IOException {
    Path base =
        Path.of(System.getProperty("suoja.bench.dir", System.getProperty("java.io.tmpdir")));
    Files.createDirectories(base);
    dir = Files.createTempDirectory(base, "suoja-audit-bench");
    switch (mode) {
      case "baseline", "baseline_fsync" -> {
        channel =
            FileChannel.open(
                dir.resolve("baseline.jsonl"),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        baseline = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
      }
      default ->
          sink =
              JsonLinesFileSink.builder(dir.resolve("trail"))
                  .chain(
                      ChainOptions.builder()
                          .chainId("bench")
                          .chainKey(ChainKey.generate())
                          .checkpoints(signer)
                          .checkpointEvery(checkpointEvery, Duration.ofSeconds(10))
                          .build())
                  .checkpointDirectory(dir.resolve("checkpoints"))
                  .durability(
                      mode.equals("durable")
                          ? JsonLinesFileSink.Durability.DURABLE
                          : JsonLinesFileSink.Durability.BUFFERED)
                  .flushInterval(Duration.ofSeconds(1))
                  .build();
    }
  }

  @TearDown(Level.Iteration)
  public void close() throws IOException {
    if (sink != null) {
      sink.close();
      sink = null;
    }
    if (baseline != null) {
      baseline.close();
      baseline = null;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private void append() throws IOException {
    if (sink != null) {
      sink.record(event);
      return;
    }
    byte[] line = mapper.writeValueAsBytes(event);
    synchronized (this) {
      baseline.write(line);
      baseline.write('\n');
      if (mode.equals("baseline_fsync")) {
        baseline.flush();
        channel.force(false);
      }
    }
  }

  /** One appending thread. */
  @Benchmark
  @Threads(1)
  public void threads1() throws IOException {
    append();
  }

  /** Two appending threads. */
  @Benchmark
  @Threads(2)
  public void threads2() throws IOException {
    append();
  }

  /** Eight appending threads. */
  @Benchmark
  @Threads(8)
  public void threads8() throws IOException {
    append();
  }
}
