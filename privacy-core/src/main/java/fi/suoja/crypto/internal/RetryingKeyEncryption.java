package fi.suoja.crypto.internal;

import fi.suoja.crypto.KeyUnavailableException;
import fi.suoja.crypto.spi.KeyContext;
import fi.suoja.crypto.spi.KeyEncryption;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.AEADBadTagException;

/**
 * A remote {@link KeyEncryption} with bounded retries, exponential backoff with jitter and a
 * deadline, failing closed with {@code SUOJA-1050}. Each attempt runs on a small pool of daemon
 * threads so that an attempt that hangs past the deadline is abandoned (interrupted) rather than
 * waited for. Messages name the master version, the key and the failure's type, never a cause's
 * message (a client might quote its request, which holds a data key when wrapping).
 */
public final class RetryingKeyEncryption implements KeyEncryption {
  private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ThreadPoolExecutor CALLS =
      new ThreadPoolExecutor(
          0,
          64,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "suoja-kms-call-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private final KeyEncryption remote;
  private final int maxAttempts;
  private final long initialBackoffNanos;
  private final long deadlineNanos;

  public RetryingKeyEncryption(
      KeyEncryption remote, int maxAttempts, Duration initialBackoff, Duration deadline) {
    this.remote = remote;
    this.maxAttempts = maxAttempts;
    this.initialBackoffNanos = saturatedNanos(initialBackoff);
    this.deadlineNanos = saturatedNanos(deadline);
  }

  @Override
  public int version() {
    return remote.version();
  }

  @Override
  public byte[] wrap(byte[] dataKey, KeyContext context) throws GeneralSecurityException {
    byte[] copy = dataKey.clone(); // the caller wipes its array; an abandoned attempt keeps this
    return call("wrap", context, () -> remote.wrap(copy, context));
  }

  @Override
  public byte[] unwrap(byte[] wrapped, KeyContext context) throws GeneralSecurityException {
    byte[] copy = wrapped.clone();
    return call("unwrap", context, () -> remote.unwrap(copy, context));
  }

  private byte[] call(String operation, KeyContext context, Callable<byte[]> attempt)
      throws GeneralSecurityException {
    long start = System.nanoTime();
    long deadline = start + deadlineNanos;
    long backoff = initialBackoffNanos;
    String last = "none";
    int attempts = 0;
    while (attempts < maxAttempts) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      attempts++;
      Future<byte[]> future;
      try {
        future = CALLS.submit(attempt);
      } catch (RejectedExecutionException busy) {
        last = "too many calls in flight";
        future = null;
      }
      if (future != null) {
        try {
          byte[] result = future.get(remaining, TimeUnit.NANOSECONDS);
          if (result == null) {
            last = "no answer";
          } else {
            return result;
          }
        } catch (TimeoutException e) {
          future.cancel(true);
          last = "deadline reached during the attempt";
          break;
        } catch (InterruptedException e) {
          future.cancel(true);
          Thread.currentThread().interrupt();
          throw failure(operation, context, attempts, start, "interrupted");
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof AEADBadTagException notAuthentic) {
            throw notAuthentic; // a definite answer: retrying cannot change it
          }
          last = cause == null ? "unknown" : cause.getClass().getSimpleName();
        }
      }
      if (attempts >= maxAttempts) {
        break;
      }
      long pause =
          Math.min(
              backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1),
              deadline - System.nanoTime());
      if (pause <= 0 && deadline - System.nanoTime() <= 0) {
        break;
      }
      if (pause > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(pause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw failure(operation, context, attempts, start, "interrupted");
        }
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
    }
    throw failure(operation, context, attempts, start, last);
  }

  private KeyUnavailableException failure(
      String operation, KeyContext context, int attempts, long start, String last) {
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return new KeyUnavailableException(
        "SUOJA-1050",
        "master key version "
            + remote.version()
            + " ("
            + remote
            + "): "
            + operation
            + " of key "
            + context.owner()
            + " v"
            + context.version()
            + " failed after "
            + attempts
            + " attempt(s) in "
            + ms
            + " ms (last: "
            + last
            + "); nothing was served without the key");
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 4;
    }
  }

  @Override
  public String toString() {
    return "Retrying[" + remote + "]";
  }
}
