package fi.suoja.jpa.enhanced;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import org.hibernate.bytecode.enhance.spi.DefaultEnhancementContext;
import org.hibernate.bytecode.enhance.spi.Enhancer;
import org.hibernate.bytecode.internal.BytecodeProviderInitiator;

/**
 * Defines the named entity classes from their bytes as Hibernate's own enhancer rewrites them (the
 * enhancer of the Hibernate version on the class path, so the 6.6 build enhances with 6.6); every
 * other class comes from the parent. Child-first for those names only.
 */
public final class EnhancingClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Set<String> names;
  private final Enhancer enhancer;

  public EnhancingClassLoader(ClassLoader parent, Class<?>... entities) {
    super(parent);
    this.names =
        java.util.Arrays.stream(entities)
            .map(Class::getName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.enhancer =
        BytecodeProviderInitiator.buildDefaultBytecodeProvider()
            .getEnhancer(
                new DefaultEnhancementContext() {
                  @Override
                  public ClassLoader getLoadingClassLoader() {
                    return EnhancingClassLoader.this;
                  }
                });
  }

  /** The enhanced copy of {@code entity}. */
  public Class<?> enhanced(Class<?> entity) {
    try {
      return loadClass(entity.getName());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!names.contains(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] original;
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          original = in.readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        byte[] enhanced = enhancer.enhance(name, original);
        if (enhanced == null) {
          throw new IllegalStateException(name + " was not enhanced");
        }
        c = defineClass(name, enhanced, 0, enhanced.length);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }
}
