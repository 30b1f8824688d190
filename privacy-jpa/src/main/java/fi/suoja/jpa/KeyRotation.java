package fi.suoja.jpa;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.crypto.KeyId;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.internal.Integration;
import fi.suoja.jpa.internal.PlaintextSweep;
import fi.suoja.jpa.internal.RotationSweep;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

  private final RotationSweep sweep;
  private final Suoja suoja;
  private final Clock clock;
  private final int batchSize;
  private final int maxPasses;
  private final Listener listener;

  private KeyRotation(Builder b) {
    this.sweep = new RotationSweep(b.integration.factory(), b.integration.suoja());
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
    long scanned = 0;
    long rows = 0;
    long values = 0;
    long remaining = -1;
    LOG.info(
        "key rotation of {}: {} rows, batch {}, {}",
        plan.entityName(),
        total,
        batchSize,
        skipLocked ? "SKIP LOCKED" : "row locks");
    for (int pass = 1; pass <= maxPasses; pass++) {
      long passRows = 0;
      Object after = null;
      while (true) {
        RotationSweep.Batch batch = sweep.batch(plan, after, batchSize, skipLocked);
        scanned += batch.scanned();
        rows += batch.resealedRows();
        passRows += batch.resealedRows();
        values += batch.resealedValues();
        after = batch.lastId();
        if (batch.scanned() > 0) {
          Progress p = progress(plan, scanned, total, rows, values, remaining, start);
          LOG.debug(
              "key rotation of {}: {}/{} rows, {} re-sealed, {}/s, eta {}",
              p.entity(),
              p.scanned(),
              p.total(),
              p.resealedRows(),
              (long) p.rowsPerSecond(),
              p.eta());
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
    Progress done = progress(plan, scanned, total, rows, values, remaining, start);
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
     * Builds the rotation job.
     *
     * @throws SuojaConfigurationException {@code SUOJA-6300} for a bad batch size or pass count
     */
    public KeyRotation build() {
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
