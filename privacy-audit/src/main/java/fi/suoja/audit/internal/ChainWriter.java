package fi.suoja.audit.internal;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditUnavailableException;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.verify.Checkpoint;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One hash chain / Merkle log with group commit, independent of where records are stored.
 *
 * <p>Appenders serialise and leaf-hash their event on their own thread, then, under a short lock,
 * take the next sequence number, extend the chain head and the Merkle frontier and queue the
 * record. Writing is done by a leader: whichever waiting thread finds no write in progress takes
 * the whole queue, writes it to the {@link Backend} outside the lock (one fsync or one transaction
 * for the batch) and wakes the others. While it writes, new records queue up for the next batch;
 * that is what lets many concurrent durable appenders share fsyncs.
 *
 * <p>Fail closed: once the backend fails, every later call throws {@link
 * AuditUnavailableException}; nothing is silently dropped.
 */
public final class ChainWriter implements AutoCloseable {

  /** Where batches of records go. Called by one leader thread at a time. */
  public interface Backend {
    /**
     * Writes a batch in order. When {@code force}, returns only after the batch and everything
     * written before it is on stable storage.
     */
    void write(List<Record> batch, boolean force) throws Exception;

    /** Stores a checkpoint apart from the trail, durably. */
    default void checkpoint(Checkpoint checkpoint) throws Exception {
      throw new IllegalStateException("backend has no checkpoint store");
    }

    /** Releases resources. */
    void close() throws Exception;

    /** Short description for error messages (a path or table name). */
    String describe();
  }

  /** A record ready to store. */
  public static final class Record {
    /** Sequence number = leaf index. */
    public final long seq;
    /** The event. */
    public final AuditEvent event;
    /** Canonical event JSON. */
    public final byte[] eventJson;
    /** Chain head after this record. */
    public final byte[] head;

    Record(long seq, AuditEvent event, byte[] eventJson, byte[] head) {
      this.seq = seq;
      this.event = event;
      this.eventJson = eventJson;
      this.head = head;
    }
  }

  private final String chainId;
  private final Backend backend;
  private final ChainCodec.Hasher hasher;
  private final PrivateKey signer;
  private final long checkpointEvery;
  private final Duration checkpointInterval;
  private final int maxPending;
  private final Clock clock;

  /** Longest wait of a group-commit leader for callers already on their way (0.2 ms). */
  private static final long LINGER_NANOS = 200_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition done = lock.newCondition();
  private final Condition work = lock.newCondition();
  private final Condition arrived = lock.newCondition();
  /** Callers inside a durable {@link #append}, whether their records are queued yet or not. */
  private final AtomicInteger durableCallers = new AtomicInteger();
  private final Thread background;
  private final Merkle.Frontier frontier = new Merkle.Frontier();
  private byte[] head = ChainCodec.Hasher.initial();
  private long next;
  private List<Record> pending = new ArrayList<>();
  private long written = -1;
  private long durable = -1;
  private boolean busy;
  /** Durable callers whose records are in {@link #pending}. */
  private int queuedDurableCallers;
  private boolean lingering;
  private Throwable failure;
  private boolean closed;
  private long checkpointed;
  private Instant lastCheckpoint;

  /**
   * @param chainId id of this chain (one per writer)
   * @param key chain key or null for an unkeyed chain
   * @param backend storage
   * @param signer Ed25519 key for checkpoints, or null for none
   * @param checkpointEvery sign a checkpoint at least every this many records
   * @param checkpointInterval and at least this often while records arrive
   * @param maxPending buffered mode: the background writer is woken when this many records are
   *     queued, and appenders wait when twice as many are
   * @param flushInterval buffered mode: a background writer writes and forces at least this
   *     often; null for no background writer (every append waits for its own write)
   * @param clock clock for checkpoint times
   */
  public ChainWriter(
      String chainId,
      ChainKey key,
      Backend backend,
      PrivateKey signer,
      long checkpointEvery,
      Duration checkpointInterval,
      int maxPending,
      Duration flushInterval,
      Clock clock) {
    this.chainId = Checks.token("chainId", chainId);
    this.backend = backend;
    this.hasher = new ChainCodec.Hasher(key);
    this.signer = signer;
    this.checkpointEvery = checkpointEvery;
    this.checkpointInterval = checkpointInterval;
    this.maxPending = maxPending;
    this.clock = clock;
    this.lastCheckpoint = clock.instant();
    if (flushInterval != null) {
      long nanos = flushInterval.toNanos();
      background = new Thread(() -> backgroundLoop(nanos), "suoja-audit-writer-" + chainId);
      background.setDaemon(true);
      background.start();
    } else {
      background = null;
    }
  }

