package fi.suoja.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.AuditUnavailableException;
import fi.suoja.audit.Events;
import fi.suoja.audit.TestSupport;
import fi.suoja.audit.verify.AuditVerifier;
import fi.suoja.audit.verify.Checkpoint;
import fi.suoja.audit.verify.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonLinesFileSinkTest {
  static final String FILE =
      "invalid file sink configuration (JsonLinesFileSink.builder(directory)): ";

  private final Path dir = TestSupport.tempDir("file-sink");
  private final Path trail = dir.resolve("trail");
  private final Path checkpoints = dir.resolve("checkpoints");

  @AfterEach
  void cleanUp() {
    TestSupport.delete(dir);
  }

  private static ChainOptions.Builder chain() {
    return ChainOptions.builder()
        .chainId("node1-1")
        .chainKey(TestSupport.CHAIN_KEY)
        .checkpoints(TestSupport.CHECKPOINT_KEYS.getPrivate());
  }

  private JsonLinesFileSink.Builder sink() {
    return sink(chain());
  }

  private JsonLinesFileSink.Builder sink(ChainOptions.Builder chain) {
    return JsonLinesFileSink.builder(trail).chain(chain.build()).checkpointDirectory(checkpoints);
  }

  private AuditVerifier verifier() {
    return AuditVerifier.builder()
        .chainKey(TestSupport.CHAIN_KEY)
        .checkpointKey(TestSupport.CHECKPOINT_KEYS.getPublic())
        .build();
  }

  private static List<Path> files(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.sorted().toList();
    }
  }

  @Test
  void record_durable_everyRecordOnDiskAndVerifies() throws Exception {
    try (JsonLinesFileSink s = sink().build()) {
      for (int i = 0; i < 25; i++) {
        s.record(Events.read(i));
        // durable: the line is in the file when record returns
        List<String> lines = Files.readAllLines(files(trail).get(0));
        assertThat(lines).hasSize(i + 1);
      }
    }
    List<Verification> results = verifier().verifyFiles(trail, checkpoints);
    assertThat(results)
        .singleElement()
        .isInstanceOfSatisfying(
            Verification.Intact.class,
            ok -> {
              assertThat(ok.records()).isEqualTo(25);
              assertThat(ok.anchored()).isEqualTo(25);
            });
  }

  @Test
  void record_lineFormat_documentedFields() throws Exception {
    try (JsonLinesFileSink s = sink().build()) {
      s.record(Events.read(1));
    }
    String line = Files.readAllLines(files(trail).get(0)).get(0);
    assertThat(line)
        .startsWith("{\"seq\":0,\"chain\":\"node1-1\",\"event\":{\"id\":\"ev-1\"")
        .matches(".*,\"hash\":\"[A-Za-z0-9+/]{43}=\"}$");
  }

  @Test
  void rotation_bySize_chainContinuesAcrossFiles() throws Exception {
    try (JsonLinesFileSink s = sink().rotateAtBytes(2048).build()) {
      for (int i = 0; i < 30; i++) {
        s.record(Events.read(i));
      }
    }
    List<Path> files = files(trail);
    assertThat(files.size()).isGreaterThan(5);
    assertThat(files.get(1).getFileName().toString())
        .matches("audit-node1-1-0{15}[1-9]\\.jsonl|audit-node1-1-0{14}\\d\\d\\.jsonl");
    assertThat(verifier().verifyFiles(trail, checkpoints))
        .singleElement()
        .isInstanceOfSatisfying(
            Verification.Intact.class, ok -> assertThat(ok.records()).isEqualTo(30));
  }

  @Test
  void rotation_byDate_newFileAfterMidnightUtc() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T23:59:59Z"));
    try (JsonLinesFileSink s = sink(chain().clock(clock)).build()) {
      s.record(Events.read(1));
      s.record(Events.read(2));
      clock.now = Instant.parse("2026-01-02T00:00:01Z");
      s.record(Events.read(3));
    }
    assertThat(files(trail))
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "audit-node1-1-0000000000000000.jsonl", "audit-node1-1-0000000000000002.jsonl");
    assertThat(verifier().verifyFiles(trail, checkpoints).get(0))
        .isInstanceOf(Verification.Intact.class);
  }

  @Test
  void deletingAWholeRotatedFile_detectedAsMissingRecords() throws Exception {
    try (JsonLinesFileSink s = sink().rotateAtBytes(2048).build()) {
      for (int i = 0; i < 30; i++) {
        s.record(Events.read(i));
      }
    }
    Path second = files(trail).get(1);
    long firstSeqOfThird =
        Long.parseLong(
            files(trail).get(2).getFileName().toString().replaceAll("\\D", "").substring(1));
    Files.delete(second);
    Verification v = verifier().verifyFiles(trail, checkpoints).get(0);
    assertThat(v)
        .isInstanceOfSatisfying(
            Verification.Broken.class,
            bad -> {
              assertThat(bad.problem()).isEqualTo(Verification.Problem.MISSING_RECORD);
              assertThat(bad.position()).isLessThan(firstSeqOfThird);
            });
  }

  @Test
  void buffered_closeLosesNothing() throws Exception {
    JsonLinesFileSink s =
        sink()
            .durability(JsonLinesFileSink.Durability.BUFFERED)
            .flushInterval(Duration.ofHours(1))
            .build();
    for (int i = 0; i < 500; i++) {
      s.record(Events.read(i));
    }
    s.close();
    assertThat(Files.readAllLines(files(trail).get(0))).hasSize(500);
    assertThat(verifier().verifyFiles(trail, checkpoints).get(0))
        .isInstanceOf(Verification.Intact.class);
  }

  @Test
  void buffered_flush_writesEverythingAccepted() throws Exception {
    try (JsonLinesFileSink s =
        sink()
            .durability(JsonLinesFileSink.Durability.BUFFERED)
            .flushInterval(Duration.ofHours(1))
            .build()) {
      for (int i = 0; i < 10; i++) {
        s.record(Events.read(i));
      }
      assertThat(Files.exists(trail)).isFalse(); // nothing written yet: truly buffered
      s.flush();
      assertThat(Files.readAllLines(files(trail).get(0))).hasSize(10);
    }
  }

  @Test
  void buffered_flushInterval_writesWithoutExplicitFlush() throws Exception {
    try (JsonLinesFileSink s =
        sink()
            .durability(JsonLinesFileSink.Durability.BUFFERED)
            .flushInterval(Duration.ofMillis(20))
            .build()) {
      s.record(Events.read(1));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!Files.exists(trail)
          || files(trail).isEmpty()
          || Files.size(files(trail).get(0)) == 0) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(5);
      }
    }
  }

  @Test
  void buffered_capacityReached_writtenWithoutWaitingForInterval() throws Exception {
    try (JsonLinesFileSink s =
        sink()
            .durability(JsonLinesFileSink.Durability.BUFFERED)
            .bufferCapacity(4)
            .flushInterval(Duration.ofHours(1))
            .build()) {
      for (int i = 0; i < 9; i++) {
        s.record(Events.read(i));
      }
      // at least the first full queue (4 records) is written long before the 1-hour interval;
      // how the other 5 split into batches depends on timing
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!Files.isDirectory(trail)
          || files(trail).isEmpty()
          || Files.readAllLines(files(trail).get(0)).size() < 4) {
        assertThat(System.nanoTime())
            .as("background writer woken by capacity")
            .isLessThan(deadline);
        Thread.sleep(5);
      }
    }
  }

  /** Tree sizes of the signed checkpoints stored so far, in the order they were stored. */
  private List<Long> checkpointSizes() throws Exception {
    Path file = checkpoints.resolve("node1-1.checkpoints.jsonl");
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file).stream()
        .map(Checkpoint::fromJson)
        .map(Checkpoint::size)
        .toList();
  }

  private void assertIntact(long records) {
    assertThat(verifier().verifyFiles(trail, checkpoints))
        .singleElement()
        .isInstanceOfSatisfying(
            Verification.Intact.class,
            ok -> {
              assertThat(ok.records()).isEqualTo(records);
              assertThat(ok.anchored()).isEqualTo(records);
            });
  }

  // D9: a burst written as one batch used to get a single checkpoint at the batch's end (here at
  // close), so the checkpoints did not follow checkpointEvery at all.
  @Test
  void buffered_burst_checkpointAtEveryMultipleOfCheckpointEvery() throws Exception {
    JsonLinesFileSink s =
        sink(chain().checkpointEvery(5, Duration.ofHours(1)))
            .durability(JsonLinesFileSink.Durability.BUFFERED)
            .flushInterval(Duration.ofHours(1))
            .build();
    for (int i = 0; i < 20; i++) {
      s.record(Events.read(i));
    }
    s.close();
    assertThat(checkpointSizes()).containsExactly(5L, 10L, 15L, 20L);
    assertIntact(20);
  }

  @Test
  void buffered_flushMidBurst_tailAfterLastMultipleOnlyUnanchored() throws Exception {
    JsonLinesFileSink s =
        sink(chain().checkpointEvery(5, Duration.ofHours(1)))
            .durability(JsonLinesFileSink.Durability.BUFFERED)
            .flushInterval(Duration.ofHours(1))
            .build();
    for (int i = 0; i < 23; i++) {
      s.record(Events.read(i));
    }
    s.flush();
    // 23 records on disk, the last 3 (< checkpointEvery) after the last checkpoint
    assertThat(checkpointSizes()).containsExactly(5L, 10L, 15L, 20L);
    s.close();
    assertThat(checkpointSizes()).containsExactly(5L, 10L, 15L, 20L, 23L);
    assertIntact(23);
  }

  @Test
  void buffered_backgroundBatches_checkpointAtEveryMultipleWhateverTheBatching() throws Exception {
    // capacity 4 against checkpointEvery 5: the writer's batches straddle the multiples
    JsonLinesFileSink s =
        sink(chain().checkpointEvery(5, Duration.ofHours(1)))
            .durability(JsonLinesFileSink.Durability.BUFFERED)
            .bufferCapacity(4)
            .flushInterval(Duration.ofHours(1))
            .build();
    for (int i = 0; i < 20; i++) {
      s.record(Events.read(i));
    }
    s.close();
    assertThat(checkpointSizes()).containsExactly(5L, 10L, 15L, 20L);
    assertIntact(20);
  }

  @Test
  void recordAll_durable_checkpointAtEveryMultipleInsideTheBatch() throws Exception {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      events.add(Events.read(i));
    }
    try (JsonLinesFileSink s = sink(chain().checkpointEvery(5, Duration.ofHours(1))).build()) {
      s.recordAll(events);
      assertThat(checkpointSizes()).containsExactly(5L, 10L, 15L, 20L);
    }
    assertThat(checkpointSizes()).containsExactly(5L, 10L, 15L, 20L, 23L);
    assertIntact(23);
  }

  @Test
  void record_intervalPassed_checkpointAtTheNextWriteOnly() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    try (JsonLinesFileSink s =
        sink(chain().clock(clock).checkpointEvery(100, Duration.ofMinutes(1))).build()) {
      for (int i = 0; i < 3; i++) {
        s.record(Events.read(i));
      }
      clock.now = clock.now.plus(Duration.ofMinutes(2));
      assertThat(checkpointSizes()).isEmpty(); // no write, no checkpoint: the tail waits
      s.record(Events.read(3));
      assertThat(checkpointSizes()).containsExactly(4L);
      s.record(Events.read(4));
      assertThat(checkpointSizes()).containsExactly(4L);
    }
    assertThat(checkpointSizes()).containsExactly(4L, 5L);
    assertIntact(5);
  }

  @Test
  void recordAll_durable_oneBatchVerifies() throws Exception {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      events.add(Events.read(i));
    }
    try (JsonLinesFileSink s = sink().build()) {
      s.recordAll(events);
      assertThat(s.size()).isEqualTo(100);
    }
    assertThat(verifier().verifyFiles(trail, checkpoints).get(0))
        .isInstanceOf(Verification.Intact.class);
  }

  @Test
  void record_interruptedCaller_channelSurvivesAndInterruptKept() throws Exception {
    try (JsonLinesFileSink s = sink().build()) {
      Thread.currentThread().interrupt();
      s.record(Events.read(1));
      assertThat(Thread.interrupted()).isTrue();
      s.record(Events.read(2));
    }
    assertThat(verifier().verifyFiles(trail, checkpoints).get(0))
        .isInstanceOf(Verification.Intact.class);
  }

  @Test
  void record_interruptedCallers_rotationsAndCheckpointsStillDurable() throws Exception {
    // Every leader is interrupted: rotations (directory sync) and checkpoints happen under it.
    try (JsonLinesFileSink s =
        sink(chain().checkpointEvery(3, Duration.ofHours(1))).rotateAtBytes(2048).build()) {
      for (int i = 0; i < 20; i++) {
        Thread.currentThread().interrupt();
        s.record(Events.read(i));
        assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
      }
    }
    assertThat(files(trail).size()).isGreaterThan(3);
    assertThat(verifier().verifyFiles(trail, checkpoints))
        .singleElement()
        .isInstanceOfSatisfying(
            Verification.Intact.class,
            ok -> {
              assertThat(ok.records()).isEqualTo(20);
              assertThat(ok.anchored()).isEqualTo(20);
            });
  }

  @Test
  void record_afterClose_failsClosed() {
    JsonLinesFileSink s = sink().build();
    s.record(Events.read(1));
    s.close();
    assertThatThrownBy(() -> s.record(Events.read(2)))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void record_unwritableDirectory_failsClosed() throws Exception {
    Path notADir = dir.resolve("file");
    Files.writeString(notADir, "x");
    JsonLinesFileSink s =
        JsonLinesFileSink.builder(notADir.resolve("sub"))
            .chain(ChainOptions.builder().chainId("c").withoutCheckpoints().build())
            .build();
    assertThatThrownBy(() -> s.record(Events.read(1)))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessageStartingWith("SUOJA-4100");
    assertThatThrownBy(() -> s.record(Events.read(2)))
        .isInstanceOf(AuditUnavailableException.class);
  }

  @Test
  void build_withoutChainOptions_refused() {
    assertThatThrownBy(() -> JsonLinesFileSink.builder(trail).build())
        .isInstanceOf(AuditException.class)
        .hasMessage("SUOJA-4020: " + FILE + "call chain(options)");
  }

  @Test
  void build_signedCheckpointsWithoutDirectory_refused() {
    assertThatThrownBy(() -> JsonLinesFileSink.builder(trail).chain(chain().build()).build())
        .isInstanceOf(AuditException.class)
        .hasMessage(
            "SUOJA-4020: "
                + FILE
                + "the chain options sign"
                + " checkpoints: call checkpointDirectory(directory)");
  }

  @Test
  void build_directoryWithoutCheckpoints_refused() {
    assertThatThrownBy(() -> sink(chain().withoutCheckpoints()).build())
        .isInstanceOf(AuditException.class)
        .hasMessageStartingWith("SUOJA-4020: " + FILE)
        .hasMessageEndingWith("the chain options are withoutCheckpoints()");
  }

  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
