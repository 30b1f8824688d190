package fi.suoja.audit.internal;

import fi.suoja.audit.AuditException;
import fi.suoja.audit.sink.ChainOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Lets a sink outside {@code fi.suoja.audit.sink} (the Kafka sink in its own module) be another
 * {@link ChainWriter.Backend} of the same chain writer, with the same validation of the chain
 * options. {@link ChainOptions} installs the bridge when it is initialised, which happens before
 * anyone holds an instance of it, or by {@link #bridge()}.
 */
public final class SinkSupport {
  /** What {@link ChainOptions} offers to sinks in other packages. */
  public interface Bridge {
    /** The chain writer of {@code options} over {@code backend}; see {@link ChainWriter}. */
    ChainWriter writer(
        ChainOptions options, ChainWriter.Backend backend, int maxPending, Duration flushInterval);

    /** Refuses a checkpoint place that does not match the options' checkpoint decision. */
    void checkPlace(
        ChainOptions options, String sink, boolean placeGiven, boolean required, String option);

    /** The {@code SUOJA-4020} exception of an invalid sink option. */
    AuditException invalidSink(String sink, String what);
  }

  private static volatile Bridge bridge;

  private SinkSupport() {}

  /** Called once by {@link ChainOptions}; later calls are ignored. */
  public static synchronized void install(Bridge b) {
    if (bridge == null) {
      bridge = Objects.requireNonNull(b, "bridge");
    }
  }

  /** The bridge, installed by initialising {@link ChainOptions} if nothing has yet. */
  public static Bridge bridge() {
    Bridge b = bridge;
    if (b == null) {
      try {
        Class.forName(ChainOptions.class.getName(), true, SinkSupport.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("privacy-audit is incomplete", e);
      }
      b = bridge;
    }
    return b;
  }
}
