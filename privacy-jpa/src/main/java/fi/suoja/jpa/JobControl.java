package fi.suoja.jpa;

/**
 * A cancel handle for {@link PlaintextMigration} and {@link KeyRotation}: {@link #cancel()} from
 * any thread (a shutdown hook, a request handler) makes the job stop after the batch in flight has
 * committed. The state is then consistent: every batch is either committed with its position in the
 * job-state table, or rolled back; a later run with {@code resume(true)} continues after the saved
 * position.
 *
 * <pre>{@code
 * JobControl control = JobControl.create();
 * Runtime.getRuntime().addShutdownHook(new Thread(control::cancel));
 * PlaintextMigration.builder(emf).jobState(JobStateTable.DEFAULT_TABLE).control(control)
 *     .build().runAll();
 * if (control.cancelled()) { ... }   // stopped early; run again with resume(true)
 * }</pre>
 */
public final class JobControl {
  private volatile boolean cancelled;

  private JobControl() {}

  /** A new handle, not cancelled. */
  public static JobControl create() {
    return new JobControl();
  }

  /** Asks the job to stop after the batch in flight; idempotent, never blocks. */
  public void cancel() {
    cancelled = true;
  }

  /** Whether {@link #cancel()} was called. */
  public boolean cancelled() {
    return cancelled;
  }

  @Override
  public String toString() {
    return "JobControl[" + (cancelled ? "cancelled" : "running") + "]";
  }
}
