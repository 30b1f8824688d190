package fi.suoja.audit.kafka;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.internal.ChainWriter;
import fi.suoja.audit.internal.SinkSupport;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JsonLinesFileSink.Durability;
import fi.suoja.audit.spi.AuditSink;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Streams a hash-chained, Merkle-logged audit trail to an Apache Kafka topic. Same chain format,
 * hashing and signed checkpoints as {@link fi.suoja.audit.sink.JsonLinesFileSink} (the same chain
 * writer underneath): each record's value is the chain line {@code
 * {"seq":n,"chain":id,"event":{...},"hash":base64}} and its key is the chain id, so each chain
 * stays in one partition, in order. Signed checkpoints go to a separate checkpoint topic, keyed by
 * chain id too. {@link KafkaAuditVerifier} reads the topics back and verifies every chain.
 *
 * <p>The producer is idempotent with {@code acks=all}; those settings cannot be overridden.
 *
 * <p><b>Durability.</b> {@link Durability#DURABLE}: {@link #record} returns only after Kafka
 * acknowledged the record (all in-sync replicas); concurrent callers share one round trip (group
 * commit). {@link Durability#BUFFERED}: {@link #record} returns once the record is queued; queued
 * records are sent when the queue fills and acknowledged at least every flush interval, and a send
 * failure is reported to a later call.
 *
 * <p><b>Fail closed.</b> {@link Builder#build()} fails with {@code SUOJA-4040} when the cluster or
 * a topic cannot be reached within the start timeout. A record Kafka does not acknowledge within
 * the send timeout fails the call ({@link fi.suoja.audit.AuditUnavailableException}, caused by
 * {@code SUOJA-4041}) and every later one: restart the sink (a new chain) after fixing the cause.
 */
public final class KafkaAuditSink implements AuditSink {
  /** Code of a cluster or topic not reachable when the sink is built. */
  static final String UNREACHABLE = "SUOJA-4040";

  /** Producer settings the sink owns: its guarantees depend on them. */
  private static final Set<String> OWNED =
      Set.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
          ProducerConfig.ACKS_CONFIG,
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
          ProducerConfig.RETRIES_CONFIG,
          ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
          ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
          ProducerConfig.MAX_BLOCK_MS_CONFIG,
          ProducerConfig.TRANSACTIONAL_ID_CONFIG,
          ProducerConfig.PARTITIONER_CLASS_CONFIG);

  /** Kafka's legal topic names. */
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  private final ChainWriter writer;
  private final Durability durability;

  private KafkaAuditSink(Builder b, Producer<String, byte[]> producer) {
    KafkaBackend backend =
        new KafkaBackend(producer, b.topic, b.checkpointTopic, b.chain.chainId(), b.sendTimeout);
    SinkSupport.Bridge bridge = SinkSupport.bridge();
    this.writer =
        b.durability == Durability.BUFFERED
            ? bridge.writer(b.chain, backend, b.bufferCapacity, b.flushInterval)
            : bridge.writer(b.chain, backend, Integer.MAX_VALUE, null);
    this.durability = b.durability;
  }

  /**
   * A builder for a sink writing to {@code topic} of the cluster at {@code bootstrapServers}.
   *
   * @param bootstrapServers Kafka's {@code bootstrap.servers}, e.g. {@code kafka1:9093,kafka2:9093}
   * @param topic the audit topic; it must exist (the sink never creates topics)
   */
  public static Builder builder(String bootstrapServers, String topic) {
    return new Builder(bootstrapServers, topic);
  }

  /** The id of the chain this sink writes (the record key). */
  public String chainId() {
    return writer.chainId();
  }

  /** Events queued for the next group commit. */
  @Override
  public OptionalLong queueDepth() {
    return OptionalLong.of(writer.queued());
  }

  @Override
  public Optional<Instant> lastCheckpoint() {
    return writer.lastCheckpoint();
  }

  /** {@code false} once a send failed: the chain then refuses every event. */
  @Override
  public boolean writable() {
    return !writer.failed();
  }

  /** Number of records accepted so far. */
  public long size() {
    return writer.size();
  }

  @Override
  public void record(AuditEvent event) {
    writer.append(List.of(event), durability == Durability.DURABLE);
  }

  /** Records all events; in DURABLE mode with one acknowledgement for the batch. */
  @Override
  public void recordAll(List<AuditEvent> events) {
    if (!events.isEmpty()) {
      writer.append(events, durability == Durability.DURABLE);
    }
  }

  /** Sends everything accepted so far and waits for Kafka's acknowledgement. */
  @Override
  public void flush() {
    writer.sync(true);
  }

  /** Flushes, signs a final checkpoint and closes the producer. */
  @Override
  public void close() {
    writer.close();
  }

  /**
   * Builds a {@link KafkaAuditSink}. The {@link ChainOptions} are required; when they sign
   * checkpoints, so is the {@link #checkpointTopic}.
   */
  public static final class Builder {
    private final String bootstrapServers;
    private final String topic;
    private final Map<String, String> properties = new HashMap<>();
    private ChainOptions chain;
    private String checkpointTopic;
    private Durability durability = Durability.DURABLE;
    private int bufferCapacity = 8_192;
    private Duration flushInterval = Duration.ofSeconds(1);
    private Duration startTimeout = Duration.ofSeconds(10);
    private Duration sendTimeout = Duration.ofSeconds(30);

    private Builder(String bootstrapServers, String topic) {
      this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      this.topic = Objects.requireNonNull(topic, "topic");
    }

    /** Required: the chain this sink writes (id, key, checkpoint schedule, clock). */
    public Builder chain(ChainOptions options) {
      this.chain = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Where signed checkpoints go (keyed by chain id); required when the chain options sign them. A
     * topic of its own, so that its retention and ACLs can differ from the trail's.
     */
    public Builder checkpointTopic(String topic) {
      this.checkpointTopic = Objects.requireNonNull(topic, "topic");
      return this;
    }

    /** DURABLE (default: return after Kafka acknowledged) or BUFFERED. */
    public Builder durability(Durability durability) {
      this.durability = Objects.requireNonNull(durability, "durability");
      return this;
    }

    /**
     * Any other Kafka producer setting (security, compression, {@code batch.size}, {@code
     * linger.ms}...). The settings the sink's guarantees depend on (bootstrap servers, acks,
     * idempotence, serializers, in-flight requests, retries, timeouts, transactions, partitioner)
     * are refused.
     */
    public Builder producerProperty(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      properties.put(name, value);
      return this;
    }

    /**
     * How long {@link #build()} waits for the cluster and the topics' metadata before it fails
     * closed with {@code SUOJA-4040} (default 10 s).
     */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * How long a record may wait for Kafka's acknowledgement, retries included, before the sink
     * fails ({@code SUOJA-4041}; default 30 s). A broker restart shorter than this loses nothing
     * and fails nothing.
     */
    public Builder sendTimeout(Duration timeout) {
      this.sendTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * BUFFERED: queued records that wake the background sender (default 8192); callers wait when
     * twice as many are queued.
     */
    public Builder bufferCapacity(int records) {
      this.bufferCapacity = records;
      return this;
    }

    /** BUFFERED: how often queued records are sent and acknowledged (default 1 s). */
    public Builder flushInterval(Duration interval) {
      this.flushInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * Builds the sink and connects: waits up to the start timeout for the topics' metadata.
     *
     * @throws AuditException {@code SUOJA-4020} naming a missing or invalid option; {@code
     *     SUOJA-4040} when the cluster or a topic cannot be reached in time
     */
    public KafkaAuditSink build() {
      if (chain == null) {
        throw config("call chain(options)");
      }
      SinkSupport.bridge()
          .checkPlace(chain, "Kafka", checkpointTopic != null, true, "checkpointTopic(topic)");
      if (bootstrapServers.isBlank()) {
        throw config("bootstrapServers is empty");
      }
      if (!TOPIC.matcher(topic).matches()) {
        throw config("topic must be 1 to 249 of [A-Za-z0-9._-]");
      }
      if (checkpointTopic != null) {
        if (!TOPIC.matcher(checkpointTopic).matches()) {
          throw config("checkpointTopic must be 1 to 249 of [A-Za-z0-9._-]");
        }
        if (checkpointTopic.equals(topic)) {
          throw config("checkpointTopic must differ from the audit topic");
        }
      }
      for (String name : properties.keySet()) {
        if (OWNED.contains(name.toLowerCase(Locale.ROOT))) {
          throw config("producer property " + name + " is set by the sink and cannot be changed");
        }
      }
      if (bufferCapacity < 1) {
        throw config("bufferCapacity must be at least 1");
      }
      if (!positive(flushInterval) || !positive(startTimeout) || !positive(sendTimeout)) {
        throw config("flushInterval, startTimeout and sendTimeout must be positive");
      }
      if (sendTimeout.toMillis() < 1000) {
        throw config("sendTimeout must be at least 1 s");
      }
      Producer<String, byte[]> producer = connect();
      return new KafkaAuditSink(this, producer);
    }

    private Producer<String, byte[]> connect() {
      Map<String, Object> config = new HashMap<>(properties);
      config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "1");
      config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
      config.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
      long send = sendTimeout.toMillis();
      long linger = Long.parseLong(config.get(ProducerConfig.LINGER_MS_CONFIG).toString());
      config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(send + linger));
      config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(send, 30_000)));
      config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(startTimeout.toMillis()));
      config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      Producer<String, byte[]> producer;
      try {
        producer = new KafkaProducer<>(config);
      } catch (KafkaException e) {
        throw config("Kafka producer settings rejected: " + e.getClass().getSimpleName());
      }
      try {
        // blocks up to max.block.ms (the start timeout) for the cluster and the topic metadata
        producer.partitionsFor(topic);
        if (checkpointTopic != null) {
          producer.partitionsFor(checkpointTopic);
        }
      } catch (KafkaException e) {
        producer.close(Duration.ZERO);
        throw new AuditException(
            UNREACHABLE,
            "Kafka cluster "
                + bootstrapServers
                + " or audit topic "
                + topic
                + (checkpointTopic == null ? "" : " / checkpoint topic " + checkpointTopic)
                + " not reachable within "
                + startTimeout.toMillis()
                + " ms ("
                + e.getClass().getSimpleName()
                + "); nothing is audited, so nothing may be served",
            e);
      }
      return producer;
    }

    private static boolean positive(Duration d) {
      return !d.isNegative() && !d.isZero();
    }

    private static AuditException config(String what) {
      return SinkSupport.bridge().invalidSink("Kafka", what);
    }
  }
}
