package fi.suoja.jpa;

import fi.suoja.Suoja;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.internal.PrivacyContextTenantResolver;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.IncidentGrants;
import fi.suoja.policy.TenantPrivacySettings;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * Like {@link JpaFixture}, but the caller chooses the master key, the wrapped-key store, the schema
 * action and the table prefix, so a second runtime can reopen what a first one wrote.
 */
final class OpsFixture implements AutoCloseable {
  final InMemoryAuditSink sink = new InMemoryAuditSink();
  final Suoja suoja;
  final SessionFactory sessions;
  final String prefix;

  OpsFixture(
      Database database,
      String prefix,
      byte[] master,
      WrappedKeyStore store,
      String schemaAction,
      Map<String, Object> extra,
      Class<?>... entities) {
    this(database, prefix, Map.of(1, master), store, schemaAction, extra, entities);
  }

  /** With several master key versions; the highest wraps new data keys. */
  OpsFixture(
      Database database,
      String prefix,
      Map<Integer, byte[]> masters,
      WrappedKeyStore store,
      String schemaAction,
      Map<String, Object> extra,
      Class<?>... entities) {
    this(database, prefix, masters, store, schemaAction, extra, null, entities);
  }

  /** As above, auditing to {@code auditSink} instead of {@link #sink} when it is not null. */
  OpsFixture(
      Database database,
      String prefix,
      Map<Integer, byte[]> masters,
      WrappedKeyStore store,
      String schemaAction,
      Map<String, Object> extra,
      fi.suoja.audit.spi.AuditSink auditSink,
      Class<?>... entities) {
    this.prefix = prefix;
    this.suoja =
        Suoja.builder()
            .keyProvider(KeyProvider.inMemory(masters))
            .wrappedKeyStore(store)
            .crypto(c -> c.createTenantKeysOnFirstUse(true))
            .entities(entities)
            .policy(
                CareAccessPolicy.builder()
                    .incidentGrants(IncidentGrants.inMemory())
                    .tenantSettings(
                        List.of(
                            new TenantPrivacySettings("A", false, true),
                            new TenantPrivacySettings("B", false, true)))
                    .build())
            .auditor(
                Auditor.builder(auditSink == null ? sink : auditSink)
                    .application("jpa-test")
                    .node("n1")
                    .build())
            .build();
    Configuration cfg = new Configuration();
    for (Class<?> e : entities) {
      cfg.addAnnotatedClass(e);
    }
    cfg.setProperty("hibernate.connection.url", database.url());
    cfg.setProperty("hibernate.hbm2ddl.auto", schemaAction);
    cfg.setProperty("hibernate.connection.pool_size", "4");
    cfg.setPhysicalNamingStrategy(new JpaFixture.Prefixed(prefix));
    cfg.getProperties().put(SuojaJpaSettings.RUNTIME, suoja);
    cfg.getProperties()
        .put("hibernate.tenant_identifier_resolver", new PrivacyContextTenantResolver());
    cfg.getProperties().putAll(extra);
    this.sessions = cfg.buildSessionFactory();
  }

  String table(String entity) {
    return prefix + entity;
  }

  @Override
  public void close() {
    sessions.close();
  }

  /** Drops tables a test left on a shared database; missing ones are ignored. */
  static void drop(Database database, String... tables) {
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      for (String t : tables) {
        s.execute("DROP TABLE IF EXISTS " + t);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
