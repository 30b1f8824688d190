package fi.suoja.audit.kafka;

import fi.suoja.audit.AuditException;
import fi.suoja.audit.internal.ChainCodec;
import fi.suoja.audit.internal.ChainWriter;
import fi.suoja.audit.verify.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends a chain's records to its topic, keyed by chain id (one partition per chain, so the chain
 * keeps its order), and its checkpoints to the checkpoint topic. Called by one group-commit leader
 * at a time. A forced write returns only when Kafka acknowledged every record sent so far ({@code
 * acks=all}); a failed send fails the chain for good (fail closed).
 */
final class KafkaBackend implements ChainWriter.Backend {
  /** Code of a record or checkpoint Kafka did not acknowledge. */
  static final String SEND_FAILED = "SUOJA-4041";

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final String checkpointTopic;
  private final String chainId;
  private final ChainCodec.LineWriter lines;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream(1024);
  private final Duration closeTimeout;

  /** Sends not yet known to be acknowledged, in order. */
  private List<Future<RecordMetadata>> inFlight = new ArrayList<>();

  KafkaBackend(
      Producer<String, byte[]> producer,
      String topic,
      String checkpointTopic,
      String chainId,
      Duration closeTimeout) {
    this.closeTimeout = closeTimeout;
    this.producer = producer;
    this.topic = topic;
    this.checkpointTopic = checkpointTopic;
    this.chainId = chainId;
    this.lines = new ChainCodec.LineWriter(chainId);
  }

  @Override
  public void write(List<ChainWriter.Entry> batch, boolean force) {
    for (ChainWriter.Entry r : batch) {
      buf.reset();
      lines.write(buf, r.seq, r.eventJson, r.head());
      inFlight.add(producer.send(new ProducerRecord<>(topic, chainId, buf.toByteArray())));
    }
    if (force) {
      awaitAcks(topic);
    } else {
      // a failure already reported must fail this write, not wait for the next forced one
      List<Future<RecordMetadata>> open = new ArrayList<>(inFlight.size());
      for (Future<RecordMetadata> f : inFlight) {
        if (!f.isDone()) {
          open.add(f);
        } else {
          get(f, topic);
        }
      }
      inFlight = open;
    }
  }

  private void awaitAcks(String where) {
    producer.flush();
    List<Future<RecordMetadata>> sent = inFlight;
    inFlight = new ArrayList<>();
    for (Future<RecordMetadata> f : sent) {
      get(f, where);
    }
  }

  private static void get(Future<RecordMetadata> f, String where) {
    try {
      f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new AuditException(
          SEND_FAILED,
          "Kafka did not acknowledge an audit record on topic "
              + where
              + ": "
              + cause.getClass().getSimpleName(),
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditException(
          SEND_FAILED,
          "interrupted while waiting for Kafka to acknowledge audit records on topic " + where,
          e);
    }
  }

  @Override
  public void checkpoint(List<Checkpoint> checkpoints) {
    for (Checkpoint c : checkpoints) {
      inFlight.add(
          producer.send(
              new ProducerRecord<>(
                  checkpointTopic, chainId, c.toJson().getBytes(StandardCharsets.UTF_8))));
    }
    awaitAcks(checkpointTopic);
  }

  @Override
  public void close() {
    producer.close(closeTimeout); // everything was acknowledged before: nothing waits here
  }

  @Override
  public String describe() {
    return "Kafka topic " + topic;
  }
}
