package fi.suoja.jpa.internal;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.jpa.SuojaJpaSettings;
import jakarta.persistence.EntityManagerFactory;
import java.util.Objects;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The Suoja runtime a factory was integrated with, found through the listener {@link
 * SuojaIntegrator} registered: the one place the jobs and subject-rights operations of the API
 * package find it. Public only for the API package.
 *
 * @param factory the factory, unwrapped to Hibernate's
 * @param suoja the runtime its listener uses
 */
public record Integration(SessionFactoryImplementor factory, Suoja suoja) {

  /**
   * The integration of {@code factory} (a JPA {@code EntityManagerFactory} or Hibernate {@code
   * SessionFactory}).
   *
   * @throws SuojaConfigurationException {@code SUOJA-1508} if Suoja protects nothing in it
   */
  public static Integration of(EntityManagerFactory factory) {
    Objects.requireNonNull(factory, "factory");
    SessionFactoryImplementor sessions = factory.unwrap(SessionFactoryImplementor.class);
    PrivacyListener listener = PrivacyListener.registered(sessions);
    if (listener == null) {
      throw new SuojaConfigurationException(
          "SUOJA-1508",
          "Suoja is not integrated with this EntityManagerFactory (no entity with @Encrypted"
              + " attributes, property '"
              + SuojaJpaSettings.RUNTIME
              + "' unset, or '"
              + SuojaJpaSettings.ENABLED
              + "=false'): there is nothing for this job to do");
    }
    return new Integration(sessions, listener.suoja());
  }
}
