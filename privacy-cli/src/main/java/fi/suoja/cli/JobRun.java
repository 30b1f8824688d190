package fi.suoja.cli;

import fi.suoja.jpa.JobControl;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One resumable job's run in the command line: its {@link JobControl}, a JVM shutdown hook (what
 * Ctrl-C and {@code kill} trigger) that cancels it and waits until the batch in flight has
 * committed and the summary is printed, and plain periodic progress lines on standard error
 * (counts, rate and ETA; never a value).
 */
final class JobRun implements AutoCloseable {
  /** Longest the shutdown hook waits for the batch in flight. */
  static final Duration HOOK_WAIT = Duration.ofMinutes(5);

  /** Test hook: called after every committed batch with the run's control (tests cancel it). */
  static volatile Consumer<JobControl> afterBatch = c -> {};

  private final JobControl control = JobControl.create();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final PrintWriter err;
  private final long intervalNanos;
  private final Thread hook;
  private long lastLine = Long.MIN_VALUE;

  JobRun(PrintWriter err, Duration progressInterval) {
    this.err = err;
    this.intervalNanos = progressInterval.toNanos();
    this.hook =
        new Thread(
            () -> {
              control.cancel();
              err.println("cancel requested: stopping after the batch in flight commits");
              err.flush();
              try {
                finished.await(HOOK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "suoja-cli-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  JobControl control() {
    return control;
  }

  boolean cancelled() {
    return control.cancelled();
  }

  /** After a committed batch: a progress line when the interval has passed, then the test hook. */
  void batch(String entity, long scanned, long total, long changed, double rate) {
    long now = System.nanoTime();
    if (lastLine == Long.MIN_VALUE || now - lastLine >= intervalNanos) {
      lastLine = now;
      long eta = rate > 0 && total > scanned ? (long) Math.ceil((total - scanned) / rate) : 0;
      err.printf(
          "%s: %d/%d rows, %d changed, %.0f rows/s, eta %ds%n",
          entity, scanned, total, changed, rate, eta);
      err.flush();
    }
    afterBatch.accept(control);
  }

  /** The job ended (summary printed): the shutdown hook may let the JVM exit. */
  @Override
  public void close() {
    err.flush();
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it returns now that the job has finished
    }
  }
}
