package fi.suoja.audit.sink;

import fi.suoja.audit.AuditException;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.internal.ChainWriter;
import fi.suoja.audit.internal.Checks;
import fi.suoja.audit.internal.SinkSupport;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a chained sink ({@link JsonLinesFileSink}, {@link JdbcAuditSink}, the Kafka sink of {@code
 * privacy-audit-kafka}) writes its hash chain: the chain id, the chain key, whether and how often
 * checkpoints are signed, and the clock. Validated once, by {@link Builder#build()}, with the same
 * codes and messages for every sink; where the checkpoints are stored is the sink's own option.
 *
 * <p><b>Guarantees.</b> Immutable. {@link #toString()} names the chain id, the chain key's
 * fingerprint and the checkpoint schedule, never key material.
 *
 * <p><b>Warning.</b> Each sink instance must write its own chain: give two sinks the same options
 * only when they write to different places (a file trail and a table).
 */
public final class ChainOptions {
  /** Longest chain id: the JDBC column is {@code VARCHAR(128)}, and file names must fit. */
  static final int MAX_CHAIN_ID = 128;

  /** Code of every invalid sink or chain option. */
  static final String CONFIG = "SUOJA-4020";

  static {
    SinkSupport.install(
        new SinkSupport.Bridge() {
          @Override
          public ChainWriter writer(
              ChainOptions options,
              ChainWriter.Backend backend,
              int maxPending,
              Duration flushInterval) {
            return options.writer(backend, maxPending, flushInterval);
          }

          @Override
          public void checkPlace(
              ChainOptions options,
              String sink,
              boolean placeGiven,
              boolean required,
              String option) {
            options.checkPlace(sink, placeGiven, required, option);
          }

          @Override
          public AuditException invalidSink(String sink, String what) {
            return ChainOptions.invalidSink(sink, what);
          }
        });
  }

  private final String chainId;
  private final ChainKey chainKey;
  private final PrivateKey signer;
  private final long checkpointEvery;
  private final Duration checkpointInterval;
  private final Clock clock;

  private ChainOptions(Builder b) {
    this.chainId = b.chainId;
    this.chainKey = b.chainKey;
    this.signer = b.signer;
    this.checkpointEvery = b.checkpointEvery;
    this.checkpointInterval = b.checkpointInterval;
    this.clock = b.clock;
  }

  /** A builder; {@link Builder#chainId} and a checkpoint decision are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The id of the chain a sink built with these options writes. */
  public String chainId() {
    return chainId;
  }

  /** True when checkpoints are signed ({@link Builder#checkpoints}). */
  public boolean signsCheckpoints() {
    return signer != null;
  }

  Clock clock() {
    return clock;
  }

  /**
   * Refuses a checkpoint place that does not match the checkpoint decision.
   *
   * @param sink the sink's name in messages ({@code file}, {@code JDBC})
   * @param placeGiven whether the sink's builder was given a checkpoint place
   * @param required whether signed checkpoints need one (no default place)
   * @param option the sink builder method that sets the place, for the message
   */
  void checkPlace(String sink, boolean placeGiven, boolean required, String option) {
    if (signer != null && required && !placeGiven) {
      throw invalidSink(sink, "the chain options sign checkpoints: call " + option);
    }
    if (signer == null && placeGiven) {
      throw invalidSink(
          sink, option + " was called but the chain options are withoutCheckpoints()");
    }
  }

  /** An invalid sink option: {@code invalid <sink> sink configuration (<builder>): <what>}. */
  static AuditException invalidSink(String sink, String what) {
    return new AuditException(
        CONFIG, "invalid " + sink + " sink configuration (" + builderOf(sink) + "): " + what);
  }

  private static String builderOf(String sink) {
    return switch (sink) {
      case "file" -> "JsonLinesFileSink.builder(directory)";
      case "Kafka" -> "KafkaAuditSink.builder(bootstrapServers, topic)";
      default -> "JdbcAuditSink.builder(dataSource)";
    };
  }

  /** The writer of this chain over {@code backend}; see {@link ChainWriter} for the modes. */
  ChainWriter writer(ChainWriter.Backend backend, int maxPending, Duration flushInterval) {
    return new ChainWriter(
        chainId,
        chainKey,
        backend,
        signer,
        checkpointEvery,
        checkpointInterval,
        maxPending,
        flushInterval,
        clock);
  }

  @Override
  public String toString() {
    return "ChainOptions[chainId="
        + chainId
        + ", chainKey="
        + (chainKey == null ? "none" : chainKey.fingerprint())
        + ", checkpoints="
        + (signer == null
            ? "none"
            : "every " + checkpointEvery + " records or " + checkpointInterval)
        + "]";
  }

  /** Builds {@link ChainOptions}. Not thread-safe. */
  public static final class Builder {
    private String chainId;
    private ChainKey chainKey;
    private PrivateKey signer;
    private boolean checkpointsDecided;
    private long checkpointEvery = 10_000;
    private Duration checkpointInterval = Duration.ofMinutes(1);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Required: this writer's chain id, unique per node and start (e.g. {@code node1-<epoch>}): at
     * most 128 letters, digits, {@code _ . -}.
     */
    public Builder chainId(String chainId) {
      this.chainId = chainId;
      return this;
    }

    /** Keys the chain with HMAC-SHA256; without it the chain is plain SHA-256. */
    public Builder chainKey(ChainKey chainKey) {
      this.chainKey = chainKey;
      return this;
    }

    /**
     * Signs checkpoints with an Ed25519 private key; the sink's builder says where they are stored
     * (apart from the trail).
     */
    public Builder checkpoints(PrivateKey ed25519) {
      this.signer = Objects.requireNonNull(ed25519, "ed25519");
      this.checkpointsDecided = true;
      return this;
    }

    /** Declares that no checkpoints are signed: tail truncation will go undetected. */
    public Builder withoutCheckpoints() {
      this.signer = null;
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

    /** Clock for checkpoint times and (file sink) rotation dates. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Validates and builds the options.
     *
     * @throws AuditException {@code SUOJA-4020} naming the missing or invalid option; {@code
     *     SUOJA-4002} for a chain id shaped like a HETU
     */
    public ChainOptions build() {
      if (chainId == null) {
        throw invalid("chainId is required (one chain per writer, e.g. node name + start time)");
      }
      if (!chainId.matches("[A-Za-z0-9_.-]+")) {
        throw invalid("chainId may only contain letters, digits, '_', '.' and '-'");
      }
      if (chainId.length() > MAX_CHAIN_ID) {
        throw invalid("chainId is longer than " + MAX_CHAIN_ID + " characters");
      }
      Checks.token("chainId", chainId);
      if (!checkpointsDecided) {
        throw invalid("call checkpoints(signingKey) or withoutCheckpoints()");
      }
      if (checkpointEvery < 1) {
        throw invalid("checkpointEvery must be at least 1");
      }
      return new ChainOptions(this);
    }

    private static AuditException invalid(String what) {
      return new AuditException(
          CONFIG, "invalid audit chain options (ChainOptions.builder()): " + what);
    }
  }
}
