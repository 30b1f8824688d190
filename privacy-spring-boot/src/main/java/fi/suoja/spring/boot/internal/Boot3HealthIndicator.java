package fi.suoja.spring.boot.internal;

import fi.suoja.spring.boot.SuojaHealth;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * {@link SuojaHealth} as Boot 3.5's health indicator ({@code
 * org.springframework.boot.actuate.health.HealthIndicator} of spring-boot-actuator 3.x), the
 * component {@code suoja}. This jar is compiled against Boot 4, whose actuator no longer has that
 * package, so the indicator is a {@link Proxy} of the interface loaded by name and its {@code
 * Health} is built through Boot 3.5's own {@code Health.up()/down().withDetails(..).build()}. The
 * auto-configuration imports this registrar only when the interface is on the class path (Boot
 * 3.5); Boot 4 gets {@link Boot4HealthIndicator}.
 */
public final class Boot3HealthIndicator implements ImportBeanDefinitionRegistrar, BeanFactoryAware {
  static final String INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";
  static final String HEALTH = "org.springframework.boot.actuate.health.Health";
  static final String BEAN = "suojaHealthIndicator";

  private BeanFactory beanFactory;

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
    if (registry.containsBeanDefinition(BEAN)) {
      return; // the application's own
    }
    ClassLoader loader = getClass().getClassLoader();
    Class<?> type = ClassUtils.resolveClassName(INDICATOR, loader);
    BeanFactory factory = beanFactory;
    RootBeanDefinition definition = new RootBeanDefinition(type);
    definition.setTargetType(type);
    definition.setInstanceSupplier(
        () -> indicator(factory.getBean(SuojaHealth.class), type, loader));
    registry.registerBeanDefinition(BEAN, definition);
  }

  /** A Boot 3.5 {@code HealthIndicator} reporting {@code health}. */
  static Object indicator(SuojaHealth health, Class<?> type, ClassLoader loader) {
    Class<?> healthType = ClassUtils.resolveClassName(HEALTH, loader);
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName() + "/" + method.getParameterCount()) {
              case "health/0" -> report(health, healthType);
              case "toString/0" -> "SuojaHealthIndicator";
              case "hashCode/0" -> System.identityHashCode(proxy);
              case "equals/1" -> proxy == args[0];
              default ->
                  method.isDefault()
                      ? InvocationHandler.invokeDefault(proxy, method, args)
                      : unsupported(method);
            };
    return Proxy.newProxyInstance(loader, new Class<?>[] {type}, handler);
  }

  private static Object report(SuojaHealth health, Class<?> healthType) throws Exception {
    SuojaHealth.Report report = health.check();
    try {
      Object builder = healthType.getMethod(report.up() ? "up" : "down").invoke(null);
      builder =
          builder
              .getClass()
              .getMethod("withDetails", java.util.Map.class)
              .invoke(builder, report.details());
      return builder.getClass().getMethod("build").invoke(builder);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static Object unsupported(Method method) {
    throw new UnsupportedOperationException(method.getName());
  }
}
