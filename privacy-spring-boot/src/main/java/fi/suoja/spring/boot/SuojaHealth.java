package fi.suoja.spring.boot;

import fi.suoja.SuojaException;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.AuditMetrics;
import fi.suoja.audit.Auditor;
import fi.suoja.crypto.spi.KeyProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of Suoja's dependencies, independent of the Boot line: the key provider answers for
 * its current master key version, and the audit trail takes events (the last record did not fail
 * and the sink does not report itself broken). Down when either is not so: without keys nothing
 * seals or opens, without audit every access is denied (fail closed).
 *
 * <p>On Boot 4 the starter reports it as the health component {@code suoja}; a Boot 3.5 host adapts
 * it in a few lines (docs/SPRING.md). The details hold versions, counts, seconds and SUOJA codes:
 * never key material, a message, a tenant or a value.
 */
public final class SuojaHealth {
  private static final Logger LOG = LoggerFactory.getLogger(SuojaHealth.class);

  private final KeyProvider keys;
  private final Auditor auditor;
  private final Clock clock;

  /** Checks {@code keys} and the trail of {@code auditor}. */
  public SuojaHealth(KeyProvider keys, Auditor auditor) {
    this(keys, auditor, Clock.systemUTC());
  }

  SuojaHealth(KeyProvider keys, Auditor auditor, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.auditor = Objects.requireNonNull(auditor, "auditor");
    this.clock = clock;
  }

  /** The outcome of one check: up or down, with details safe to show. */
  public record Report(boolean up, Map<String, Object> details) {
    /** Copies the details. */
    public Report {
      details = Map.copyOf(details);
    }
  }

  /** Checks now. Never throws. */
  public Report check() {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean keysUp = checkKeys(details);
    boolean auditUp = checkAudit(details);
    return new Report(keysUp && auditUp, details);
  }

  private boolean checkKeys(Map<String, Object> details) {
    int version;
    try {
      version = keys.currentVersion();
      keys.keyEncryption(version); // resolved and dropped: only its version is reported
    } catch (RuntimeException e) {
      String code = code(e);
      LOG.warn(
          "SUOJA-8030 health: the key provider did not hand out its current master key ({})", code);
      details.put("keys", "DOWN");
      details.put("keys.error", code);
      return false;
    }
    details.put("keys", "UP");
    details.put("keys.masterKeyVersion", version);
    return true;
  }

  private boolean checkAudit(Map<String, Object> details) {
    AuditMetrics audit = auditor.metrics();
    boolean writable;
    try {
      writable = audit.writable();
    } catch (RuntimeException e) {
      writable = false;
    }
    details.put("audit", writable ? "UP" : "DOWN");
    details.put("audit.writes", audit.writes());
    details.put("audit.failures", audit.failures());
    audit.queueDepth().ifPresent(depth -> details.put("audit.queueDepth", depth));
    audit
        .lastCheckpoint()
        .ifPresent(
            at ->
                details.put(
                    "audit.lastCheckpointAgeSeconds",
                    Duration.between(at, clock.instant()).toSeconds()));
    if (!writable) {
      LOG.warn("SUOJA-8031 health: the audit trail does not take events; accesses are denied");
    }
    return writable;
  }

  /** A SUOJA code, never a message: messages may name key files, tables or hosts. */
  private static String code(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SuojaException s) {
        return s.code();
      }
      if (t instanceof AuditException a) {
        return a.code();
      }
    }
    return e.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "SuojaHealth";
  }
}
