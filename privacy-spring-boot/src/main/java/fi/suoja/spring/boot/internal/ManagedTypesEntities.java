package fi.suoja.spring.boot.internal;

import jakarta.persistence.Entity;
import java.util.ArrayList;
import java.util.List;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;
import org.springframework.util.ClassUtils;

/**
 * The {@code @Entity} classes of Spring's {@link PersistenceManagedTypes}: the list Boot scanned
 * and builds the entity manager factory from, so the host lists its entities nowhere else.
 * Embeddables, mapped superclasses and converters are in that list too and are left out.
 */
public final class ManagedTypesEntities implements EntityClasses {
  private final PersistenceManagedTypes types;
  private final ClassLoader loader;

  public ManagedTypesEntities(PersistenceManagedTypes types, ClassLoader loader) {
    this.types = types;
    this.loader = loader;
  }

  @Override
  public List<Class<?>> get() {
    List<Class<?>> entities = new ArrayList<>();
    for (String name : types.getManagedClassNames()) {
      Class<?> type = ClassUtils.resolveClassName(name, loader);
      if (type.isAnnotationPresent(Entity.class)) {
        entities.add(type);
      }
    }
    return entities;
  }
}
