package fi.suoja.jpa;

import fi.suoja.Suoja;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.internal.PrivacyContextTenantResolver;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.Employee;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.IncidentGrants;
import fi.suoja.policy.TenantPrivacySettings;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.hibernate.SessionFactory;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.cfg.Configuration;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

/** A Suoja runtime and a SessionFactory over test entities, on one {@link Database}. */
public final class JpaFixture implements AutoCloseable {
  public final InMemoryAuditSink sink = new InMemoryAuditSink();
  public final IncidentGrants.Registry grants = IncidentGrants.inMemory();
  public final Suoja suoja;
  public final SessionFactory sessions;
  public final String prefix =
      "t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "_";
  public final Database database;

  /** A value in {@code extra} that removes the fixture's own setting of that key. */
  public static final String UNSET = "<unset>";

  public JpaFixture(Database database) {
    this(database, Map.of(), Client.class, Employee.class);
  }

  public JpaFixture(Database database, Map<String, Object> extra, Class<?>... entities) {
    this(database, extra, entities, entities);
  }

  /**
   * A fixture whose runtime is built with {@code runtimeEntities} and whose persistence unit maps
   * {@code entities} (the two lists a host keeps, which may differ by mistake).
   */
  public JpaFixture(
      Database database,
      Map<String, Object> extra,
      Class<?>[] runtimeEntities,
      Class<?>... entities) {
    this(database, b -> b, extra, runtimeEntities, entities);
  }

  /** As above, with further runtime options ({@code runtime} gets the fixture's builder). */
  public JpaFixture(
      Database database,
      java.util.function.UnaryOperator<Suoja.Builder> runtime,
      Map<String, Object> extra,
      Class<?>[] runtimeEntities,
      Class<?>... entities) {
    this.database = database;
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    this.suoja =
        runtime
            .apply(
                Suoja.builder()
                    .keyProvider(KeyProvider.inMemory(Map.of(1, master)))
                    .wrappedKeyStore(WrappedKeyStore.inMemory())
                    .crypto(c -> c.createTenantKeysOnFirstUse(true))
                    .entities(runtimeEntities)
                    .policy(
                        CareAccessPolicy.builder()
                            .incidentGrants(grants)
                            .tenantSettings(List.of(new TenantPrivacySettings("A", false, true)))
                            .build())
                    .auditor(Auditor.builder(sink).application("jpa-test").node("n1").build()))
            .build();
    // entities defined by another loader (EnhancingClassLoader) are found by name through it
    BootstrapServiceRegistryBuilder bootstrap = new BootstrapServiceRegistryBuilder();
    for (Class<?> e : entities) {
      if (e.getClassLoader() != JpaFixture.class.getClassLoader()) {
        bootstrap.applyClassLoader(e.getClassLoader());
      }
    }
    Configuration cfg = new Configuration(bootstrap.build());
    for (Class<?> e : entities) {
      cfg.addAnnotatedClass(e);
    }
    cfg.setProperty("hibernate.connection.url", database.url());
    cfg.setProperty("hibernate.hbm2ddl.auto", "create-drop");
    cfg.setProperty("hibernate.generate_statistics", "true");
    cfg.setProperty("hibernate.connection.pool_size", "4");
    cfg.setPhysicalNamingStrategy(new Prefixed(prefix));
    cfg.getProperties().put(SuojaJpaSettings.RUNTIME, suoja);
    cfg.getProperties()
        .put("hibernate.tenant_identifier_resolver", new PrivacyContextTenantResolver());
    extra.forEach(
        (k, v) -> {
          if (UNSET.equals(v)) {
            cfg.getProperties().remove(k);
          } else {
            cfg.getProperties().put(k, v);
          }
        });
    this.sessions = cfg.buildSessionFactory();
  }

  /** The physical name of an entity's table. */
  public String table(String entity) {
    return prefix + entity;
  }

  @Override
  public void close() {
    sessions.close();
  }

  static final class Prefixed extends PhysicalNamingStrategyStandardImpl {
    private static final long serialVersionUID = 1L;
    private final String prefix;

    Prefixed(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment context) {
      return Identifier.toIdentifier(prefix + name.getText(), name.isQuoted());
    }
  }
}
