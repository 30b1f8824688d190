package fi.suoja.jpa.internal;

import java.util.Objects;
import org.hibernate.HibernateException;
import org.hibernate.event.spi.AutoFlushEvent;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.hibernate.event.spi.ClearEvent;
import org.hibernate.event.spi.ClearEventListener;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.InitializeCollectionEvent;
import org.hibernate.event.spi.InitializeCollectionEventListener;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.event.spi.LoadEventListener;

/**
 * The session events at which an actor could be served an entity another actor opened without a
 * load from the database: every {@code find}/{@code getReference} and proxy initialisation (load),
 * every lazy collection, every query inside a transaction (auto-flush). Prepended to Hibernate's
 * own listeners, so the check runs before the persistence context is consulted; a {@code clear()}
 * releases the binding. See {@link SessionBindings}.
 */
final class SessionGuard
    implements LoadEventListener,
        InitializeCollectionEventListener,
        AutoFlushEventListener,
        ClearEventListener {
  private static final long serialVersionUID = 1L;

  private final transient SessionBindings bindings;

  SessionGuard(SessionBindings bindings) {
    this.bindings = Objects.requireNonNull(bindings, "bindings");
  }

  @Override
  public void onLoad(LoadEvent event, LoadType loadType) throws HibernateException {
    if (loadType == GET || loadType == LOAD) {
      QuietDenial.disarm(); // the host's find/getReference: no lookup's rows are being read
    }
    check(event.getSession());
  }

  @Override
  public void onInitializeCollection(InitializeCollectionEvent event) throws HibernateException {
    check(event.getSession());
  }

  @Override
  public void onAutoFlush(AutoFlushEvent event) throws HibernateException {
    check(event.getSession());
  }

  @Override
  public void onClear(ClearEvent event) {
    bindings.release(event.getSession());
  }

  private void check(EventSource session) {
    try {
      bindings.check(session);
    } catch (RuntimeException e) {
      bindings.failed(session); // Hibernate marks the transaction for rollback on the way out
      throw e;
    }
  }
}
