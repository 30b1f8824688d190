package fi.suoja.jpa;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.Outcome;
import fi.suoja.jpa.internal.Integration;
import fi.suoja.jpa.internal.JobLedger;
import fi.suoja.jpa.internal.PlaintextSweep;
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
 * Encrypts, in place, the plaintext an existing database holds in columns that have just become
 * {@code @Encrypted}: the adoption step after widening the columns, and the seeding step of an
 * application whose {@code data.sql} inserts plaintext (docs/OPERATIONS.md).
 *
 * <pre>{@code
 * PlaintextMigration.builder(entityManagerFactory)
 *     .batchSize(500)
 *     .listener(p -> log.info("{}: {}/{} rows, {}/s", p.entity(), p.scanned(), p.total(),
 *         (long) p.rowsPerSecond()))
 *     .build()
 *     .run(Client.class);
 *
 * PlaintextMigration.builder(entityManagerFactory).build().runAll();   // seeding at start-up
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Batches in primary-key order; each batch is one transaction that locks its rows, seals
 *       every value that is not yet an envelope (bound to tenant, entity, field and row id, as the
 *       Hibernate integration does), fills the blind indexes of the values it sealed, and commits.
 *   <li>Idempotent and resumable: a crash rolls back only the open batch; running again skips every
 *       value that already is an envelope, so no value is lost or sealed twice. With {@link
 *       Builder#jobState} and {@link Builder#resume} a rerun starts after the saved position
 *       instead of at the first row; {@link Builder#control} stops it between batches
 *       (docs/OPERATIONS.md, "Stopping and resuming jobs").
 *   <li>Safe beside the application: rows are locked while sealed; with {@link
 *       SuojaJpaSettings#LEGACY_PLAINTEXT} {@code = read} the application reads both forms
 *       meanwhile.
 *   <li>{@link #runAll()} acts for no person: it creates the missing tenant keys and records, as
 *       the system actor {@value #SYSTEM_ACTOR}, one {@code CONFIGURATION_CHANGED} event per key
 *       created and per entity and tenant migrated.
 * </ul>
 *
 * <p>Warning: a plaintext value that happens to have the shape of an envelope header (long,
 * Base64url, starting {@code AQ}) is taken as sealed and then fails to open, loudly. {@link
 * #run(Class)} does not audit (no person reads the data; the operator runs it), so record such a
 * run in your change log. Run it before switching {@code suoja.legacy_plaintext} back to {@code
 * off}.
 */
public final class PlaintextMigration {
  private static final Logger LOG = LoggerFactory.getLogger(PlaintextMigration.class);

  /** Default rows per batch. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  /** The system actor {@link #runAll()} records its audit events under. */
  public static final String SYSTEM_ACTOR = "suoja-plaintext-migration";

  /**
   * Progress after a batch (and the final result of {@link #run}).
   *
   * @param entity the JPA entity name
   * @param scanned rows looked at so far in this run
   * @param total rows in the table when the run started
   * @param sealedRows rows this run changed
   * @param sealedValues values this run sealed
   * @param elapsed time since the run started
   */
  public record Progress(
      String entity,
      long scanned,
      long total,
      long sealedRows,
      long sealedValues,
      Duration elapsed) {
    /** Rows scanned per second so far. */
    public double rowsPerSecond() {
      return Rates.perSecond(scanned, elapsed);
    }
  }

  /** Receives progress after every committed batch, on the thread that runs the migration. */
  @FunctionalInterface
  public interface Listener {
    void onBatch(Progress progress);
  }

  private static final String JOB = "plaintext-migration";

  private final PlaintextSweep sweep;
  private final SessionFactoryImplementor factory;
  private final JobOptions options;
  private final boolean skipLocked;
  private final Suoja suoja;
  private final Clock clock;
  private final int batchSize;
  private final Listener listener;

  private PlaintextMigration(Builder b) {
    this.sweep = new PlaintextSweep(b.integration.factory(), b.integration.suoja());
    this.factory = b.integration.factory();
    this.options = b.options;
    this.skipLocked = PlaintextSweep.supportsSkipLocked(factory.getJdbcServices().getDialect());
    this.suoja = b.integration.suoja();
    this.clock = b.clock;
    this.batchSize = b.batchSize;
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

  /**
   * Seals every plaintext value of every protected entity: for each, first creates the data key of
   * every tenant that has rows but no key yet, then migrates it as {@link #run(Class)} does, then
   * records the run. The one call an application that seeds plaintext (a {@code data.sql}) makes at
   * start-up; a rerun seals nothing twice and creates no key twice.
   *
   * @return the final progress of each entity, in model order
   * @throws fi.suoja.SuojaException as {@link #run(Class)}, or {@code SUOJA-4100} if the audit
   *     trail cannot record the run (what was sealed stays sealed)
   */
  public List<Progress> runAll() {
    List<Progress> results = new ArrayList<>();
    for (Class<?> type : sweep.protectedEntities()) {
      if (options.control.cancelled()) {
        break;
      }
      PlaintextSweep.Plan plan = sweep.plan(type);
      List<String> tenants = sweep.tenants(plan);
      for (String tenant : tenants) {
        if (suoja.keyring().versions(tenant).isEmpty()) {
          String key = "tenant:" + tenant + ":v" + suoja.keyring().create(tenant).version();
          record(tenant, "key", key);
          LOG.info("plaintext migration: created the data key of tenant {}", tenant);
        }
      }
      Progress done = run(type);
      if (options.control.cancelled()) {
        results.add(done);
        break;
      }
      for (String tenant : tenants) {
        record(tenant, "entity", done.entity());
      }
      LOG.info(
          "plaintext migration of {} finished: {} rows scanned, {} values sealed in {} ms",
          done.entity(),
          done.scanned(),
          done.sealedValues(),
          done.elapsed().toMillis());
      results.add(done);
    }
    suoja.auditor().flush();
    return results;
  }

  private void record(String tenant, String type, String id) {
    suoja
        .auditor()
        .record(
            suoja
                .auditor()
                .event(AuditAction.CONFIGURATION_CHANGED)
                .actor(AuditActor.system(SYSTEM_ACTOR, tenant))
                .resource(type, id, tenant)
                .outcome(Outcome.success()));
  }

  /**
   * Migrates every row of {@code entity}'s table; with {@link Builder#resume} after the position
   * the job-state table holds. Stops early, consistently, after the batch in flight when the {@link
   * Builder#control} is cancelled.
   *
   * @throws SuojaConfigurationException {@code SUOJA-5230} if the entity is not protected
   * @throws fi.suoja.SuojaException {@code SUOJA-5231}/{@code 5132} if a batch fails (it was rolled
   *     back; earlier batches stay committed; run again to resume), {@code SUOJA-5244} if the
   *     job-state table cannot be read or written
   */
  public Progress run(Class<?> entity) {
    PlaintextSweep.Plan plan = sweep.plan(Objects.requireNonNull(entity, "entity"));
    Instant start = clock.instant();
    long total = sweep.count(plan);
    JobLedger ledger = options.ledger(factory, JOB, plan.entityName(), clock);
    String position = null;
    if (ledger != null) {
      JobLedger.Start begun = ledger.begin(options.resume, plan);
      if (begun.finished()) {
        LOG.info(
            "plaintext migration of {}: already finished (job-state table)", plan.entityName());
        return new Progress(plan.entityName(), 0, total, 0, 0, Duration.ZERO);
      }
      position = begun.position();
    }
    LOG.info(
        "plaintext migration of {}: {} rows, batch {}, {}{}",
        plan.entityName(),
        total,
        batchSize,
        skipLocked ? "SKIP LOCKED" : "row locks",
        position == null ? "" : ", resuming after the saved position");
    ProgressLog log = new ProgressLog(LOG, clock, options.logInterval, "plaintext migration");
    Counts n = new Counts(position);
    Object after = PlaintextSweep.idValue(plan, position);
    boolean catchUp = false;
    try {
      while (true) {
        if (options.control.cancelled()) {
          if (ledger != null) {
            ledger.save(n.safe, JobLedger.CANCELLED, n.scanned, n.rows);
          }
          Progress p = progress(plan, n, total, start);
          LOG.info(
              "plaintext migration of {} cancelled after {} rows ({} sealed); resume continues"
                  + " after the saved position",
              p.entity(),
              p.scanned(),
              p.sealedRows());
          return p;
        }
        PlaintextSweep.Batch batch =
            sweep.batch(
                plan, after, batchSize, !catchUp && skipLocked, catchUp, n.hook(ledger, plan));
        n.add(plan, batch);
        after = batch.lastId();
        Progress progress = progress(plan, n, total, start);
        if (batch.scanned() > 0) {
          listener.onBatch(progress);
          log.batch(progress.entity(), n.scanned, progress.total(), n.rows, progress.elapsed());
        }
        if (batch.scanned() < batchSize) {
          if (catchUp || !n.gap) {
            if (ledger != null) {
              ledger.save(PlaintextSweep.idText(plan, after), JobLedger.DONE, n.scanned, n.rows);
            }
            return progress;
          }
          // rows another transaction held were skipped: seal what is left of them, waiting
          catchUp = true;
          after = PlaintextSweep.idValue(plan, n.safe);
        }
      }
    } catch (RuntimeException e) {
      if (ledger != null) {
        try {
          ledger.save(n.safe, JobLedger.FAILED, n.scanned, n.rows);
        } catch (RuntimeException alsoFailed) {
          e.addSuppressed(alsoFailed);
        }
      }
      throw e;
    }
  }

  /**
   * A run's counters and its safe position: the last id of a committed batch such that every row up
   * to it is done (it stops advancing at the first batch that skipped a row another transaction
   * held).
   */
  private static final class Counts {
    String safe;
    boolean gap;
    long scanned;
    long rows;
    long values;

    Counts(String position) {
      this.safe = position;
    }

    PlaintextSweep.BeforeCommit hook(JobLedger ledger, PlaintextSweep.Plan plan) {
      if (ledger == null) {
        return PlaintextSweep.BeforeCommit.NONE;
      }
      return (c, b) ->
          ledger.save(
              c,
              gap || b.gap() ? safe : PlaintextSweep.idText(plan, b.lastId()),
              JobLedger.RUNNING,
              scanned + b.scanned(),
              rows + b.sealedRows());
    }

    void add(PlaintextSweep.Plan plan, PlaintextSweep.Batch b) {
      scanned += b.scanned();
      rows += b.sealedRows();
      values += b.sealedValues();
      if (gap || b.gap()) {
        gap = true;
      } else if (b.scanned() > 0) {
        safe = PlaintextSweep.idText(plan, b.lastId());
      }
    }
  }

  private Progress progress(PlaintextSweep.Plan plan, Counts n, long total, Instant start) {
    return new Progress(
        plan.entityName(),
        n.scanned,
        Math.max(total, n.scanned),
        n.rows,
        n.values,
        Duration.between(start, clock.instant()));
  }

  @Override
  public String toString() {
    return "PlaintextMigration[batchSize=" + batchSize + "]";
  }

  /** Options; {@link #build()} validates them. */
  public static final class Builder {
    private final Integration integration;
    private Clock clock = Clock.systemUTC();
    private int batchSize = DEFAULT_BATCH_SIZE;
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

    /** Receives progress after every committed batch. */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Saves each node's position, state and counts in this job-state table ({@link JobStateTable}),
     * in each batch's own transaction. Default: none (a rerun reads every row again and skips what
     * is sealed).
     */
    public Builder jobState(String table) {
      options.table = Objects.requireNonNull(table, "table");
      return this;
    }

    /**
     * Whether a run starts after the position the job-state table holds (the lowest one of the
     * nodes that did not finish) instead of at the first row; an entity every node finished is
     * skipped. Needs {@link #jobState}. Default false: a run starts at the first row and clears the
     * saved positions.
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
     * Builds the migration job.
     *
     * @throws SuojaConfigurationException {@code SUOJA-5230} for a bad batch size, {@code
     *     SUOJA-5245} for resume without a job-state table, a bad node name or log interval
     */
    public PlaintextMigration build() {
      options.validate("PlaintextMigration.builder(...)");
      if (batchSize < 1 || batchSize > 100_000) {
        throw new SuojaConfigurationException(
            "SUOJA-5230",
            "PlaintextMigration.builder(...).batchSize(n) must be within 1..100000, was "
                + batchSize);
      }
      return new PlaintextMigration(this);
    }
  }
}
