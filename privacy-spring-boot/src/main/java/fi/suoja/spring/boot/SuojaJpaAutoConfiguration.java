package fi.suoja.spring.boot;

import fi.suoja.Suoja;
import fi.suoja.jpa.PlaintextMigration;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.spring.boot.internal.EntityClasses;
import fi.suoja.spring.boot.internal.ManagedTypesEntities;
import fi.suoja.spring.boot.internal.RuntimeHandover;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;

/**
 * Hands the runtime to Hibernate without user code: the runtime is put into the JPA properties of
 * each {@link LocalContainerEntityManagerFactoryBean} (Spring ORM, the same on Boot 3.5 and 4.0),
 * and its entities are the persistence unit's own ({@link PersistenceManagedTypes}). Listed in the
 * {@code @DataJpaTest} slice's imports, so a host's JPA tests run with encryption on.
 */
@AutoConfiguration(after = SuojaAutoConfiguration.class)
@ConditionalOnClass({
  LocalContainerEntityManagerFactoryBean.class,
  Entity.class,
  SuojaJpaSettings.class
})
@ConditionalOnProperty(prefix = "suoja", name = "enabled", matchIfMissing = true)
public class SuojaJpaAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(SuojaJpaAutoConfiguration.class);

  /** Instantiated by Spring. */
  public SuojaJpaAutoConfiguration() {}

  @Bean
  static RuntimeHandover suojaRuntimeHandover(
      ObjectProvider<Suoja> suoja, ObjectProvider<SuojaProperties> properties) {
    return new RuntimeHandover(suoja, properties);
  }

  /**
   * suoja.migration.on-startup: seals the plaintext rows of every entity manager factory once all
   * singletons exist (schema.sql and data.sql have run), before the web server starts.
   */
  @Bean
  @ConditionalOnProperty(prefix = "suoja.migration", name = "on-startup", havingValue = "true")
  static SmartInitializingSingleton suojaStartupMigration(
      ObjectProvider<EntityManagerFactory> factories) {
    return () ->
        factories
            .orderedStream()
            .forEach(
                factory -> {
                  LOG.info(
                      "SUOJA-8041: sealing the plaintext rows of the protected entities"
                          + " (suoja.migration.on-startup)");
                  PlaintextMigration.builder(factory).build().runAll();
                });
  }

  @Bean
  @ConditionalOnMissingBean
  EntityClasses suojaEntityClasses(
      ObjectProvider<PersistenceManagedTypes> types, ConfigurableListableBeanFactory factory) {
    return () -> {
      PersistenceManagedTypes managed = types.getIfAvailable();
      return managed == null
          ? List.of()
          : new ManagedTypesEntities(managed, factory.getBeanClassLoader()).get();
    };
  }
}
