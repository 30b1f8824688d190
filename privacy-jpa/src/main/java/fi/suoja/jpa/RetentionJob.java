package fi.suoja.jpa;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.jpa.internal.Integration;
import fi.suoja.jpa.internal.Rights;
import fi.suoja.policy.AccessDeniedException;
import fi.suoja.policy.Action;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hibernate.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases what has outlived its legal hold: every record of an entity with {@link
 * fi.suoja.annotation.LegalRetention} whose hold ended ({@code from + period <= now}) is deleted or
 * anonymised as its {@link fi.suoja.annotation.Erasure} declares, in batches, resumably, with
 * progress (docs/SUBJECT_RIGHTS.md, "Retention job"). Runs as the current {@code PrivacyContext}
 * actor, in that actor's tenant, like {@link SubjectRights#erase}: the policy must allow ERASE.
 *
 * <pre>{@code
 * RetentionJob job = RetentionJob.builder(entityManagerFactory)
 *     .batchSize(500)
 *     .listener(p -> log.info("{}: {}/{} records, {} erased, eta {}", p.entity(), p.scanned(),
 *         p.total(), p.erased(), p.eta()))
 *     .build();
 * RetentionJob.Result r = PrivacyContext.callAs(retentionOfficer, Purpose.ADMINISTRATION, job::run);
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>A record whose hold still runs, or has not started ({@code from} null), is never touched.
 *   <li>Each batch is one transaction in primary-key order; every erased record is audited as
 *       {@code ERASE} through the access guard (decided per record; a denial rolls back the batch
 *       and stops the run with {@code AccessDeniedException}). A failure rolls back only the open
 *       batch; a rerun resumes: deleted records are gone and anonymised ones no longer match, so
 *       nothing is erased or audited twice.
 *   <li>Values are never opened: records are loaded sealed.
 *   <li>Crypto-shredding: after each committed batch, the key of every data subject touched in an
 *       entity sealed under subject keys is destroyed once no record of that subject in the tenant
 *       holds a personal value any more; a subject with live records keeps its key (and backups of
 *       its erased records stay readable with it until its own erasure).
 * </ul>
 */
public final class RetentionJob {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

  /** Default records per batch. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  /**
   * Progress of one entity after a batch, and its result at the end of {@link #run()}.
   *
   * @param entity the JPA entity name
   * @param scanned records looked at so far (including those whose hold turned out to run on)
   * @param total records that matched the due query when the entity's sweep started
   * @param erased records deleted or anonymised so far
   * @param elapsed time since the entity's sweep started
   */
  public record Progress(String entity, long scanned, long total, long erased, Duration elapsed) {
    /** Records scanned per second so far. */
    public double rowsPerSecond() {
      return Rates.perSecond(scanned, elapsed);
    }

    /** Estimated time to finish the entity at the current rate; zero once it is done. */
    public Duration eta() {
      return Rates.eta(scanned, total, rowsPerSecond());
    }
  }

  /**
   * What one run did.
   *
   * @param entities the final progress of each entity with a hold, in model order
   * @param subjectKeysDestroyed data subjects whose key was destroyed (crypto-shredded)
   */
  public record Result(List<Progress> entities, long subjectKeysDestroyed) {
    /** Copies the list. */
    public Result {
      entities = List.copyOf(entities);
    }

    /** Records erased in all entities. */
    public long erased() {
      return entities.stream().mapToLong(Progress::erased).sum();
    }
  }

  /** Receives progress after every committed batch, on the thread that runs the job. */
  @FunctionalInterface
  public interface Listener {
    void onBatch(Progress progress);
  }

  private final Rights rights;
  private final Clock clock;
  private final int batchSize;
  private final Listener listener;

  private RetentionJob(Rights rights, Clock clock, int batchSize, Listener listener) {
    this.rights = rights;
    this.clock = clock;
    this.batchSize = batchSize;
    this.listener = listener;
  }

  /**
   * A builder over a factory Suoja is integrated with (a Hibernate {@code SessionFactory} is one).
   *
   * @throws SuojaConfigurationException {@code SUOJA-1508} if Suoja protects nothing in it
   */
  public static Builder builder(EntityManagerFactory factory) {
    return new Builder(Rights.of(Integration.of(factory).factory()));
  }

  /**
   * Erases every record of the actor's tenant whose legal hold has ended, entity by entity.
   *
   * @throws AccessDeniedException if ERASE is denied for a record (its batch is rolled back;
   *     earlier batches stay committed)
   * @throws SuojaException {@code SUOJA-6030} if a batch fails otherwise (rolled back; run again to
   *     resume)
   */
  public Result run() {
    Instant now = clock.instant();
    List<Progress> results = new ArrayList<>();
    long destroyed = 0;
    for (String entity : rights.heldEntities()) {
      long start = System.nanoTime();
      long total;
      try (Rights.Scope scope = rights.open(Action.ERASE)) {
        total = rights.dueCount(scope, entity, now);
      }
      LOG.info(
          "retention of {}: {} records past or near the end of their hold, batch {}",
          entity,
          total,
          batchSize);
      long scanned = 0;
      long erased = 0;
      Object after = null;
      while (true) {
        Batch batch = batch(entity, after, now);
        scanned += batch.scanned;
        erased += batch.erased;
        after = batch.lastId;
        destroyed += shred(batch.subjects, now);
        if (batch.scanned > 0) {
          Progress p =
              new Progress(
                  entity, scanned, total, erased, Duration.ofNanos(System.nanoTime() - start));
          LOG.debug(
              "retention of {}: {}/{} records, {} erased, {}/s, eta {}",
              entity,
              p.scanned(),
              p.total(),
              p.erased(),
              (long) p.rowsPerSecond(),
              p.eta());
          listener.onBatch(p);
        }
        if (batch.scanned < batchSize) {
          break;
        }
      }
      Progress done =
          new Progress(entity, scanned, total, erased, Duration.ofNanos(System.nanoTime() - start));
      LOG.info(
          "retention of {} finished: {} records scanned, {} erased in {} ms",
          entity,
          done.scanned(),
          done.erased(),
          done.elapsed().toMillis());
      results.add(done);
    }
    return new Result(results, destroyed);
  }

  private static final class Batch {
    long scanned;
    long erased;
    Object lastId;
    final Set<String> subjects = new LinkedHashSet<>();
  }

  private Batch batch(String entity, Object after, Instant now) {
    Batch b = new Batch();
    try (Rights.Scope scope = rights.open(Action.ERASE)) {
      Transaction tx = rights.begin(scope);
      try {
        for (Rights.Found f : rights.due(scope, entity, after, batchSize, now)) {
          b.scanned++;
          b.lastId = rights.idOf(f);
          if (f.hold().holds()) {
            continue; // within the query's one-day margin, the hold still runs
          }
          rights.erase(scope, f);
          b.erased++;
          if (rights.subjectKeyed(f) && f.ref().subjectId() != null) {
            b.subjects.add(f.ref().subjectId());
          }
        }
        tx.commit();
      } catch (AccessDeniedException e) {
        rollback(tx);
        throw e;
      } catch (RuntimeException e) {
        rollback(tx);
        throw new SuojaException(
            "SUOJA-6030",
            "retention of "
                + entity
                + ": a batch failed and was rolled back; earlier batches"
                + " stay committed, run again to resume",
            e);
      }
    }
    return b;
  }

  private long shred(Set<String> subjects, Instant now) {
    long destroyed = 0;
    for (String subject : subjects) {
      String tenant;
      boolean live;
      try (Rights.Scope scope = rights.open(Action.ERASE)) {
        tenant = scope.session().getTenantIdentifier();
        live = rights.anyPersonalValues(scope, subject, now);
      }
      if (!live && tenant != null && rights.suoja().subjectKeys().destroy(tenant, subject) > 0) {
        destroyed++;
      }
    }
    return destroyed;
  }

  private static void rollback(Transaction tx) {
    if (tx.isActive()) {
      tx.rollback();
    }
  }

  @Override
  public String toString() {
    return "RetentionJob[batchSize=" + batchSize + "]";
  }

  /** Builds a {@link RetentionJob}. */
  public static final class Builder {
    private final Rights rights;
    private Clock clock = Clock.systemUTC();
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Listener listener = p -> {};

    private Builder(Rights rights) {
      this.rights = rights;
    }

    /**
     * Records per batch (transaction), 1..100 000; default {@value
     * RetentionJob#DEFAULT_BATCH_SIZE}.
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 100_000) {
        throw new SuojaConfigurationException(
            "SUOJA-6031",
            "RetentionJob.builder(...).batchSize(n) must be 1..100000, was " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** The clock holds are judged by (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Receives progress after every batch. */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public RetentionJob build() {
      return new RetentionJob(rights, clock, batchSize, listener);
    }
  }
}
