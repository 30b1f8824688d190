package fi.suoja.jpa;

import fi.suoja.jpa.internal.Revisions;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Objects;
import org.hibernate.engine.spi.SessionImplementor;

/**
 * Opens entity instances that did not come through a Hibernate load: the revisions Hibernate
 * Envers' {@code AuditReader} returns, whose encrypted attributes hold the envelopes Envers copied
 * into its audit tables (docs/JPA.md, "Hibernate Envers"). Each instance is decided and audited as
 * a READ of its record under the current {@code PrivacyContext}, exactly like a load, then opened
 * in place - or masked in {@code suoja.on_denied=mask} mode. Instances the session manages were
 * opened on load, and instances of entities without encrypted attributes hold nothing to open: both
 * are returned as they are.
 *
 * <pre>{@code
 * AuditReader reader = AuditReaderFactory.get(entityManager);
 * Client then = History.open(entityManager, reader.find(Client.class, id, revision));
 * }</pre>
 */
public final class History {
  private History() {}

  /**
   * Opens one revision in place.
   *
   * @return {@code revision}, opened; null for null (Envers' answer for a missing revision)
   * @throws fi.suoja.policy.AccessDeniedException if the current actor may not read the record
   *     (fail mode), before anything is opened
   * @throws fi.suoja.crypto.DecryptionException if a value does not open under its record
   * @throws fi.suoja.crypto.KeyUnavailableException if its key is gone (an erased data subject)
   */
  public static <T> T open(EntityManager entityManager, T revision) {
    Objects.requireNonNull(entityManager, "entityManager");
    if (revision != null) {
      Revisions.open(entityManager.unwrap(SessionImplementor.class), revision);
    }
    return revision;
  }

  /**
   * Opens every revision of {@code revisions} in place (an {@code AuditQuery} result), each decided
   * and audited on its own; the first denial stops the rest (fail mode).
   *
   * @return {@code revisions}
   */
  public static <T> List<T> open(EntityManager entityManager, List<T> revisions) {
    Objects.requireNonNull(entityManager, "entityManager");
    SessionImplementor session = entityManager.unwrap(SessionImplementor.class);
    for (T revision : revisions) {
      if (revision != null) {
        Revisions.open(session, revision);
      }
    }
    return revisions;
  }
}
