package fi.suoja.jpa;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.Outcome;
import fi.suoja.jpa.internal.Integration;
import fi.suoja.jpa.internal.PlaintextSweep;
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
 *       value that already is an envelope, so no value is lost or sealed twice.
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

  private final PlaintextSweep sweep;
  private final Suoja suoja;
  private final Clock clock;
  private final int batchSize;
  private final Listener listener;

  private PlaintextMigration(Builder b) {
    this.sweep = new PlaintextSweep(b.integration.factory(), b.integration.suoja());
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
   * Migrates every row of {@code entity}'s table.
   *
   * @throws SuojaConfigurationException {@code SUOJA-5230} if the entity is not protected
   * @throws fi.suoja.SuojaException {@code SUOJA-5231}/{@code 5132} if a batch fails (it was rolled
   *     back; earlier batches stay committed; run again to resume)
   */
  public Progress run(Class<?> entity) {
    PlaintextSweep.Plan plan = sweep.plan(Objects.requireNonNull(entity, "entity"));
    Instant start = clock.instant();
    long total = sweep.count(plan);
    long scanned = 0;
    long rows = 0;
    long values = 0;
    Object after = null;
    while (true) {
      PlaintextSweep.Batch batch = sweep.batch(plan, after, batchSize);
      scanned += batch.scanned();
      rows += batch.sealedRows();
      values += batch.sealedValues();
      after = batch.lastId();
      Progress progress =
          new Progress(
              plan.entityName(),
              scanned,
              Math.max(total, scanned),
              rows,
              values,
              Duration.between(start, clock.instant()));
      if (batch.scanned() > 0) {
        listener.onBatch(progress);
      }
      if (batch.scanned() < batchSize) {
        return progress;
      }
    }
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
     * Builds the migration job.
     *
     * @throws SuojaConfigurationException {@code SUOJA-5230} for a bad batch size
     */
    public PlaintextMigration build() {
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
