package fi.suoja.spring.boot.internal;

import java.util.List;
import java.util.function.Supplier;

/** The entity classes of the host's persistence unit, for {@code Suoja.Builder.entities}. */
@FunctionalInterface
public interface EntityClasses extends Supplier<List<Class<?>>> {}
