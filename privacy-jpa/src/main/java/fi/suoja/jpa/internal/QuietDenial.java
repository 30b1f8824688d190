package fi.suoja.jpa.internal;

import fi.suoja.jpa.SuojaJpaSettings;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * While a transparent blind-index lookup ({@code where c.hetu = :h}) runs as a plain list, a record
 * of the searched type the policy denies is not an error but is left out of the result, like a
 * false positive (security review 2026-12, D6): otherwise a colleague could tell from {@code
 * AccessDeniedException} versus an empty list whether a person with that HETU is a client of the
 * organisation. The denial is still decided and audited. Public only for the API package ({@code
 * PrivacyQueries.findBy} arms it around its query).
 *
 * <p>Armed on the lookup's thread when its statement is bound ({@link BlindIndexEquality}), for
 * that session and type; disarmed when the post-filter ran, and by the session's next {@code find}
 * or {@code getReference}. After an execution that failed half-way the arming may outlive it until
 * then; a denied load of that type in that window is masked and read-only instead of failing -
 * never opened.
 */
public final class QuietDenial {
  private static final ThreadLocal<QuietDenial> ARMED = new ThreadLocal<>();

  private final SharedSessionContractImplementor session;
  private final Class<?> type;

  private QuietDenial(SharedSessionContractImplementor session, Class<?> type) {
    this.session = session;
    this.type = type;
  }

  /** Arms for {@code type} in {@code session} on this thread. */
  public static void arm(SharedSessionContractImplementor session, Class<?> type) {
    ARMED.set(new QuietDenial(session, type));
  }

  /** Disarms on this thread. */
  public static void disarm() {
    ARMED.remove();
  }

  /** Whether a denied load of {@code entity} in {@code session} is left out rather than thrown. */
  static boolean covers(SharedSessionContractImplementor session, Object entity) {
    QuietDenial q = ARMED.get();
    return q != null && q.session == session && q.type.isInstance(entity);
  }

  /**
   * Evicts {@code entity} when the policy did not open it (masked, read-only): it was left out of a
   * lookup's result, and a later {@code find} must decide it again (and fail, in fail mode) instead
   * of finding it masked in the session.
   */
  public static void evictIfMasked(SharedSessionContractImplementor session, Object entity) {
    if (!(session instanceof SessionImplementor s)) {
      return;
    }
    EntityEntry entry = s.getPersistenceContextInternal().getEntry(entity);
    if (entry == null || !entry.isReadOnly()) {
      return;
    }
    // the values, not the loaded state: Hibernate drops a read-only entity's loaded state
    for (Object v : entry.getPersister().getValues(entity)) {
      if (SuojaJpaSettings.MASK.equals(v)) {
        s.evict(entity);
        return;
      }
    }
  }
}