  // Buffered mode: write and force whatever is queued every flush interval, or sooner when the
  // queue reaches maxPending, so that appenders only serialise, hash and enqueue.
  private void backgroundLoop(long intervalNanos) {
    lock.lock();
    try {
      while (!closed) {
        long remaining = intervalNanos;
        while (!closed && pending.size() < maxPending && remaining > 0) {
          remaining = work.awaitNanos(remaining);
        }
        if (closed || failure != null) {
          return; // after a failure every caller gets it; nothing more to write
        }
        if (!busy && (!pending.isEmpty() || durable < next - 1)) {
          lead(true, false);
        } else if (busy) {
          done.awaitUninterruptibly();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** This chain's id. */
  public String chainId() {
    return chainId;
  }

  /**
   * Queues events in order and, if {@code durable}, returns only once they are on stable storage.
   * Otherwise it returns at once unless the queue is full.
   */
  public long append(List<AuditEvent> events, boolean durable) {
    if (!durable) {
      return append0(events, false);
    }
    durableCallers.incrementAndGet();
    try {
      return append0(events, true);
    } finally {
      durableCallers.decrementAndGet();
    }
  }

  private long append0(List<AuditEvent> events, boolean durable) {
    List<byte[]> jsons = new ArrayList<>(events.size());
    List<byte[]> leaves = new ArrayList<>(events.size());
    for (AuditEvent e : events) {
      byte[] json = EventCodec.toBytes(e);
      jsons.add(json);
      leaves.add(ChainCodec.leafHash(chainId, json));
    }
    long last;
    boolean overloaded;
    lock.lock();
    try {
      checkUsable();
      for (int i = 0; i < events.size(); i++) {
        head = hasher.next(head, leaves.get(i));
        frontier.append(leaves.get(i));
        pending.add(new Record(next++, events.get(i), jsons.get(i), head));
      }
      last = next - 1;
      if (durable) {
        queuedDurableCallers++;
        if (lingering) {
          arrived.signal();
        }
      }
      int queued = pending.size();
      if (background != null && queued >= maxPending && !busy) {
        work.signal();
      }
      // Without a background writer the caller writes; with one, it waits only past 2x the
      // soft bound (back-pressure when the disk cannot keep up).
      overloaded = background == null ? queued >= maxPending : queued >= 2L * maxPending;
    } finally {
      lock.unlock();
    }
    if (durable) {
      await(last, true);
    } else if (overloaded) {
      await(last, false);
    }
    return last;
  }

  /** Writes (and if {@code force}, syncs) everything queued so far. */
  public void sync(boolean force) {
    long target;
    lock.lock();
    try {
      target = next - 1;
    } finally {
      lock.unlock();
    }
    await(target, force);
  }

  /** Waits until record {@code seq} is written (and synced when {@code force}). */
  public void await(long seq, boolean force) {
    lock.lock();
    try {
      while (true) {
        if (failure != null) {
          throw unavailable();
        }
        if ((force ? durable : written) >= seq) {
          return;
        }
        if (busy) {
          done.awaitUninterruptibly();
          continue;
        }
        if (force) {
          linger();
        }
        lead(force, false);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Group commit: before forcing, waits up to {@link #LINGER_NANOS} for the durable callers that
   * are already inside {@link #append} but have not queued their records yet (they are hashing
   * their events), so that one fsync covers them too instead of each wave of callers getting its
   * own. Never waits for callers that have not called yet. Called with the lock held and not
   * busy; holds the leader role (busy) while it waits.
   */
  private void linger() {
    if (queuedDurableCallers >= durableCallers.get()) {
      return;
    }
    busy = true;
    lingering = true;
    boolean interrupted = false;
    long remaining = LINGER_NANOS;
    try {
      while (remaining > 0
          && !closed
          && failure == null
          && queuedDurableCallers < durableCallers.get()) {
        try {
          remaining = arrived.awaitNanos(remaining);
        } catch (InterruptedException e) {
          interrupted = true;
          break;
        }
      }
    } finally {
      busy = false;
      lingering = false;
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // Called with the lock held; releases it while writing.
  private void lead(boolean force, boolean finalCheckpoint) {
    busy = true;
    queuedDurableCallers = 0;
    List<Record> batch = pending;
    pending = new ArrayList<>(Math.max(16, batch.size()));
    long last = next - 1;
    Checkpoint checkpoint = null;
    Instant now = clock.instant();
    if (signer != null
        && next > checkpointed
        && (finalCheckpoint
            || next - checkpointed >= checkpointEvery
            || Duration.between(lastCheckpoint, now).compareTo(checkpointInterval) >= 0)) {
      checkpoint = Checkpoint.sign(chainId, next, frontier.root(), head, now, signer);
    }
    lock.unlock();
    Throwable failed = null;
    try {
      backend.write(batch, force || checkpoint != null);
      if (checkpoint != null) {
        backend.checkpoint(checkpoint);
      }
    } catch (Throwable t) {
      failed = t;
    } finally {
      lock.lock();
    }
    busy = false;
    if (failed != null) {
      failure = failed;
    } else {
      written = Math.max(written, last);
      if (force || checkpoint != null) {
        durable = Math.max(durable, last);
      }
      if (checkpoint != null) {
        checkpointed = checkpoint.size();
        lastCheckpoint = now;
      }
    }
    done.signalAll();
  }

  private void checkUsable() {
    if (failure != null) {
      throw unavailable();
    }
    if (closed) {
      throw new AuditUnavailableException(
          "audit chain " + chainId + " (" + backend.describe() + ") is closed");
    }
  }

  private AuditUnavailableException unavailable() {
    return new AuditUnavailableException(
        "audit chain " + chainId + " (" + backend.describe() + ") failed to write", failure);
  }

  /** Number of records appended so far. */
  public long size() {
    lock.lock();
    try {
      return next;
    } finally {
      lock.unlock();
    }
  }

  /** Writes, syncs, signs a final checkpoint and closes the backend. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      work.signalAll();
      arrived.signalAll();
      while (busy) {
        done.awaitUninterruptibly();
      }
      if (failure == null) {
        lead(true, true);
      }
    } finally {
      lock.unlock();
    }
    if (background != null) {
      try {
        background.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      backend.close();
    } catch (Exception e) {
      throw new AuditUnavailableException(
          "audit chain " + chainId + " (" + backend.describe() + ") failed to close", e);
    }
    if (failure != null) {
      throw unavailable();
    }
  }
}
