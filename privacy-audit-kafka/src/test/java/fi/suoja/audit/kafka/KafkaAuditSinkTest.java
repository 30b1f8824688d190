package fi.suoja.audit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.suoja.audit.AccessBasis;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.AuditUnavailableException;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.Outcome;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JsonLinesFileSink.Durability;
import fi.suoja.audit.verify.AuditVerifier;
import fi.suoja.audit.verify.Verification;
import fi.suoja.audit.verify.Verification.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link KafkaAuditSink} and {@link KafkaAuditVerifier} against a real Kafka broker in KRaft mode
 * ({@link KafkaBroker}: a child JVM from the Maven artifacts, loopback only). The broker is killed
 * and restarted by the last tests, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaAuditSinkTest {
  static final String KAFKA =
      "invalid Kafka sink configuration (KafkaAuditSink.builder(bootstrapServers, topic)): ";
  static final KeyPair KEYS = ed25519();
  static final ChainKey CHAIN_KEY = ChainKey.of(new byte[32]);
  static final ObjectMapper JSON = new ObjectMapper();
  static final AtomicInteger TOPICS = new AtomicInteger();

  static Path dir;
  static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    dir = Files.createTempDirectory("suoja-kafka");
    broker = KafkaBroker.start(dir);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
    deleteTree(dir);
  }

  // ----- helpers

  static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static AuditEvent event(String chain, int n) {
    return AuditEvent.builder()
        .id(chain + "-ev-" + n)
        .time(Instant.parse("2026-03-01T10:15:30.123456Z").plusSeconds(n))
        .actor(AuditActor.tenantUser("u-" + (n % 7), "t-1", Set.of("NURSE")))
        .action(n % 2 == 0 ? AuditAction.READ : AuditAction.UPDATE)
        .resource("Client", "c-" + (n % 11), "t-1")
        .subject("s-" + (n % 5))
        .fields("firstName")
        .basis(AccessBasis.owner())
        .purpose("CARE")
        .outcome(Outcome.success())
        .application("echat")
        .node("node-1")
        .build();
  }

  /** A fresh topic and checkpoint topic. */
  static String[] topics(int partitions) throws Exception {
    String t = "audit-" + TOPICS.incrementAndGet();
    try (var admin = broker.admin()) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(t, partitions, (short) 1),
                  new NewTopic(t + ".checkpoints", 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    return new String[] {t, t + ".checkpoints"};
  }

  static ChainOptions chain(String id) {
    return ChainOptions.builder()
        .chainId(id)
        .chainKey(CHAIN_KEY)
        .checkpoints(KEYS.getPrivate())
        .checkpointEvery(50, Duration.ofMinutes(1))
        .build();
  }

  static KafkaAuditSink.Builder sink(String[] topics, String chainId) {
    return KafkaAuditSink.builder(broker.bootstrapServers(), topics[0])
        .chain(chain(chainId))
        .checkpointTopic(topics[1]);
  }

  static List<Verification> verify(String topic, String checkpointTopic) {
    return KafkaAuditVerifier.verifyTopic(
        AuditVerifier.builder().chainKey(CHAIN_KEY).checkpointKey(KEYS.getPublic()).build(),
        broker.bootstrapServers(),
        topic,
        checkpointTopic,
        Map.of(),
        Duration.ofSeconds(20));
  }

  static List<ConsumerRecord<String, byte[]>> read(String topic) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config)) {
      List<TopicPartition> parts = new ArrayList<>();
      c.partitionsFor(topic).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        c.poll(Duration.ofMillis(500)).forEach(out::add);
      }
    }
    return out;
  }

  static String eventId(byte[] value) throws IOException {
    return JSON.readTree(value).get("event").get("id").asText();
  }

  /** Runs {@code threads} DURABLE writers of {@code each} events; returns the acknowledged ids. */
  static Set<String> write(KafkaAuditSink sink, int threads, int each, Runnable midway)
      throws Exception {
    Set<String> acknowledged = Collections.synchronizedSet(new HashSet<>());
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        fs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    AuditEvent e = event(sink.chainId(), next.getAndIncrement());
                    sink.record(e);
                    acknowledged.add(e.id());
                  }
                  return null;
                }));
      }
      if (midway != null) {
        midway.run();
      }
      for (Future<?> f : fs) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return acknowledged;
  }

  static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (var s = Files.walk(root)) {
      s.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  // ----- tests

  @Test
  @Order(1)
  void durableEvents_areAcknowledgedKeyedByChainAndVerify() throws Exception {
    String[] t = topics(3);
    Set<String> ids = new HashSet<>();
    try (KafkaAuditSink a = sink(t, "node-a-1").build();
        KafkaAuditSink b = sink(t, "node-b-1").build()) {
      ids.addAll(write(a, 4, 60, null));
      ids.addAll(write(b, 2, 45, null));
      assertThat(a.size()).isEqualTo(240);
      assertThat(a.lastCheckpoint()).isPresent(); // checkpoints at 50, 100, 150, 200
    }
    List<ConsumerRecord<String, byte[]>> records = read(t[0]);
    assertThat(records).hasSize(330);
    Set<String> found = new HashSet<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      found.add(eventId(r.value()));
    }
    assertThat(found).isEqualTo(ids);
    // the key is the chain id, so each chain lives in one partition
    Map<String, Set<Integer>> partitions = new java.util.HashMap<>();
    records.forEach(
        r -> partitions.computeIfAbsent(r.key(), k -> new HashSet<>()).add(r.partition()));
    assertThat(partitions).containsOnlyKeys("node-a-1", "node-b-1");
    assertThat(partitions.values()).allSatisfy(p -> assertThat(p).hasSize(1));

    List<Verification> results = verify(t[0], t[1]);
    assertThat(results)
        .containsExactly(
            intact(results, "node-a-1", 240, 240), intact(results, "node-b-1", 90, 90));
  }

  private static Verification intact(List<Verification> results, String chain, long n, long anch) {
    Verification v =
        results.stream().filter(r -> r.chainId().equals(chain)).findFirst().orElseThrow();
    assertThat(v).isInstanceOf(Verification.Intact.class);
    assertThat(((Verification.Intact) v).records()).isEqualTo(n);
    assertThat(((Verification.Intact) v).anchored()).isEqualTo(anch);
    return v;
  }

  @Test
  @Order(2)
  void buffered_flushSendsAndAcknowledgesEverything() throws Exception {
    String[] t = topics(1);
    try (KafkaAuditSink s =
        sink(t, "buffered-1")
            .durability(Durability.BUFFERED)
            .bufferCapacity(16)
            .flushInterval(Duration.ofMillis(200))
            .build()) {
      for (int i = 0; i < 100; i++) {
        s.record(event("buffered-1", i));
      }
      s.flush();
      assertThat(read(t[0])).hasSize(100);
    }
    assertThat(verify(t[0], t[1]))
        .singleElement()
        .isEqualTo(new Verification.Intact("buffered-1", 100, 100, rootOf(t)));
  }

  private static String rootOf(String[] t) {
    return ((Verification.Intact) verify(t[0], t[1]).get(0)).rootHash();
  }

  @Test
  @Order(3)
  void tamperedCopies_editedDroppedReorderedAndTruncated_areReported() throws Exception {
    String[] t = topics(1);
    try (KafkaAuditSink s = sink(t, "tamper-1").build()) {
      for (int i = 0; i < 120; i++) {
        s.record(event("tamper-1", i));
      }
    }
    List<ConsumerRecord<String, byte[]>> original = read(t[0]);
    assertThat(original).hasSize(120);

    // edited: one subject id changed in record 30 (the JSON stays valid and canonical)
    List<byte[]> edited = values(original);
    String line = new String(edited.get(30), StandardCharsets.UTF_8);
    assertThat(line).contains("\"s-0\"");
    edited.set(30, line.replace("\"s-0\"", "\"s-1\"").getBytes(StandardCharsets.UTF_8));
    assertBroken(copy(edited), t[1], Problem.HASH_MISMATCH, 30);

    // dropped: record 70 left out
    List<byte[]> dropped = values(original);
    dropped.remove(70);
    assertBroken(copy(dropped), t[1], Problem.MISSING_RECORD, 70);

    // reordered: records 10 and 11 swapped; like the file verifier, the first record out of place
    // is reported (seq 11 where 10 was due)
    List<byte[]> reordered = values(original);
    Collections.swap(reordered, 10, 11);
    assertBroken(copy(reordered), t[1], Problem.MISSING_RECORD, 10);

    // replayed: record 5 sent again after record 40
    List<byte[]> replayed = values(original);
    replayed.add(41, original.get(5).value());
    assertBroken(copy(replayed), t[1], Problem.UNEXPECTED_RECORD, 41);

    // truncated: the last 30 records left out; the signed checkpoint at 120 covers them
    List<byte[]> truncated = values(original).subList(0, 90);
    assertBroken(copy(truncated), t[1], Problem.TRUNCATED, 90);

    // the whole chain deleted: its checkpoints are still in the checkpoint topic
    assertBroken(copy(List.of()), t[1], Problem.TRUNCATED, 0);

    // the untouched copy verifies
    assertThat(verify(copy(values(original)), t[1]))
        .singleElement()
        .isInstanceOf(Verification.Intact.class);
  }

  private static List<byte[]> values(List<ConsumerRecord<String, byte[]>> records) {
    List<byte[]> out = new ArrayList<>();
    records.forEach(r -> out.add(r.value()));
    return out;
  }

  /** Writes the values, keyed by their chain id, into a new topic with a plain producer. */
  private static String copy(List<byte[]> values) throws Exception {
    String topic = "tampered-" + TOPICS.incrementAndGet();
    broker.createTopics(topic);
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(config)) {
      for (byte[] v : values) {
        p.send(new ProducerRecord<>(topic, "tamper-1", v)).get(30, TimeUnit.SECONDS);
      }
    }
    return topic;
  }

  private static void assertBroken(String topic, String checkpoints, Problem problem, long pos) {
    assertThat(verify(topic, checkpoints))
        .singleElement()
        .isInstanceOfSatisfying(
            Verification.Broken.class,
            b -> {
              assertThat(b.problem()).isEqualTo(problem);
              assertThat(b.position()).isEqualTo(pos);
              if (pos > 0) {
                assertThat(b.location()).startsWith(topic + "-0@");
              }
            });
  }

  @Test
  @Order(4)
  void invalidOptions_areRefusedWithCodedErrors() throws Exception {
    String[] t = topics(1);
    assertThatThrownBy(
            () -> KafkaAuditSink.builder(broker.bootstrapServers(), t[0]).chain(chain("x")).build())
        .isInstanceOf(AuditException.class)
        .hasMessage(
            "SUOJA-4020: "
                + KAFKA
                + "the chain options sign checkpoints: call"
                + " checkpointTopic(topic)");
    assertThatThrownBy(() -> sink(t, "x").producerProperty("acks", "1").build())
        .hasMessageContaining("SUOJA-4020")
        .hasMessageContaining("producer property acks is set by the sink");
    assertThatThrownBy(() -> sink(t, "x").checkpointTopic(t[0]).build())
        .hasMessageContaining("checkpointTopic must differ");
    assertThatThrownBy(() -> KafkaAuditSink.builder(broker.bootstrapServers(), t[0]).build())
        .hasMessage("SUOJA-4020: " + KAFKA + "call chain(options)");
  }

  @Test
  @Order(5)
  void missingTopic_orBrokerDownAtStart_failClosedInBoundedTime() {
    long started = System.nanoTime();
    assertThatThrownBy(
            () ->
                KafkaAuditSink.builder(broker.bootstrapServers(), "no-such-topic")
                    .chain(chain("start-1"))
                    .checkpointTopic("no-such-topic.checkpoints")
                    .startTimeout(Duration.ofSeconds(2))
                    .build())
        .isInstanceOf(AuditException.class)
        .satisfies(e -> assertThat(((AuditException) e).code()).isEqualTo("SUOJA-4040"))
        .hasMessageContaining("not reachable within 2000 ms");
    // nothing listens on this loopback port
    String nowhere = "127.0.0.1:" + KafkaBroker.freePort();
    assertThatThrownBy(
            () ->
                KafkaAuditSink.builder(nowhere, "audit")
                    .chain(chain("start-2"))
                    .checkpointTopic("audit.checkpoints")
                    .startTimeout(Duration.ofSeconds(2))
                    .build())
        .isInstanceOf(AuditException.class)
        .satisfies(e -> assertThat(((AuditException) e).code()).isEqualTo("SUOJA-4040"))
        .hasMessageContaining("Kafka cluster " + nowhere);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  @Order(6)
  void brokerKilledAndRestartedMidStream_nothingAcknowledgedIsLost() throws Exception {
    String[] t = topics(1);
    Set<String> acknowledged;
    try (KafkaAuditSink s = sink(t, "restart-1").sendTimeout(Duration.ofSeconds(90)).build()) {
      acknowledged =
          write(
              s,
              4,
              150,
              () -> {
                try {
                  while (s.size() < 200) {
                    Thread.sleep(5);
                  }
                  broker.kill(); // kill -9 while the writers keep appending
                  Thread.sleep(1000);
                  broker.restart();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(s.writable()).isTrue();
    }
    assertThat(acknowledged).hasSize(600);
    Set<String> found = new HashSet<>();
    for (ConsumerRecord<String, byte[]> r : read(t[0])) {
      found.add(eventId(r.value()));
    }
    assertThat(found).containsAll(acknowledged);
    assertThat(verify(t[0], t[1]))
        .singleElement()
        .isInstanceOfSatisfying(
            Verification.Intact.class,
            v -> {
              assertThat(v.records()).isEqualTo(600);
              assertThat(v.anchored()).isEqualTo(600);
            });
  }

  @Test
  @Order(7)
  void brokerDownLongerThanSendTimeout_failsTheAuditedCallAndEveryLaterOne() throws Exception {
    String[] t = topics(1);
    KafkaAuditSink s = sink(t, "down-1").sendTimeout(Duration.ofSeconds(2)).build();
    s.record(event("down-1", 0));
    broker.kill();
    try {
      long started = System.nanoTime();
      assertThatThrownBy(() -> s.record(event("down-1", 1)))
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining("Kafka topic " + t[0])
          .cause()
          .isInstanceOfSatisfying(
              AuditException.class, e -> assertThat(e.code()).isEqualTo("SUOJA-4041"));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
      assertThat(s.writable()).isFalse();
      assertThatThrownBy(() -> s.record(event("down-1", 2)))
          .isInstanceOf(AuditUnavailableException.class);
      assertThatThrownBy(s::close).isInstanceOf(AuditUnavailableException.class);
    } finally {
      broker.restart();
    }
    // what was acknowledged before the outage is there and verifies (the failed record may or may
    // not have reached the broker; the chain stops there either way)
    Verification v = verify(t[0], t[1]).get(0);
    assertThat(v.chainId()).isEqualTo("down-1");
  }
}
