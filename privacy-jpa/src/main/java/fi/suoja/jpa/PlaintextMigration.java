package fi.suoja.jpa;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.jpa.internal.PlaintextSweep;
import java.time.Duration;
import java.util.Objects;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Encrypts, in place, the plaintext an existing database holds in columns that have just become
 * {@code @Encrypted}: the adoption step after widening the columns (docs/OPERATIONS.md).
 *
 * <pre>{@code
 * PlaintextMigration.builder(sessionFactory, suoja)
 *     .batchSize(500)
 *     .listener(p -> log.info("{}: {}/{} rows, {}/s", p.entity(), p.scanned(), p.total(),
 *         (long) p.rowsPerSecond()))
 *     .build()
 *     .run(Client.class);
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Batches in primary-key order; each batch is one transaction that locks its rows, seals
 *       every value that is not yet an envelope (bound to tenant, entity, field and row id, as the
 *       Hibernate integration does), fills the blind indexes of the values it sealed, and commits.
 *   <li>Idempotent and resumable: a crash rolls back only the open batch; running again skips
 *       every value that already is an envelope, so no value is lost or sealed twice.
 *   <li>Safe beside the application: rows are locked while sealed; with {@link
 *       SuojaJpaSettings#LEGACY_PLAINTEXT} {@code = read} the application reads both forms
 *       meanwhile.
 * </ul>
 *
 * <p>Warning: a plaintext value that happens to have the shape of an envelope header (long,
 * Base64url, starting {@code AQ}) is taken as sealed and then fails to open, loudly. It does not
 * audit per row (no person reads the data; the operator runs it), so record the run in your
 * change log. Run it before switching {@code suoja.legacy_plaintext} back to {@code off}.
 */
public final class PlaintextMigration {
  /** Default rows per batch. */
  public static final int DEFAULT_BATCH_SIZE = 500;

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
      String entity, long scanned, long total, long sealedRows, long sealedValues,
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
  private final int batchSize;
  private final Listener listener;

  private PlaintextMigration(PlaintextSweep sweep, int batchSize, Listener listener) {
    this.sweep = sweep;
    this.batchSize = batchSize;
    this.listener = listener;
  }

  /** A builder for a migration over {@code sessionFactory}'s mapping and connections. */
  public static Builder builder(SessionFactory sessionFactory, Suoja suoja) {
    return new Builder(sessionFactory, suoja);
  }

  /**
   * Migrates every row of {@code entity}'s table.
   *
   * @throws SuojaConfigurationException {@code SUOJA-5230} if the entity is not protected
   * @throws fi.suoja.SuojaException {@code SUOJA-5231}/{@code 5132} if a batch fails (it was
   *     rolled back; earlier batches stay committed; run again to resume)
   */
  public Progress run(Class<?> entity) {
    PlaintextSweep.Plan plan = sweep.plan(Objects.requireNonNull(entity, "entity"));
    long start = System.nanoTime();
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
          new Progress(plan.entityName(), scanned, Math.max(total, scanned), rows, values,
              Duration.ofNanos(System.nanoTime() - start));
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
    private final SessionFactory sessionFactory;
    private final Suoja suoja;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Listener listener = p -> {};

    private Builder(SessionFactory sessionFactory, Suoja suoja) {
      this.sessionFactory = Objects.requireNonNull(sessionFactory, "sessionFactory");
      this.suoja = Objects.requireNonNull(suoja, "suoja");
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
            "SUOJA-5230", "batchSize must be within 1..100000, was " + batchSize);
      }
      return new PlaintextMigration(
          new PlaintextSweep(sessionFactory.unwrap(SessionFactoryImplementor.class), suoja),
          batchSize,
          listener);
    }
  }
}
