package fi.suoja.jpa.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.hibernate.metamodel.mapping.EntityMappingType;
import org.hibernate.metamodel.mapping.internal.MappingModelCreationProcess;
import org.hibernate.query.sqm.mutation.internal.SqmMultiTableMutationStrategyProviderStandard;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableInsertStrategy;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableMutationStrategy;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableMutationStrategyProvider;
import org.hibernate.query.sqm.tree.SqmDmlStatement;

/**
 * Hibernate's multi-table mutation strategies (bulk update, delete and insert on JOINED and
 * TABLE_PER_CLASS hierarchies), each wrapped so that it first applies the same refusal as Suoja's
 * query translator ({@link EncryptedQueryGuard#checkMutation}, {@code SUOJA-5105}): those
 * statements are translated by the strategy's own converter and never reach the translator, so
 * without this a bulk delete of a protected hierarchy would run unchecked and unaudited. Installed
 * by {@link SuojaServiceContributor}; the strategies themselves are Hibernate's standard ones.
 *
 * <p>The wrapper is a dynamic proxy of the strategy interface because the interface's abstract
 * methods differ between Hibernate 6.6 ({@code executeUpdate}/{@code executeDelete}) and 7.x
 * ({@code buildHandler}); every call whose arguments hold an SQM statement is checked first.
 */
final class GuardedMutationStrategies implements SqmMultiTableMutationStrategyProvider {
  private static final long serialVersionUID = 1L;

  private final SqmMultiTableMutationStrategyProvider standard =
      new SqmMultiTableMutationStrategyProviderStandard();

  @Override
  public SqmMultiTableMutationStrategy createMutationStrategy(
      EntityMappingType rootEntityDescriptor, MappingModelCreationProcess creationProcess) {
    return guarded(
        SqmMultiTableMutationStrategy.class,
        standard.createMutationStrategy(rootEntityDescriptor, creationProcess));
  }

  @Override
  public SqmMultiTableInsertStrategy createInsertStrategy(
      EntityMappingType rootEntityDescriptor, MappingModelCreationProcess creationProcess) {
    return guarded(
        SqmMultiTableInsertStrategy.class,
        standard.createInsertStrategy(rootEntityDescriptor, creationProcess));
  }

  static <T> T guarded(Class<T> role, T strategy) {
    if (strategy == null) {
      return null;
    }
    return role.cast(
        Proxy.newProxyInstance(
            GuardedMutationStrategies.class.getClassLoader(),
            new Class<?>[] {role},
            (proxy, method, args) -> {
              if (args != null) {
                for (Object arg : args) {
                  if (arg instanceof SqmDmlStatement<?> statement) {
                    EncryptedQueryGuard.checkMutation(statement);
                  }
                }
              }
              try {
                return method.invoke(strategy, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }
}
