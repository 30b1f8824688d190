package fi.suoja.jpa.internal;

import java.util.Objects;
import org.hibernate.engine.spi.SessionImplementor;

/** The engine behind {@code fi.suoja.jpa.History}. Public only for the API package. */
public final class Revisions {
  private Revisions() {}

  /**
   * Decides, audits and opens {@code instance} like a load, when it is of an entity Suoja protects
   * and the session does not manage it; otherwise leaves it as it is.
   */
  public static void open(SessionImplementor session, Object instance) {
    Objects.requireNonNull(instance, "instance");
    PrivacyListener listener = PrivacyListener.registered(session.getFactory());
    if (listener != null) {
      listener.openDetached(session, instance);
    }
  }
}
