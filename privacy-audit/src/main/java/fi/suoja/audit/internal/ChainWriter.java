package fi.suoja.audit.internal;

import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.AuditUnavailableException;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.verify.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One hash chain / Merkle log with group commit, independent of where records are stored.
 *
 * <p>Appenders serialise and leaf-hash their event on their own thread, then, under a small
 * monitor, take the next sequence number, extend the chain head and the Merkle frontier and queue
 * the record. Writing is done by a leader: whichever waiting thread (or the buffered mode's
 * background writer) finds no write in progress takes the whole queue with a snapshot of the tree
 * head, signs the checkpoints due, writes the batch to the {@link Backend} (one fsync or one
 * transaction) outside any lock, stores the checkpoints and wakes the others. While it writes, new
 * records queue up for the next batch; that is what lets many concurrent durable appenders share
 * fsyncs. (Chaining in the leader instead was measured too: it made the background writer the
 * serial bottleneck of a buffered sink with several callers; see benchmarks/README.md.)
 *
 * <p>Checkpoints do not depend on how records fall into batches: every tree size that is a multiple
 * of {@code checkpointEvery} gets one. The appender whose record reaches such a size notes the
 * chain head and a copy of the Merkle frontier (64 references, no hashing) beside the queue; the
 * leader computes the tree head from that copy and signs it. A batch gets one more checkpoint, at
 * its end, when the interval has passed since the last one, and so does the final write of {@link
 * #close}. A batch that carries checkpoints is forced before they are stored, so no checkpoint ever
 * covers records that are not on stable storage.
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
    void write(List<Entry> batch, boolean force) throws Exception;

    /**
     * Stores checkpoints (in ascending size) apart from the trail, durably, before returning.
     * Several come together when a batch reaches several multiples of {@code checkpointEvery}; one
     * sync or transaction for all of them keeps that cheap.
     */
    default void checkpoint(List<Checkpoint> checkpoints) throws Exception {
      throw new IllegalStateException("backend has no checkpoint store");
    }

    /** Releases resources. */
    void close() throws Exception;

    /** Short description for error messages (a path or table name). */
    String describe();
  }

  /** A record ready to store. */
  public static final class Entry {
    /** Sequence number = leaf index. */
    public final long seq;

    /** The event. */
    public final AuditEvent event;

    /** Canonical event JSON. */
    public final byte[] eventJson;

    /** Chain head after this record. */
    private final byte[] head;

    Entry(long seq, AuditEvent event, byte[] eventJson, byte[] head) {
      this.seq = seq;
      this.event = event;
      this.eventJson = eventJson;
      this.head = head;
    }

    /** Chain head after this record. */
    public byte[] head() {
      return head;
    }
  }

  /** A tree size due a checkpoint, with the chain head and Merkle frontier at that size. */
  private static final class Mark {
    final long size;
    final byte[] head;
    final Merkle.Frontier frontier;

    Mark(long size, byte[] head, Merkle.Frontier frontier) {
      this.size = size;
      this.head = head;
      this.frontier = frontier;
    }
  }

  private final String chainId;
  private final byte[] chainBytes;
  private final Backend backend;
  private final ChainCodec.Hasher hasher;
  private final PrivateKey signer;
  private final long checkpointEvery;
  private final Duration checkpointInterval;
  private final int maxPending;
  private final Clock clock;

  /** Longest wait of a group-commit leader for callers on their way (1 ms). */
  private static final long MAX_LINGER_NANOS = 1_000_000;

  /**
   * Guards the leader role, the written/durable marks and the conditions. Appenders do not take it
   * on the common path: they queue under {@link #queue}, whose critical section is a few field
   * updates, so that many appending threads do not convoy on a parking lock.
   */
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * Monitor guarding {@link #pending}, {@link #marks}, {@link #nextMark}, {@link #next}, {@link
   * #head}, {@link #frontier} and writes of {@link #closed}.
   */
  private final Object queue = new Object();

  private final Condition done = lock.newCondition();
  private final Condition work = lock.newCondition();
  private final Condition arrived = lock.newCondition();

  /** Callers inside a durable {@link #append}, whether their records are queued yet or not. */
  private final AtomicInteger durableCallers = new AtomicInteger();

  private final Thread background;
  private final Merkle.Frontier frontier = new Merkle.Frontier();
  private byte[] head = ChainCodec.Hasher.initial();
  private long next;
  private List<Entry> pending = new ArrayList<>();

  /** Checkpoints due within {@link #pending}, in order. */
  private List<Mark> marks = new ArrayList<>();

  /** The next tree size due a checkpoint (a multiple of checkpointEvery); never, unsigned. */
  private long nextMark;

  private long written = -1;
  private long durable = -1;
  private boolean busy;

  /** Durable callers whose records are in {@link #pending}. */
  private volatile int queuedDurableCallers;

  /** Durable callers whose records the previous forced batch held. */
  private int lastBatchCallers;

  /** How long the previous forced write took, in nanoseconds. */
  private long lastForceNanos;

  /** While a leader lingers: how many queued durable callers it waits for; else 0. */
  private volatile int lingerTarget;

  private volatile Throwable failure;
  private volatile boolean closed;
  private long checkpointed;
  private Instant lastCheckpoint;

  /** When a signed checkpoint was last stored; null before the first (read by health checks). */
  private volatile Instant lastStoredCheckpoint;

  /**
   * @param chainId id of this chain (one per writer)
   * @param key chain key or null for an unkeyed chain
   * @param backend storage
   * @param signer Ed25519 key for checkpoints, or null for none
   * @param checkpointEvery sign a checkpoint at every tree size that is a multiple of this
   * @param checkpointInterval and one at the end of a batch when this much time has passed since
   *     the last
   * @param maxPending buffered mode: the background writer is woken when this many records are
   *     queued, and appenders wait when twice as many are
   * @param flushInterval buffered mode: a background writer writes and forces at least this often;
   *     null for no background writer (every append waits for its own write)
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
    this.chainBytes = chainId.getBytes(StandardCharsets.US_ASCII);
    this.backend = backend;
    this.hasher = new ChainCodec.Hasher(key);
    this.signer = signer;
    this.checkpointEvery = checkpointEvery;
    this.checkpointInterval = checkpointInterval;
    this.maxPending = maxPending;
    this.clock = clock;
    this.lastCheckpoint = clock.instant();
    this.nextMark = signer == null ? Long.MAX_VALUE : checkpointEvery;
    if (flushInterval != null) {
      long nanos = flushInterval.toNanos();
      background = new Thread(() -> backgroundLoop(nanos), "suoja-audit-writer-" + chainId);
      background.setDaemon(true);
      background.start();
    } else {
      background = null;
    }
  }

  // Buffered mode: writes whatever is queued when the queue reaches maxPending, and writes and
  // forces everything every flush interval, so that appenders only serialise, hash and enqueue.
  // A full queue is written without forcing: the writer's pace must not be an fsync's.
  private void backgroundLoop(long intervalNanos) {
    lock.lock();
    try {
      long lastForce = System.nanoTime();
      while (!closed) {
        long remaining = intervalNanos - (System.nanoTime() - lastForce);
        while (!closed && pendingSize() < maxPending && remaining > 0) {
          remaining = work.awaitNanos(remaining);
        }
        if (closed || failure != null) {
          return; // after a failure every caller gets it; nothing more to write
        }
        if (busy) {
          done.awaitUninterruptibly();
          continue;
        }
        if (System.nanoTime() - lastForce >= intervalNanos) {
          if (pendingSize() > 0 || durable < size() - 1) {
            lead(true, false);
          }
          lastForce = System.nanoTime();
        } else if (pendingSize() > 0) {
          lead(false, false);
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
    int n = events.size();
    byte[][] jsons = new byte[n][];
    byte[][] leaves = new byte[n][];
    for (int i = 0; i < n; i++) {
      jsons[i] = EventCodec.toBytes(events.get(i));
      leaves[i] = ChainCodec.leafHash(chainBytes, jsons[i]);
    }
    long last;
    int before;
    int queued;
    int queuedNow = 0;
    synchronized (queue) {
      checkUsable();
      before = pending.size();
      for (int i = 0; i < n; i++) {
        head = hasher.next(head, leaves[i]);
        frontier.append(leaves[i]);
        pending.add(new Entry(next++, events.get(i), jsons[i], head));
        if (next == nextMark) {
          marks.add(new Mark(next, head, frontier.copy()));
          nextMark += checkpointEvery;
        }
      }
      last = next - 1;
      queued = pending.size();
      if (durable) {
        queuedNow = ++queuedDurableCallers;
      }
    }
    // Wake a lingering leader once, when the last caller it waits for has queued.
    if (durable) {
      int target = lingerTarget;
      if (target > 0 && queuedNow >= target) {
        signal(arrived);
      }
    }
    if (background != null && before < maxPending && queued >= maxPending) {
      signal(work);
    }
    // Without a background writer the caller writes; with one, it waits only past 2x the soft
    // bound (back-pressure when the disk cannot keep up).
    boolean overloaded = background == null ? queued >= maxPending : queued >= 2L * maxPending;
    if (durable) {
      await(last, true);
    } else if (overloaded) {
      await(last, false);
    }
    return last;
  }

  private void signal(Condition condition) {
    lock.lock();
    try {
      condition.signal();
    } finally {
      lock.unlock();
    }
  }

  private int pendingSize() {
    synchronized (queue) {
      return pending.size();
    }
  }

  /** Writes (and if {@code force}, syncs) everything queued so far. */
  public void sync(boolean force) {
    await(size() - 1, force);
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
   * Group commit: before forcing, waits a little for durable callers on their way so that one fsync
   * covers them too, instead of each wave of callers getting its own. It waits for (a) the callers
   * already inside {@link #append} that have not queued yet (they are hashing), and (b) as many
   * callers as the previous forced batch held: the callers an fsync released re-enter moments
   * later, and without waiting for them the group splits into alternating half-size waves. The wait
   * ends as soon as they are queued, and never exceeds half the previous force's duration (nor
   * {@link #MAX_LINGER_NANOS}), so it can at most add half an fsync to the latency while it can
   * double the batch. A single caller never waits. (PostgreSQL's {@code commit_delay}/{@code
   * commit_siblings} is the same idea with fixed settings.) Called with the lock held and not busy;
   * holds the leader role (busy) while it waits. Only the caller that completes the awaited group
   * wakes it (one wake-up per batch, not one per caller).
   */
  private void linger() {
    int expected = Math.max(durableCallers.get(), lastBatchCallers);
    if (queuedDurableCallers >= expected || (queuedDurableCallers == 0 && expected <= 1)) {
      return;
    }
    busy = true;
    lingerTarget = expected;
    boolean interrupted = false;
    long remaining = Math.min(MAX_LINGER_NANOS, lastForceNanos / 2);
    try {
      while (remaining > 0 && !closed && failure == null && queuedDurableCallers < expected) {
        try {
          remaining = arrived.awaitNanos(remaining);
        } catch (InterruptedException e) {
          interrupted = true;
          break;
        }
      }
    } finally {
      busy = false;
      lingerTarget = 0;
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // Called with the lock held; releases it while signing and writing. The leader role (busy)
  // makes the checkpoint bookkeeping its own until it returns; the batch, its marks, head and
  // frontier are taken together under the queue monitor; tree heads are computed outside it.
  private void lead(boolean force, boolean finalCheckpoint) {
    busy = true;
    int callers;
    List<Entry> batch;
    List<Mark> due = List.of();
    long size;
    Instant now = clock.instant();
    synchronized (queue) {
      callers = queuedDurableCallers;
      queuedDurableCallers = 0;
      batch = pending;
      pending = new ArrayList<>(Math.max(16, batch.size()));
      size = frontier.size();
      if (!marks.isEmpty()) {
        due = marks; // appenders add to a new list from now on
        marks = new ArrayList<>();
      }
      long anchored = due.isEmpty() ? checkpointed : due.get(due.size() - 1).size;
      if (signer != null
          && size > anchored
          && (finalCheckpoint
              || Duration.between(lastCheckpoint, now).compareTo(checkpointInterval) >= 0)) {
        due = new ArrayList<>(due);
        due.add(new Mark(size, head, frontier.copy()));
      }
    }
    lock.unlock();
    Throwable failed = null;
    long last = size - 1;
    List<Checkpoint> checkpoints = new ArrayList<>(due.size());
    try {
      for (Mark m : due) {
        checkpoints.add(Checkpoint.sign(chainId, m.size, m.frontier.root(), m.head, now, signer));
      }
      long started = System.nanoTime();
      backend.write(batch, force || !checkpoints.isEmpty());
      if (force && callers > 0) {
        lastForceNanos = System.nanoTime() - started;
        lastBatchCallers = callers;
      }
      if (!checkpoints.isEmpty()) {
        backend.checkpoint(checkpoints);
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
      if (force || !checkpoints.isEmpty()) {
        durable = Math.max(durable, last);
      }
      if (!checkpoints.isEmpty()) {
        checkpointed = checkpoints.get(checkpoints.size() - 1).size();
        lastCheckpoint = now;
        lastStoredCheckpoint = now;
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
    synchronized (queue) {
      return next;
    }
  }

  /** Records queued and not yet handed to the backend (for a queue-depth gauge). */
  public int queued() {
    synchronized (queue) {
      return pending.size();
    }
  }

  /** When the last signed checkpoint was stored: empty before the first, or without a signer. */
  public Optional<Instant> lastCheckpoint() {
    return Optional.ofNullable(lastStoredCheckpoint);
  }

  /** Whether a write has failed: the writer then refuses every append (fail closed). */
  public boolean failed() {
    return failure != null;
  }

  /** Writes, syncs, signs a final checkpoint and closes the backend. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      synchronized (queue) {
        if (closed) {
          return;
        }
        closed = true; // appenders check it under the monitor: nothing queues after this
      }
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
