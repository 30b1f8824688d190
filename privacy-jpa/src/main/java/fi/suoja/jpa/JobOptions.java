package fi.suoja.jpa;

import fi.suoja.SuojaConfigurationException;
import fi.suoja.jpa.internal.JobLedger;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/** The stop/resume options the batch jobs' builders share (validated at {@code build()}). */
final class JobOptions {
  static final Duration DEFAULT_LOG_INTERVAL = Duration.ofSeconds(10);

  String table;
  boolean resume;
  String node = defaultNode();
  JobControl control = JobControl.create();
  Duration logInterval = DEFAULT_LOG_INTERVAL;

  /** This JVM's {@code pid@host}, cut to the column's 128 characters. */
  static String defaultNode() {
    String name = ManagementFactory.getRuntimeMXBean().getName();
    return name.length() > 128 ? name.substring(0, 128) : name;
  }

  void validate(String builder) {
    if (table != null) {
      JobLedger.checkTable(table);
    }
    if (resume && table == null) {
      throw new SuojaConfigurationException(
          "SUOJA-5245",
          builder + ".resume(true) needs jobState(table): the position is read from that table");
    }
    if (node == null || node.isBlank() || node.length() > 128) {
      throw new SuojaConfigurationException(
          "SUOJA-5245", builder + ".node(name) must be 1..128 characters");
    }
    if (logInterval.isNegative() || logInterval.isZero()) {
      throw new SuojaConfigurationException(
          "SUOJA-5245", builder + ".logInterval(d) must be positive, was " + logInterval);
    }
  }

  /** The ledger of one entity's run; null when no job-state table is configured. */
  JobLedger ledger(SessionFactoryImplementor factory, String job, String entity, Clock clock) {
    return table == null
        ? null
        : new JobLedger(factory, table, job, JobLedger.ALL_TENANTS, entity, node, clock);
  }
}
