package fi.suoja.masking;

import fi.suoja.SuojaException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The sensitive values of the current unit of work (a request, a job step), so that the log maskers
 * mask them wherever they show up: a client's name that was just decrypted is masked when it
 * reaches a log line of the same request. Names cannot be found by pattern; this is how they are
 * found.
 *
 * <p>Usage (Suoja's {@code PrivacyContext} does this per unit of work; hosts rarely need to):
 *
 * <pre>{@code
 * try (SensitiveValues.Scope scope = SensitiveValues.open(tenantMasker)) {
 *   SensitiveValues.register(client.lastName());   // done by the library for every decrypted value
 *   log.info("loaded {}", client.lastName());     // -> "loaded <personal>"
 * }
 * }</pre>
 *
 * <p>Guarantees: a scope is bound to the thread that opened it. Scopes nest; an inner scope sees
 * and adds to the same set of values as the outer one (a value decrypted in a nested step can flow
 * into the outer step's logs), may carry its own {@link Masker}, and closing it restores the outer
 * scope. {@link #wrap(Runnable)} carries the current scope to another thread. Values are matched
 * case-insensitively; multi-word values up to four words are also matched word by word; values
 * shorter than three characters match only as whole words; single characters are ignored.
 *
 * <p>Not guaranteed: values registered on one thread are masked on another thread only when the
 * task was wrapped; Logback's {@code AsyncAppender} formats on its own thread, so mask before it
 * (the SLF4J wrapper of {@code fi.suoja.masking.slf4j} masks on the calling thread). Closing a
 * scope does not erase the values from memory: they become garbage with the scope.
 */
public final class SensitiveValues {

  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

  private SensitiveValues() {}

  /**
   * Opens a scope on this thread. Nested in an open scope, it shares that scope's values and
   * masker.
   */
  public static Scope open() {
    Scope outer = live();
    return push(
        outer == null ? new Values() : outer.values, outer == null ? null : outer.masker, outer);
  }

  /**
   * Opens a scope on this thread whose log lines are masked by {@code masker} (the tenant's
   * setting) when the maskers are chosen by {@link MaskerSelector#scoped()}.
   */
  public static Scope open(Masker masker) {
    Objects.requireNonNull(masker, "masker");
    Scope outer = live();
    return push(outer == null ? new Values() : outer.values, masker, outer);
  }

  /**
   * Opens a scope on this thread that shares the values of the scope it is nested in, but not its
   * masker: its log lines are anonymised until {@link Scope#maskWith} names the masker of the unit
   * of work it stands for. {@code PrivacyContext} opens these, because the actor of a nested
   * context may belong to another tenant than the outer one, and only the integration that opens
   * values knows the tenant's masker.
   */
  public static Scope openWithoutMasker() {
    Scope outer = live();
    return push(outer == null ? new Values() : outer.values, null, outer);
  }

  private static Scope push(Values values, Masker masker, Scope outer) {
    Scope scope = new Scope(values, masker, outer);
    CURRENT.set(scope);
    return scope;
  }

  /** The scope open on this thread, if any. */
  public static Optional<Scope> current() {
    return Optional.ofNullable(live());
  }

  /**
   * Registers a sensitive value in the scope open on this thread.
   *
   * @throws SuojaException {@code SUOJA-2002} when no scope is open: a value that cannot be
   *     remembered would reach the logs in clear, so this fails closed
   */
  public static void register(CharSequence value) {
    Scope scope = live();
    if (scope == null) {
      throw new SuojaException(
          "SUOJA-2002", "no SensitiveValues scope is open on this thread; cannot register a value");
    }
    scope.register(value);
  }

  /**
   * A task that runs inside the scope that is current now (same values, same masker), on whichever
   * thread runs it; the running thread's own scope is restored afterwards. Without a current scope,
   * the task runs with no scope.
   */
  public static Runnable wrap(Runnable task) {
    Objects.requireNonNull(task, "task");
    Scope captured = live();
    return () -> {
      Scope before = CURRENT.get();
      CURRENT.set(captured == null ? null : new Scope(captured.values, captured.masker, before));
      try {
        task.run();
      } finally {
        restore(before);
      }
    };
  }

  /** As {@link #wrap(Runnable)}, for a task with a result. */
  public static <V> Callable<V> wrap(Callable<V> task) {
    Objects.requireNonNull(task, "task");
    Scope captured = live();
    return () -> {
      Scope before = CURRENT.get();
      CURRENT.set(captured == null ? null : new Scope(captured.values, captured.masker, before));
      try {
        return task.call();
      } finally {
        restore(before);
      }
    };
  }

  /**
   * The scope current on this thread, skipping scopes {@link Scope#release released} since they
   * became current (they stop being current here, on their own thread).
   */
  private static Scope live() {
    Scope scope = CURRENT.get();
    if (scope != null && scope.released) {
      scope = unreleased(scope);
      restore(scope);
    }
    return scope;
  }

  private static Scope unreleased(Scope scope) {
    while (scope != null && scope.released) {
      scope.closed = scope.closed || scope.owner == Thread.currentThread();
      scope = scope.outer;
    }
    return scope;
  }

  private static void restore(Scope before) {
    if (before == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(before);
    }
  }

  /** The masker of the scope open on this thread, or null; allocation-free. */
  static Masker currentMasker() {
    Scope scope = live();
    return scope == null ? null : scope.masker;
  }

  /** The literals of the scope open on this thread; empty when none. */
  static Literals currentLiterals() {
    Scope scope = live();
    return scope == null ? Literals.EMPTY : scope.values.literals();
  }

  /**
   * The shared, growing set of values of one unit of work. Registering only appends the value to a
   * pending list; the values enter the matching trie when a masker next asks for it ({@link
   * #literals()}), so a unit of work that opens thousands of values pays for the trie only if and
   * when it logs, and then once for the whole batch. A value is always matched by every masking
   * that starts after its registration returned, on any thread that shares the scope.
   */
  private static final class Values {
    /** Grows in place; read without a lock by the maskers (see {@link Literals}). */
    private final Literals literals = new Literals();

    private String[] pending = new String[16];
    private int pendingCount;
    private volatile boolean hasPending;

    synchronized void add(CharSequence value) {
      if (pendingCount == pending.length) {
        pending = Arrays.copyOf(pending, pendingCount * 2);
      }
      pending[pendingCount++] = value.toString(); // a snapshot: a builder may change later
      hasPending = true;
    }

    /** The literals, with every value registered so far in them. */
    Literals literals() {
      if (hasPending) {
        drain();
      }
      return literals;
    }

    private synchronized void drain() {
      for (int i = 0; i < pendingCount; i++) {
        literals.add(pending[i]);
        pending[i] = null;
      }
      pendingCount = 0;
      if (pending.length > 1024) {
        pending = new String[16];
      }
      hasPending = false;
    }
  }

  /**
   * One open scope on one thread. Close it on the thread that opened it, innermost first
   * (try-with-resources does both).
   */
  public static final class Scope implements AutoCloseable {
    private final Values values;
    // set once by maskWith when the scope was opened without one
    private volatile Masker masker;
    private final Scope outer;
    private final Thread owner = Thread.currentThread();
    private boolean closed;
    private volatile boolean released;

    private Scope(Values values, Masker masker, Scope outer) {
      this.values = values;
      this.masker = masker;
      this.outer = outer;
    }

    /**
     * Registers a sensitive value for this unit of work; blank values and single characters are
     * ignored. Thread-safe.
     */
    public void register(CharSequence value) {
      Objects.requireNonNull(value, "value");
      values.add(value);
    }

    /** The masker this scope (or the scope it is nested in) was opened with, if any. */
    public Optional<Masker> masker() {
      return Optional.ofNullable(masker);
    }

    /**
     * Gives a scope opened without a masker ({@link #openWithoutMasker}) the masker of the unit of
     * work it stands for: the integration that opens a value, and knows the tenant's masker, calls
     * this first. A scope that has a masker keeps it. Scopes {@link #wrap wrapped} before keep what
     * they had.
     *
     * @return whether the masker was set now
     */
    public boolean maskWith(Masker masker) {
      Objects.requireNonNull(masker, "masker");
      synchronized (values) {
        if (this.masker != null) {
          return false;
        }
        this.masker = masker;
        return true;
      }
    }

    /**
     * How many distinct values are registered (whole values and their words, compared
     * case-insensitively); never the values.
     */
    public int size() {
      return values.literals().size();
    }

    /**
     * Closes this scope and makes the outer one current again. Closing twice, or after {@link
     * #release}, does nothing.
     *
     * @throws SuojaException {@code SUOJA-2003} when closed on another thread or while a scope
     *     nested in it is still open
     */
    @Override
    public void close() {
      if (closed || released) {
        return;
      }
      if (Thread.currentThread() != owner || live() != this) {
        throw new SuojaException(
            "SUOJA-2003",
            "SensitiveValues scope closed out of order or on another thread than the one that"
                + " opened it");
      }
      closed = true;
      restore(unreleased(outer));
    }

    /**
     * Ends this scope from wherever the unit of work it was opened for ends (a Hibernate session
     * that opened it lazily ends; a context closed out of order): unlike {@link #close()} it may be
     * called on another thread, or while scopes opened after it are still open. On its own thread
     * it stops being current at once, or as soon as the scopes opened after it close; no value
     * registers in it after that. Never fails; releasing twice does nothing.
     */
    public void release() {
      released = true;
      if (Thread.currentThread() == owner && CURRENT.get() == this) {
        closed = true;
        restore(unreleased(outer));
      }
    }

    /** Never prints the values. */
    @Override
    public String toString() {
      return "SensitiveValues.Scope[values=" + size() + (closed || released ? ", closed]" : "]");
    }
  }
}
