package fi.suoja.jpa;

import fi.suoja.crypto.spi.WrappedKeyStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * A view of a store that implements only the SPI's required methods and the optional ones named:
 * every other optional method is the SPI's default, as in a store written against an older SPI.
 */
final class LimitedKeyStore {
  private LimitedKeyStore() {}

  static WrappedKeyStore of(WrappedKeyStore inner, String... implemented) {
    Set<String> names = Set.of(implemented);
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.isDefault() && !names.contains(method.getName())) {
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          try {
            return method.invoke(inner, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (WrappedKeyStore)
        Proxy.newProxyInstance(
            WrappedKeyStore.class.getClassLoader(),
            new Class<?>[] {WrappedKeyStore.class},
            handler);
  }
}
