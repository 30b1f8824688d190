package fi.suoja.audit.sink;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.internal.ChainWriter;
import fi.suoja.audit.internal.Checks;
import fi.suoja.audit.spi.AuditSink;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
     * Return when queued; written when the queue fills, written and forced every flush interval
     * and on flush/close.
     */
    BUFFERED
  }

  private final ChainWriter writer;
  private final Durability durability;

  private JsonLinesFileSink(Builder b) {
    FileBackend backend =
        new FileBackend(b.directory, b.chainId, b.rotateBytes, b.rotateDaily, b.clock, b.checkpointDir);
    this.writer =
        new ChainWriter(
            b.chainId,
            b.chainKey,
            backend,
            b.signer,
            b.checkpointEvery,
            b.checkpointInterval,
            b.durability == Durability.BUFFERED ? b.bufferCapacity : Integer.MAX_VALUE,
            b.durability == Durability.BUFFERED ? b.flushInterval : null,
            b.clock);
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
   * Builds a {@link JsonLinesFileSink}. Signing checkpoints ({@link #checkpoints}) or declaring
   * their absence ({@link #withoutCheckpoints()}) is required: without them truncation of the tail
   * cannot be detected, and that must be a visible decision.
   */
  public static final class Builder {
    private final Path directory;
    private String chainId;
    private Durability durability = Durability.DURABLE;
    private ChainKey chainKey;
    private PrivateKey signer;
    private Path checkpointDir;
    private boolean checkpointsDecided;
    private long checkpointEvery = 10_000;
    private Duration checkpointInterval = Duration.ofMinutes(1);
    private long rotateBytes = 64L * 1024 * 1024;
    private boolean rotateDaily = true;
    private int bufferCapacity = 8_192;
    private Duration flushInterval = Duration.ofSeconds(1);
    private Clock clock = Clock.systemUTC();

    private Builder(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** Required: this writer's chain id, unique per node and start (e.g. {@code node1-<epoch>}). */
    public Builder chainId(String chainId) {
      this.chainId = chainId;
      return this;
    }

    /** DURABLE (default) or BUFFERED. */
    public Builder durability(Durability durability) {
      this.durability = Objects.requireNonNull(durability, "durability");
      return this;
    }

    /** Keys the chain with HMAC-SHA256; without it the chain is plain SHA-256. */
    public Builder chainKey(ChainKey chainKey) {
      this.chainKey = chainKey;
      return this;
    }

    /**
     * Signs checkpoints with an Ed25519 private key into {@code directory}, which should be on
     * other storage than the trail (or be shipped elsewhere).
     */
    public Builder checkpoints(PrivateKey ed25519, Path directory) {
      this.signer = Objects.requireNonNull(ed25519, "ed25519");
      this.checkpointDir = Objects.requireNonNull(directory, "directory");
      this.checkpointsDecided = true;
      return this;
    }

    /** Declares that no checkpoints are signed: tail truncation will go undetected. */
    public Builder withoutCheckpoints() {
      this.signer = null;
      this.checkpointDir = null;
      this.checkpointsDecided = true;
      return this;
    }

    /**
     * Signs a checkpoint at every tree size that is a multiple of {@code records} (default 10 000),
     * however records are batched, and one at the end of the first batch written after {@code
     * interval} (default 1 minute) has passed since the last; see docs/AUDIT.md. Each costs an
     * Ed25519 signature on the writing thread.
     */
    public Builder checkpointEvery(long records, Duration interval) {
      this.checkpointEvery = records;
      this.checkpointInterval = Objects.requireNonNull(interval, "interval");
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

    /** Clock for rotation dates and checkpoint times. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the sink; no file is created before the first record.
     *
     * @throws AuditException {@code SUOJA-4020} naming the missing or invalid option
     */
    public JsonLinesFileSink build() {
      if (chainId == null) {
        throw config("chainId is required (one chain per writer, e.g. node name + start time)");
      }
      if (!chainId.matches("[A-Za-z0-9_.-]+")) {
        throw config("chainId may only contain letters, digits, '_', '.' and '-'");
      }
      Checks.token("chainId", chainId);
      if (!checkpointsDecided) {
        throw config("call checkpoints(signingKey, directory) or withoutCheckpoints()");
      }
      if (checkpointEvery < 1) {
        throw config("checkpointEvery must be at least 1");
      }
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
      return new AuditException("SUOJA-4020", "invalid file sink configuration: " + what);
    }
  }
}
