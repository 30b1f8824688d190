package fi.suoja.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Events;
import fi.suoja.audit.TestSupport;
import fi.suoja.audit.verify.AuditVerifier;
import fi.suoja.audit.verify.Checkpoint;
import fi.suoja.audit.verify.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Many threads appending in both modes: afterwards the chain verifies and the count is exact. */
class ConcurrentAppendTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 400;
  private final Path dir = TestSupport.tempDir("concurrent");

  @AfterEach
  void cleanUp() {
    TestSupport.delete(dir);
  }

  @ParameterizedTest
  @EnumSource(JsonLinesFileSink.Durability.class)
  void record_manyThreads_chainVerifiesAndCountExact(JsonLinesFileSink.Durability mode)
      throws Exception {
    Path trail = dir.resolve("trail");
    JsonLinesFileSink sink =
        JsonLinesFileSink.builder(trail)
            .chain(
                ChainOptions.builder()
                    .chainId("node-" + mode)
                    .chainKey(TestSupport.CHAIN_KEY)
                    .checkpoints(TestSupport.CHECKPOINT_KEYS.getPrivate())
                    .checkpointEvery(500, Duration.ofSeconds(1))
                    .build())
            .checkpointDirectory(dir.resolve("cp"))
            .durability(mode)
            .bufferCapacity(256)
            .flushInterval(Duration.ofMillis(5))
            .rotateAtBytes(256 * 1024)
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < PER_THREAD; i++) {
                  AuditEvent e = Events.read(i).toBuilder().id("t" + thread + "-" + i).build();
                  sink.record(e);
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    sink.close();

    List<Verification> results =
        AuditVerifier.builder()
            .chainKey(TestSupport.CHAIN_KEY)
            .checkpointKey(TestSupport.CHECKPOINT_KEYS.getPublic())
            .build()
            .verifyFiles(trail, dir.resolve("cp"));
    assertThat(results)
        .singleElement()
        .isInstanceOfSatisfying(
            Verification.Intact.class,
            ok -> {
              assertThat(ok.records()).isEqualTo(THREADS * PER_THREAD);
              assertThat(ok.anchored()).isEqualTo(THREADS * PER_THREAD);
            });
    // however the callers' records fell into batches, every multiple of checkpointEvery is signed
    List<Long> sizes =
        Files.readAllLines(dir.resolve("cp").resolve("node-" + mode + ".checkpoints.jsonl"))
            .stream()
            .map(Checkpoint::fromJson)
            .map(Checkpoint::size)
            .toList();
    assertThat(sizes).isSorted().doesNotHaveDuplicates();
    List<Long> multiples = new ArrayList<>();
    for (long m = 500; m <= THREADS * PER_THREAD; m += 500) {
      multiples.add(m);
    }
    assertThat(sizes).containsAll(multiples).endsWith((long) THREADS * PER_THREAD);
    Set<String> ids = new HashSet<>();
    try (Stream<Path> files = Files.list(trail)) {
      for (Path f : files.toList()) {
        for (String line : Files.readAllLines(f)) {
          ids.add(line.replaceAll("^.*\"event\":\\{\"id\":\"([^\"]+)\".*$", "$1"));
        }
      }
    }
    assertThat(ids).hasSize(THREADS * PER_THREAD);
  }
}
