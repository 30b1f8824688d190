package fi.suoja;

import fi.suoja.audit.AuditMetrics;
import fi.suoja.policy.Decision;
import fi.suoja.policy.DenyReason;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of a Suoja runtime for a metrics registry to read ({@code fi.suoja.micrometer}'s binder
 * does): values sealed and opened, opens that failed, access decisions by outcome and deny reason,
 * and hits and misses of the tenant data-key cache. Each event costs one {@link LongAdder}
 * increment on a field or an array slot chosen by an enum ordinal: no lookup, no allocation, no
 * lock.
 *
 * <p>The runtime owns one ({@link Suoja#metrics()}); a host that composes {@code SuojaCrypto} and
 * {@code AccessGuard} itself passes one {@link #create() created} here to both builders. The {@code
 * count...} methods are for those components; a counter only ever grows.
 *
 * <p>Carries no personal data and no key material: counts only, with no tenant, record or field.
 */
// the denial counters are an array indexed by DenyReason.ordinal(), built from values() in the same
// class: an increment without a lookup on the access path; the index never leaves this class
@SuppressWarnings("EnumOrdinal")
public final class SuojaMetrics {
  private static final DenyReason[] REASONS = DenyReason.values();

  private final LongAdder seals = new LongAdder();
  private final LongAdder opens = new LongAdder();
  private final LongAdder openFailures = new LongAdder();
  private final LongAdder keyHits = new LongAdder();
  private final LongAdder keyMisses = new LongAdder();
  private final LongAdder allowed = new LongAdder();
  private final LongAdder elevated = new LongAdder();
  private final LongAdder[] denied = new LongAdder[REASONS.length];
  private final AuditMetrics audit;

  private SuojaMetrics(AuditMetrics audit) {
    this.audit = audit;
    for (int i = 0; i < denied.length; i++) {
      denied[i] = new LongAdder();
    }
  }

  /** New counters, all zero, without audit counters. */
  public static SuojaMetrics create() {
    return new SuojaMetrics(null);
  }

  /** New counters, all zero, reading the audit counters of {@code audit}. */
  static SuojaMetrics create(AuditMetrics audit) {
    return new SuojaMetrics(Objects.requireNonNull(audit, "audit"));
  }

  /** The outcome of an access decision as a metric tag: no reason, no basis. */
  public enum Outcome {
    /** {@link Decision.Allow}. */
    ALLOW,
    /** {@link Decision.AllowElevated}. */
    ELEVATED,
    /** {@link Decision.Deny}. */
    DENY
  }

  /** Counts a value sealed. */
  public void countSeal() {
    seals.increment();
  }

  /** Counts a value opened. */
  public void countOpen() {
    opens.increment();
  }

  /** Counts a value that did not open (SUOJA-1001: wrong key, tampered or wrong context). */
  public void countOpenFailure() {
    openFailures.increment();
  }

  /** Counts a data-key lookup served from the cache ({@code hit}) or from the key store. */
  public void countKeyLookup(boolean hit) {
    (hit ? keyHits : keyMisses).increment();
  }

  /** Counts an access decision by its outcome, a denial also by its reason. */
  public void countDecision(Decision decision) {
    if (decision instanceof Decision.Deny deny) {
      denied[deny.reason().ordinal()].increment();
    } else if (decision instanceof Decision.AllowElevated) {
      elevated.increment();
    } else {
      allowed.increment();
    }
  }

  /** Values sealed. */
  public long seals() {
    return seals.sum();
  }

  /** Values opened. */
  public long opens() {
    return opens.sum();
  }

  /** Values that did not open. */
  public long openFailures() {
    return openFailures.sum();
  }

  /** Data-key lookups served from the cache. */
  public long keyCacheHits() {
    return keyHits.sum();
  }

  /** Data-key lookups that read the key store (first use, expired TTL, unknown version). */
  public long keyCacheMisses() {
    return keyMisses.sum();
  }

  /** Access decisions with this outcome. */
  public long decisions(Outcome outcome) {
    return switch (outcome) {
      case ALLOW -> allowed.sum();
      case ELEVATED -> elevated.sum();
      case DENY -> {
        long sum = 0;
        for (LongAdder d : denied) {
          sum += d.sum();
        }
        yield sum;
      }
    };
  }

  /** Denials for this reason. */
  public long denials(DenyReason reason) {
    return denied[reason.ordinal()].sum();
  }

  /**
   * The audit counters of the runtime's auditor ({@link fi.suoja.audit.Auditor#metrics()}); {@code
   * null} for counters {@link #create() created} by a host.
   */
  public AuditMetrics audit() {
    return audit;
  }

  @Override
  public String toString() {
    return "SuojaMetrics[seals="
        + seals()
        + ", opens="
        + opens()
        + ", openFailures="
        + openFailures()
        + "]";
  }
}
