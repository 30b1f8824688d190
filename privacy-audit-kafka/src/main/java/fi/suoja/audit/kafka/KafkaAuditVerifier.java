package fi.suoja.audit.kafka;

import fi.suoja.audit.AuditException;
import fi.suoja.audit.verify.AuditVerifier;
import fi.suoja.audit.verify.StoredRecord;
import fi.suoja.audit.verify.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Verifies every chain in a Kafka audit topic written by {@link KafkaAuditSink}, with the {@link
 * AuditVerifier} core that verifies files and tables: chain hashes, Merkle roots and signed
 * checkpoints (from the checkpoint topic). It reads each partition from its first to its current
 * last offset without joining a consumer group (nothing is committed), groups the records by key
 * (chain id) in partition order, and reports an edited record ({@code HASH_MISMATCH} or {@code
 * MALFORMED}), a dropped one ({@code MISSING_RECORD}, or {@code TRUNCATED} at the tail), a
 * reordered or duplicated one ({@code UNEXPECTED_RECORD}) and a record under another chain's key
 * ({@code WRONG_CHAIN}) as those verifiers do. A record without a key is reported as {@code
 * MALFORMED} under the chain id {@code <no key>}. Unlike a directory or a table, a chain whose
 * records are all gone while its checkpoints remain in the checkpoint topic is reported too ({@code
 * TRUNCATED} at 0).
 *
 * <p>Records removed by the topic's retention look like deleted records: keep audit topics with
 * {@code retention.ms=-1} (or verify the copy the SIEM keeps). A chain whose records were spread
 * over several partitions (partitions added while it was written) does not verify.
 */
public final class KafkaAuditVerifier {
  private KafkaAuditVerifier() {}

  /** Chain id under which records without a key are reported. */
  static final String NO_KEY = "<no key>";

  /**
   * Reads {@code topic} (and the checkpoint topic, if given) and verifies every chain in it.
   *
   * @param verifier the verifier with the chain key and checkpoint public key to use
   * @param bootstrapServers the cluster
   * @param topic the audit topic
   * @param checkpointTopic the checkpoint topic, or null when no checkpoint key is used
   * @param consumerProperties other Kafka consumer settings (security); may be empty
   * @param timeout how long to wait for the cluster, and for each poll that should return records
   * @return one result per chain, ordered by chain id
   * @throws AuditException {@code SUOJA-4010} if a topic cannot be read within the timeout
   */
  public static List<Verification> verifyTopic(
      AuditVerifier verifier,
      String bootstrapServers,
      String topic,
      String checkpointTopic,
      Map<String, String> consumerProperties,
      Duration timeout) {
    Objects.requireNonNull(verifier, "verifier");
    Map<String, Object> config = new HashMap<>(consumerProperties);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
    config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
    Map<String, List<StoredRecord>> chains = new TreeMap<>();
    Map<String, List<String>> checkpoints = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      for (ConsumerRecord<String, byte[]> r : readAll(consumer, topic, timeout)) {
        String chain = r.key() == null ? NO_KEY : r.key();
        byte[] value = r.value() == null ? new byte[0] : r.value();
        chains
            .computeIfAbsent(chain, k -> new ArrayList<>())
            .add(StoredRecord.of(r.topic() + "-" + r.partition() + "@" + r.offset(), value));
      }
      if (checkpointTopic != null) {
        for (ConsumerRecord<String, byte[]> r : readAll(consumer, checkpointTopic, timeout)) {
          if (r.key() != null && r.value() != null) {
            checkpoints
                .computeIfAbsent(r.key(), k -> new ArrayList<>())
                .add(new String(r.value(), StandardCharsets.UTF_8));
          }
        }
      }
    } catch (KafkaException e) {
      throw unreadable(topic, e);
    }
    // a chain with signed checkpoints but no record left in the topic was deleted: verified with
    // no records, it is reported as TRUNCATED at 0
    for (String chain : checkpoints.keySet()) {
      chains.putIfAbsent(chain, new ArrayList<>());
    }
    List<Verification> out = new ArrayList<>();
    for (Map.Entry<String, List<StoredRecord>> chain : chains.entrySet()) {
      if (chain.getKey().equals(NO_KEY)) {
        out.add(
            new Verification.Broken(
                NO_KEY,
                0,
                Verification.Problem.MALFORMED,
                chain.getValue().get(0).location(),
                "record without a key (chain id) in the audit topic"));
        continue;
      }
      out.add(
          verifier.verifyChain(
              chain.getKey(),
              chain.getValue().iterator(),
              checkpoints.getOrDefault(chain.getKey(), List.of())));
    }
    return out;
  }

  /** Every record of every partition of {@code topic}, partition by partition, in offset order. */
  private static List<ConsumerRecord<String, byte[]>> readAll(
      KafkaConsumer<String, byte[]> consumer, String topic, Duration timeout) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw new AuditException(
          "SUOJA-4010", "cannot read audit topic " + topic + ": no such topic (or no partitions)");
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo p : infos) {
      partitions.add(new TopicPartition(topic, p.partition()));
    }
    partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> read = new LinkedHashMap<>();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    List<TopicPartition> open = new ArrayList<>();
    for (TopicPartition p : partitions) {
      read.put(p, new ArrayList<>());
      if (consumer.position(p, timeout) < end.get(p)) {
        open.add(p);
      }
    }
    while (!open.isEmpty()) {
      var records = consumer.poll(timeout);
      if (records.isEmpty()) {
        throw new AuditException(
            "SUOJA-4010",
            "cannot read audit topic "
                + topic
                + ": no records within "
                + timeout.toMillis()
                + " ms before the end offsets");
      }
      for (ConsumerRecord<String, byte[]> r : records) {
        TopicPartition p = new TopicPartition(r.topic(), r.partition());
        if (r.offset() < end.get(p)) {
          read.get(p).add(r);
        }
      }
      open.removeIf(p -> consumer.position(p, timeout) >= end.get(p));
      List<TopicPartition> paused = new ArrayList<>(partitions);
      paused.removeAll(open);
      consumer.pause(paused);
    }
    consumer.unsubscribe();
    List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
    read.values().forEach(all::addAll);
    return all;
  }

  private static AuditException unreadable(String topic, KafkaException e) {
    return new AuditException(
        "SUOJA-4010", "cannot read audit topic " + topic + ": " + e.getClass().getSimpleName(), e);
  }
}
