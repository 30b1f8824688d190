package fi.suoja.audit.verify;

import fi.suoja.audit.AuditException;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.internal.FileChains;
import fi.suoja.audit.internal.RawRecord;
import fi.suoja.audit.internal.RecordSource;
import fi.suoja.audit.internal.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Verifies audit trails written by the file, JDBC and Kafka sinks: every chain, every record, every
 * signed checkpoint.
 *
 * <p><b>What it detects.</b> For each chain: any byte change of a record (canonical-form check and
 * chain hash), deletion (missing sequence number), insertion, duplication and reordering
 * (unexpected sequence number), records moved from another chain, a torn last line after a crash
 * (reported as {@link Verification.Problem#TORN_TAIL}, not as tampering), and, given the checkpoint
 * public key, truncation of the tail up to the last checkpoint and rewriting of anchored history
 * (tree head mismatch). With the chain key, also a rewrite that recomputes the chain hashes.
 *
 * <p><b>What it cannot detect.</b> Without a chain key, a writer of the storage can rewrite records
 * after the last checkpoint and recompute their hashes; without checkpoints, truncation of the
 * tail; deletion of a whole chain together with its checkpoints. See {@code docs/AUDIT.md}.
 */
public final class AuditVerifier {
  private final ChainKey chainKey;
  private final PublicKey publicKey;
  private final boolean requireCheckpoints;

  private AuditVerifier(Builder b) {
    this.chainKey = b.chainKey;
    this.publicKey = b.publicKey;
    this.requireCheckpoints =
        b.requireCheckpoints != null ? b.requireCheckpoints : publicKey != null;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies every chain in a directory of chain files (or one file), with checkpoints from {@code
   * checkpointDir} ({@code <chain>.checkpoints.jsonl}; null when no public key is given).
   *
   * @throws AuditException {@code SUOJA-4010} if the trail or a checkpoint file cannot be read
   */
  public List<Verification> verifyFiles(Path trail, Path checkpointDir) {
    List<Verification> out = new ArrayList<>();
    for (Map.Entry<String, List<Path>> chain : FileChains.find(trail).entrySet()) {
      List<String> lines = new ArrayList<>();
      if (checkpointDir != null) {
        Path f = checkpointDir.resolve(chain.getKey() + ".checkpoints.jsonl");
        if (Files.exists(f)) {
          lines = readCheckpointLines(f);
        }
      }
      out.add(verify(chain.getKey(), lines, () -> FileChains.lines(chain.getValue())));
    }
    return out;
  }

  /**
   * Verifies every chain in an audit table; checkpoints are read from {@code <table>_checkpoint} in
   * {@code checkpointDatabase} (may be the same DataSource).
   *
   * @throws AuditException {@code SUOJA-4010} if the tables cannot be read
   */
  public List<Verification> verifyTable(
      DataSource database, String table, DataSource checkpointDatabase) {
    Table.name(table);
    List<Verification> out = new ArrayList<>();
    for (String chain : Table.chains(database, table)) {
      List<String> lines =
          publicKey == null
              ? List.of()
              : Table.checkpoints(checkpointDatabase, table + "_checkpoint", chain);
      out.add(verify(chain, lines, () -> Table.rows(database, table, chain)));
    }
    return out;
  }

  /**
   * Verifies one chain whose records were read from storage this class does not read itself (the
   * Kafka sink's topic: {@code fi.suoja.audit.kafka.KafkaAuditVerifier}), with the same checks as
   * {@link #verifyFiles} and {@link #verifyTable}. The records must be given in storage order, not
   * sorted: order is part of what is verified.
   *
   * @param chainId the chain the records claim to belong to (a record of another chain is {@link
   *     Verification.Problem#WRONG_CHAIN})
   * @param records the chain's records in storage order
   * @param checkpointJson the chain's signed checkpoints, one JSON object each (ignored without a
   *     checkpoint key)
   */
  public Verification verifyChain(
      String chainId, Iterator<StoredRecord> records, List<String> checkpointJson) {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(records, "records");
    return verify(chainId, List.copyOf(checkpointJson), () -> source(records));
  }

  private static RecordSource source(Iterator<StoredRecord> records) {
    return new RecordSource() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public RawRecord next() {
        if (!records.hasNext()) {
          throw new NoSuchElementException();
        }
        StoredRecord r = records.next();
        return new RawRecord(r.location(), r.lineUnsafe(), true, null);
      }

      @Override
      public void close() {}
    };
  }

  private Verification verify(
      String chain, List<String> checkpointLines, Supplier<RecordSource> source) {
    List<Checkpoint> checkpoints = new ArrayList<>();
    for (String line : checkpointLines) {
      try {
        checkpoints.add(Checkpoint.fromJson(line));
      } catch (AuditException e) {
        return new Verification.Broken(
            chain, 0, Verification.Problem.BAD_CHECKPOINT, "checkpoints", e.getMessage());
      }
    }
    return ChainCheck.run(
        chain,
        source.get(),
        publicKey == null ? List.of() : checkpoints,
        chainKey,
        publicKey,
        requireCheckpoints);
  }

  // Complete lines only: a checkpoint torn by a crash was never a signed claim.
  private static List<String> readCheckpointLines(Path f) {
    String text;
    try {
      text = Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw FileChains.unreadable(f, e);
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    int nl;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      if (nl > start) {
        lines.add(text.substring(start, nl));
      }
      start = nl + 1;
    }
    return lines;
  }

  /** The first broken chain of a result list, if any. */
  public static Optional<Verification.Broken> firstBroken(List<Verification> results) {
    return results.stream()
        .filter(Verification.Broken.class::isInstance)
        .map(Verification.Broken.class::cast)
        .findFirst();
  }

  /** Builds an {@link AuditVerifier}. */
  public static final class Builder {
    private ChainKey chainKey;
    private PublicKey publicKey;
    private Boolean requireCheckpoints;

    private Builder() {}

    /** The chain key the trail was written with (none for unkeyed chains). */
    public Builder chainKey(ChainKey chainKey) {
      this.chainKey = chainKey;
      return this;
    }

    /** The Ed25519 public key checkpoints are signed with. */
    public Builder checkpointKey(PublicKey publicKey) {
      this.publicKey = publicKey;
      return this;
    }

    /**
     * Whether a chain without any signed checkpoint is broken; defaults to true when a checkpoint
     * key is given.
     */
    public Builder requireCheckpoints(boolean require) {
      this.requireCheckpoints = require;
      return this;
    }

    /** Builds the verifier. */
    public AuditVerifier build() {
      return new AuditVerifier(this);
    }
  }
}
