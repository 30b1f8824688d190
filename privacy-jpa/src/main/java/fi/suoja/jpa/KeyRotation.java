package fi.suoja.jpa;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.crypto.KeyId;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.internal.Integration;
import fi.suoja.jpa.internal.JobLedger;
import fi.suoja.jpa.internal.PlaintextSweep;
import fi.suoja.jpa.internal.RotationSweep;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves stored data onto the tenants' newest data key versions after {@code
 * suoja.keyring().rotate(tenant)}, then lets the old versions be retired (docs/OPERATIONS.md, "Key
 * rotation at scale").
 *
 * <pre>{@code
 * suoja.keyring().rotate("org-1");                      // v2 saved before any row uses it
 * KeyRotation rotation = KeyRotation.builder(entityManagerFactory)
 *     .batchSize(500)
 *     .listener(p -> log.info("{}: {}/{} rows, {}/s, eta {}", p.entity(), p.scanned(),
 *         p.total(), (long) p.rowsPerSecond(), p.eta()))
 *     .build();
 * rotation.run();                                       // every protected entity
 * rotation.retireBelow(keyStore, "org-1", 2);           // refuses while any value uses v1
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Batches in primary-key order; each batch is one transaction that locks its rows, re-seals
 *       every value whose envelope names a tenant key version below the tenant's newest one, and
 *       recomputes the blind indexes of those values under the newest index key. A crash rolls back
 *       only the open batch. Values already under the newest version are recognised from their
 *       header and skipped, so a rerun re-seals nothing twice.
 *   <li>Safe while the application writes: the batch holds row locks, so an application UPDATE of
 *       the same row waits and then writes its own values (never overwritten by the job).
 *   <li>Several nodes can run it at once: where the database has {@code FOR UPDATE SKIP LOCKED} (H2
 *       2.x, PostgreSQL, MariaDB 10.6+, MySQL 8) a node skips rows another node holds; elsewhere
 *       nodes serialise on the row locks. Each run ends with a verification read and sweeps again
 *       while values under old versions remain (up to {@link Builder#maxPasses}); {@link
 *       Progress#remaining()} says what is left.
 *   <li>Blind-index lookups keep working throughout: {@link PrivacyQueries} queries the index of
 *       every live version.
 * </ul>
 *
 * <p>Warning: an application node seals with a new version only once its key cache saw it (within
 * {@code dataKeyCacheTtl}); values it writes under the old version meanwhile are picked up by the
 * verification passes or the next run. {@link #retireBelow} refuses while any remain.
 */
public final class KeyRotation {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);

  /** Default rows per batch. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  /**
   * Progress after a batch, and the result of {@link #run(Class)}.
   *
   * @param entity the JPA entity name
   * @param scanned rows looked at so far in this run (all passes)
   * @param total rows in the table when the run started
   * @param resealedRows rows this run changed
   * @param resealedValues values this run re-sealed
   * @param remaining values still under an old version after the last verification read; -1 until
   *     the first pass ended
   * @param elapsed time since the run started
   */
  public record Progress(
      String entity,
      long scanned,
      long total,
      long resealedRows,
      long resealedValues,
      long remaining,
      Duration elapsed) {
    /** Rows scanned per second so far. */
    public double rowsPerSecond() {
      return Rates.perSecond(scanned, elapsed);
    }

    /** Estimated time to finish the first pass at the current rate; zero once it is done. */
    public Duration eta() {
      return Rates.eta(scanned, total, rowsPerSecond());
    }

    /** Whether every value of the entity is under its tenant's newest key version. */
    public boolean complete() {
      return remaining == 0;
    }
  }

  /** Receives progress after every committed batch, on the thread that runs the rotation. */
  @FunctionalInterface
  public interface Listener {
    void onBatch(Progress progress);
  }

  private static final String JOB = "key-rotation";

  private final RotationSweep sweep;
  private final SessionFactoryImplementor factory;
  private final JobOptions options;
  private final Suoja suoja;
  private final Clock clock;
  private final int batchSize;
  private final int maxPasses;
  private final Listener listener;

  private KeyRotation(Builder b) {
    this.sweep = new RotationSweep(b.integration.factory(), b.integration.suoja());
    this.factory = b.integration.factory();
    this.options = b.options;
    this.suoja = b.integration.suoja();
    this.clock = b.clock;
    this.batchSize = b.batchSize;
    this.maxPasses = b.maxPasses;
    this.listener = b.listener;
  }

  /**
   * A builder over the mapping and connections of a factory Suoja is integrated with (a Hibernate
   * {@code SessionFactory} is one), using the runtime it was integrated with.
   *
   * @throws SuojaConfigurationException {@code SUOJA-1508} if Suoja protects nothing in it
   */
  public static Builder builder(EntityManagerFactory factory) {
    return new Builder(Integration.of(factory));
  }

  /** Rotates every entity of the session factory that has encrypted attributes. */
  public List<Progress> run() {
    List<Progress> results = new ArrayList<>();
    for (Class<?> type : sweep.protectedEntities()) {
      if (options.control.cancelled()) {
        break;
      }
      results.add(run(type));
    }
    return results;
  }

  /**
   * Re-seals every value of {@code entity} that is not under its tenant's newest key version.
   *
   * @throws SuojaConfigurationException {@code SUOJA-6300} if the entity is not protected
   * @throws SuojaException {@code SUOJA-6304}/{@code 6305} if a batch fails (it was rolled back;
   *     earlier batches stay committed; run again to resume)
   */
  public Progress run(Class<?> entity) {
    PlaintextSweep.Plan plan = sweep.plan(Objects.requireNonNull(entity, "entity"));
    sweep.refresh(); // newest versions are re-read from the store for this run
    boolean skipLocked = sweep.skipLocked();
    Instant start = clock.instant();
    long total = sweep.count(plan);
    JobLedger ledger = options.ledger(factory, JOB, plan.entityName(), clock);
    String position = null;
    if (ledger != null) {
      JobLedger.Start begun = ledger.begin(options.resume, plan);
      if (begun.finished()) {
        LOG.info("key rotation of {}: already finished (job-state table)", plan.entityName());
        return new Progress(plan.entityName(), 0, total, 0, 0, 0, Duration.ZERO);
      }
      position = begun.position();
    }
    LOG.info(
        "key rotation of {}: {} rows, batch {}, {}{}",
        plan.entityName(),
        total,
        batchSize,
        skipLocked ? "SKIP LOCKED" : "row locks",
        position == null ? "" : ", resuming after the saved position");
    ProgressLog log = new ProgressLog(LOG, clock, options.logInterval, "key rotation");
    long[] n = new long[3]; // scanned, rows, values
    String[] safe = {position};
    boolean[] gap = {false};
    long remaining = -1;
    try {
      for (int pass = 1; pass <= maxPasses; pass++) {
        long passRows = 0;
        // the first pass starts at the saved position; later passes re-check the whole table
        Object after = pass == 1 ? PlaintextSweep.idValue(plan, position) : null;
        boolean first = pass == 1;
        while (true) {
          if (options.control.cancelled()) {
            if (ledger != null) {
              ledger.save(safe[0], JobLedger.CANCELLED, n[0], n[1]);
            }
            Progress p = progress(plan, n[0], total, n[1], n[2], remaining, start);
            LOG.info(
                "key rotation of {} cancelled after {} rows ({} re-sealed); resume continues after"
                    + " the saved position",
                p.entity(),
                p.scanned(),
                p.resealedRows());
            return p;
          }
          PlaintextSweep.BeforeCommit hook =
              ledger == null || !first
                  ? PlaintextSweep.BeforeCommit.NONE
                  : (c, b) ->
                      ledger.save(
                          c,
                          gap[0] || b.gap() ? safe[0] : PlaintextSweep.idText(plan, b.lastId()),
                          JobLedger.RUNNING,
                          n[0] + b.scanned(),
                          n[1] + b.sealedRows());
          RotationSweep.Batch batch = sweep.batch(plan, after, batchSize, skipLocked, hook);
          n[0] += batch.scanned();
          n[1] += batch.resealedRows();
          passRows += batch.resealedRows();
          n[2] += batch.resealedValues();
          after = batch.lastId();
          if (first) {
            if (gap[0] || batch.gap()) {
              gap[0] = true;
            } else if (batch.scanned() > 0) {
              safe[0] = PlaintextSweep.idText(plan, batch.lastId());
            }
          }
          if (batch.scanned() > 0) {
            Progress p = progress(plan, n[0], total, n[1], n[2], remaining, start);
            log.batch(p.entity(), p.scanned(), p.total(), p.resealedRows(), p.elapsed());
            listener.onBatch(p);
          }
          if (batch.scanned() < batchSize) {
            break;
          }
        }
        remaining = sweep.remaining(plan, null, 0);
        if (remaining == 0 || (pass > 1 && passRows == 0)) {
          break; // done, or what is left is held by others and did not move
        }
      }
    } catch (RuntimeException e) {
      if (ledger != null) {
        try {
          ledger.save(safe[0], JobLedger.FAILED, n[0], n[1]);
        } catch (RuntimeException alsoFailed) {
          e.addSuppressed(alsoFailed);
        }
      }
      throw e;
    }
    if (ledger != null) {
      // not DONE while values remain: a resume then sweeps again from the safe position
      ledger.save(safe[0], remaining == 0 ? JobLedger.DONE : JobLedger.FAILED, n[0], n[1]);
    }
    Progress done = progress(plan, n[0], total, n[1], n[2], remaining, start);
    LOG.info(
        "key rotation of {} finished: {} rows scanned, {} values re-sealed in {} ms,"
            + " {} values left under old versions",
        done.entity(),
        done.scanned(),
        done.resealedValues(),
        done.elapsed().toMillis(),
        done.remaining());
    return done;
  }

  /**
   * Values of {@code tenant} in every protected entity still sealed under a version below {@code
   * minVersion}.
   */
  public long remaining(String tenant, int minVersion) {
    Objects.requireNonNull(tenant, "tenant");
    long count = 0;
    for (Class<?> type : sweep.protectedEntities()) {
      count += sweep.remaining(sweep.plan(type), tenant, minVersion);
    }
    return count;
  }

  /**
   * Retires every active version of {@code tenant}'s key below {@code minDecryptionVersion}
   * (Vault's {@code min_decryption_version}) through {@link WrappedKeyStore#retire}: the versions
   * stay stored but no longer open anything; opening a value under one fails with {@link
   * fi.suoja.crypto.KeyRetiredException} ({@code SUOJA-6301}). This node's key cache is refreshed
   * at once, other nodes drop the versions within one cache TTL.
   *
   * @param store the store {@code suoja} keeps its keys in
   * @return the versions retired now
   * @throws SuojaException {@code SUOJA-6302} if any value of the tenant in any protected entity
   *     still uses such a version (nothing is retired), or if {@code minDecryptionVersion} is above
   *     the tenant's newest version
   * @throws SuojaConfigurationException {@code SUOJA-1009} if the store cannot retire keys (nothing
   *     is retired)
   */
  public List<KeyId> retireBelow(WrappedKeyStore store, String tenant, int minDecryptionVersion) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(tenant, "tenant");
    List<KeyId> versions = suoja.keyring().versions(tenant);
    int newest = versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version();
    if (minDecryptionVersion > newest) {
      throw new SuojaException(
          "SUOJA-6302",
          "tenant "
              + tenant
              + ": cannot retire below v"
              + minDecryptionVersion
              + ", the newest version is v"
              + newest);
    }
    long left = remaining(tenant, minDecryptionVersion);
    if (left > 0) {
      throw new SuojaException(
          "SUOJA-6302",
          "tenant "
              + tenant
              + ": "
              + left
              + " values still use a key version below v"
              + minDecryptionVersion
              + "; run the key rotation first");
    }
    List<KeyId> retired = new ArrayList<>();
    for (KeyId key : versions) {
      if (key.version() < minDecryptionVersion && store.retire(tenant, key.version())) {
        retired.add(key);
      }
    }
    suoja.keyring().versions(tenant); // refresh this node's cache: retired versions stop opening
    LOG.info(
        "tenant {}: retired key versions {} (minimum decryption version v{})",
        tenant,
        retired,
        minDecryptionVersion);
    return retired;
  }

  private Progress progress(
      PlaintextSweep.Plan plan,
      long scanned,
      long total,
      long rows,
      long values,
      long remaining,
      Instant start) {
    return new Progress(
        plan.entityName(),
        scanned,
        Math.max(total, scanned),
        rows,
        values,
        remaining,
        Duration.between(start, clock.instant()));
  }

  @Override
  public String toString() {
    return "KeyRotation[batchSize=" + batchSize + ", maxPasses=" + maxPasses + "]";
  }

  /** Options; {@link #build()} validates them. */
  public static final class Builder {
    private final Integration integration;
    private Clock clock = Clock.systemUTC();
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int maxPasses = 3;
    private Listener listener = p -> {};
    private final JobOptions options = new JobOptions();

    private Builder(Integration integration) {
      this.integration = integration;
    }

    /** The clock progress is timed by (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Rows per batch (transaction), 1..100 000. Default {@value #DEFAULT_BATCH_SIZE}. */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * How many sweeps a run makes at most while the verification read still finds values under old
     * versions (rows other nodes or application transactions held), 1..100. Default 3.
     */
    public Builder maxPasses(int maxPasses) {
      this.maxPasses = maxPasses;
      return this;
    }

    /** Receives progress after every committed batch. */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Saves each node's position, state and counts in this job-state table ({@link JobStateTable}),
     * in each batch's own transaction (first pass). Default: none.
     */
    public Builder jobState(String table) {
      options.table = Objects.requireNonNull(table, "table");
      return this;
    }

    /**
     * Whether the first pass starts after the position the job-state table holds (the lowest one of
     * the nodes that did not finish) instead of at the first row; an entity every node finished is
     * skipped. Needs {@link #jobState}. Default false.
     */
    public Builder resume(boolean resume) {
      options.resume = resume;
      return this;
    }

    /** This node's name in the job-state table (default: {@code pid@host}), 1..128 characters. */
    public Builder node(String node) {
      options.node = Objects.requireNonNull(node, "node");
      return this;
    }

    /** The cancel handle the job checks before every batch (default: one nobody cancels). */
    public Builder control(JobControl control) {
      options.control = Objects.requireNonNull(control, "control");
      return this;
    }

    /** How often progress is logged at INFO through SLF4J (default 10 s; never per batch). */
    public Builder logInterval(Duration interval) {
      options.logInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * Builds the rotation job.
     *
     * @throws SuojaConfigurationException {@code SUOJA-6300} for a bad batch size or pass count,
     *     {@code SUOJA-5245} for resume without a job-state table, a bad node name or log interval
     */
    public KeyRotation build() {
      options.validate("KeyRotation.builder(...)");
      if (batchSize < 1 || batchSize > 100_000) {
        throw new SuojaConfigurationException(
            "SUOJA-6300",
            "KeyRotation.builder(...).batchSize(n) must be within 1..100000, was " + batchSize);
      }
      if (maxPasses < 1 || maxPasses > 100) {
        throw new SuojaConfigurationException(
            "SUOJA-6300",
            "KeyRotation.builder(...).maxPasses(n) must be within 1..100, was " + maxPasses);
      }
      return new KeyRotation(this);
    }
  }
}
