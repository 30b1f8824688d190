package fi.suoja.audit.sink;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.internal.ChainWriter;
import fi.suoja.audit.spi.AuditSink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A hash-chained, Merkle-logged JSON-lines file sink. Each line is {@code
 * {"seq":n,"chain":id,"event":{...},"hash":base64}}; the hash links the record to its predecessor
 * (HMAC-SHA256 under a {@link ChainKey}, or SHA-256 unkeyed) and the records are the leaves of an
 * RFC 6962 Merkle tree whose heads are signed with Ed25519 into checkpoint files kept apart from
 * the trail. Files rotate by size and UTC date; the chain continues across files. Each sink
 * instance writes its own chain (one per node and start), so writers never contend.
 *
 * <p><b>Durability.</b> {@link Durability#DURABLE}: {@link #record} returns only after the record
 * is forced to disk; concurrent callers share one fsync per batch (group commit). {@link
 * Durability#BUFFERED}: {@link #record} returns once the record is queued; a background writer
 * writes the queue as soon as it holds {@code bufferCapacity} records, and writes and forces it
 * every flush interval; callers wait only when twice that many are queued (the queue is bounded);
 * {@link #flush()} and {@link #close()} lose nothing that was accepted.
 *
 * <p><b>Warning.</b> In BUFFERED mode, records accepted within the last flush interval are lost if
 * the machine (not just the JVM) crashes, and a write failure is reported to a later call, not to
 * the call whose record failed. Use DURABLE where the law requires every access to be recorded
 * before it is served.
 */
public final class JsonLinesFileSink implements AuditSink {

  /** How {@link #record} trades latency for durability. */
  public enum Durability {
    /** Return only when the record is on disk; concurrent callers share fsyncs. */
    DURABLE,
    /**
     * Return when queued; written when the queue fills, written and forced every flush interval and
     * on flush/close.
     */
    BUFFERED
  }

  private final ChainWriter writer;
  private final Durability durability;

  private JsonLinesFileSink(Builder b) {
    FileBackend backend =
        new FileBackend(
            b.directory,
            b.chain.chainId(),
            b.rotateBytes,
            b.rotateDaily,
            b.chain.clock(),
            b.checkpointDir);
    this.writer =
        b.durability == Durability.BUFFERED
            ? b.chain.writer(backend, b.bufferCapacity, b.flushInterval)
            : b.chain.writer(backend, Integer.MAX_VALUE, null);
    this.durability = b.durability;
  }

  /** A builder writing into {@code directory}. */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /** The id of the chain this sink writes. */
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

  /** {@code false} once a write failed: the chain then refuses every event. */
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

  /** Records all events; in DURABLE mode with one fsync for the batch. */
  @Override
  public void recordAll(List<AuditEvent> events) {
    if (!events.isEmpty()) {
      writer.append(events, durability == Durability.DURABLE);
    }
  }

  /** Writes and forces everything accepted so far. */
  @Override
  public void flush() {
    writer.sync(true);
  }

  /** Flushes, signs a final checkpoint and closes the files. */
  @Override
  public void close() {
    writer.close();
  }

  /**
   * Builds a {@link JsonLinesFileSink}. The {@link ChainOptions} are required; when they sign
   * checkpoints, so is the {@link #checkpointDirectory}.
   */
  public static final class Builder {
    private final Path directory;
    private ChainOptions chain;
    private Durability durability = Durability.DURABLE;
    private Path checkpointDir;
    private long rotateBytes = 64L * 1024 * 1024;
    private boolean rotateDaily = true;
    private int bufferCapacity = 8_192;
    private Duration flushInterval = Duration.ofSeconds(1);

    private Builder(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** Required: the chain this sink writes (id, key, checkpoint schedule, clock). */
    public Builder chain(ChainOptions options) {
      this.chain = Objects.requireNonNull(options, "options");
      return this;
    }

    /** DURABLE (default) or BUFFERED. */
    public Builder durability(Durability durability) {
      this.durability = Objects.requireNonNull(durability, "durability");
      return this;
    }

    /**
     * Where signed checkpoints go; required when the chain options sign them. Should be on other
     * storage than the trail (or be shipped elsewhere).
     */
    public Builder checkpointDirectory(Path directory) {
      this.checkpointDir = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Start a new file when the current one would exceed {@code bytes} (default 64 MiB). */
    public Builder rotateAtBytes(long bytes) {
      this.rotateBytes = bytes;
      return this;
    }

    /** Start a new file when the UTC date changes (default true). */
    public Builder rotateDaily(boolean daily) {
      this.rotateDaily = daily;
      return this;
    }

    /**
     * BUFFERED: queued records that wake the background writer (default 8192); callers wait when
     * twice as many are queued.
     */
    public Builder bufferCapacity(int records) {
      this.bufferCapacity = records;
      return this;
    }

    /** BUFFERED: how often queued records are written and forced (default 1 s). */
    public Builder flushInterval(Duration interval) {
      this.flushInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * Builds the sink; no file is created before the first record.
     *
     * @throws AuditException {@code SUOJA-4020} naming the missing or invalid option
     */
    public JsonLinesFileSink build() {
      if (chain == null) {
        throw config("call chain(options)");
      }
      chain.checkPlace("file", checkpointDir != null, true, "checkpointDirectory(directory)");
      if (rotateBytes < 1024) {
        throw config("rotateAtBytes must be at least 1024");
      }
      if (bufferCapacity < 1) {
        throw config("bufferCapacity must be at least 1");
      }
      if (flushInterval.isNegative() || flushInterval.isZero()) {
        throw config("flushInterval must be positive");
      }
      return new JsonLinesFileSink(this);
    }

    private static AuditException config(String what) {
      return ChainOptions.invalidSink("file", what);
    }
  }
}
