package fi.suoja.spring.boot.internal;

import fi.suoja.Suoja;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.spring.boot.SuojaProperties;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * Puts the {@link Suoja} runtime ({@link SuojaJpaSettings#RUNTIME}) and the policy mode ({@link
 * SuojaJpaSettings#ON_DENIED}) into the JPA properties of every {@link
 * LocalContainerEntityManagerFactoryBean} before it builds its factory. Spring ORM's API is the
 * same in Spring 6 and 7, so this works on Boot 3.5 and 4.0 alike, without Boot's
 * HibernatePropertiesCustomizer (which moved package in Boot 4). A value the host already set wins.
 */
public final class RuntimeHandover implements BeanPostProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(RuntimeHandover.class);

  private final ObjectProvider<Suoja> suoja;
  private final ObjectProvider<SuojaProperties> properties;

  public RuntimeHandover(ObjectProvider<Suoja> suoja, ObjectProvider<SuojaProperties> properties) {
    this.suoja = suoja;
    this.properties = properties;
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof LocalContainerEntityManagerFactoryBean factory) {
      Map<String, Object> jpa = factory.getJpaPropertyMap();
      if (!jpa.containsKey(SuojaJpaSettings.RUNTIME)) {
        Suoja runtime = suoja.getIfAvailable();
        if (runtime == null) {
          LOG.warn("SUOJA-8021: no Suoja runtime for the entity manager factory '{}'", beanName);
          return bean;
        }
        jpa.put(SuojaJpaSettings.RUNTIME, runtime);
      }
      SuojaProperties p = properties.getIfAvailable();
      if (p != null) {
        String onDenied = p.getPolicy().getOnDenied().name().toLowerCase(Locale.ROOT);
        jpa.putIfAbsent(SuojaJpaSettings.ON_DENIED, onDenied);
      }
    }
    return bean;
  }
}
