package fi.suoja.samples.quickstart;

import fi.suoja.Suoja;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JdbcAuditSink;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.jpa.PrivacyQueries;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.policy.Actor;
import fi.suoja.policy.CareAccessPolicy;
import fi.suoja.policy.PrivacyContext;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The README quick start as a program: every snippet of the README's "Quick start" is a tagged
 * region of this file or of {@link Client}, and {@code ReadmeQuickStartTest} fails when the two
 * differ, runs the README's key-creation commands and then this program.
 *
 * <p>Run it after the README's key commands: {@code java ... QuickStart <key directory>} (an
 * in-memory H2 database stands in for the application's own).
 */
public final class QuickStart implements AutoCloseable {
  private final EntityManagerFactory emf;
  private final Suoja suoja;
  private final JdbcAuditSink auditSink;

  private QuickStart(EntityManagerFactory emf, Suoja suoja, JdbcAuditSink auditSink) {
    this.emf = emf;
    this.suoja = suoja;
    this.auditSink = auditSink;
  }

  /**
   * Builds the runtime on {@code dataSource} with the keys the README's commands created in {@code
   * keys}; the passwords and the chain key come from the environment variables those commands use.
   */
  public static QuickStart start(DataSource dataSource, Path keys) throws Exception {
    // tag::audit[]
    char[] password = System.getenv("SUOJA_KEYSTORE_PASSWORD").toCharArray();
    KeyStore auditKeys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keys.resolve("suoja-audit.p12"))) {
      auditKeys.load(in, password);
    }
    PrivateKey checkpointKey = (PrivateKey) auditKeys.getKey("suoja-checkpoint", password);

    JdbcAuditSink.createTables(dataSource, "suoja_audit"); // once; or the DDL of docs/AUDIT.md
    JdbcAuditSink auditSink =
        JdbcAuditSink.builder(dataSource)
            .table("suoja_audit")
            .chain(
                ChainOptions.builder()
                    .chainId("node-1") // one chain per writer (node or process)
                    .chainKey(
                        ChainKey.of(
                            Base64.getDecoder().decode(System.getenv("SUOJA_AUDIT_CHAIN_KEY"))))
                    .checkpoints(checkpointKey) // signed tree heads in suoja_audit_checkpoint
                    .build())
            .build();
    // end::audit[]

    // tag::runtime[]
    Suoja suoja =
        Suoja.builder()
            .keyProvider(KeyProvider.pkcs12(keys.resolve("suoja.p12"), "SUOJA_KEYSTORE_PASSWORD"))
            .wrappedKeyStore( // tenant keys, wrapped under the master key, in your own database
                JdbcWrappedKeyStore.builder(dataSource).createTableIfMissing(true).build())
            .crypto(c -> c.createTenantKeysOnFirstUse(true))
            .entities(Client.class)
            .policy(CareAccessPolicy.builder().build()) // no incident grants; strictest logs
            .auditor(Auditor.builder(auditSink).application("care-backend").node("node-1").build())
            .build();

    EntityManagerFactory emf =
        new PersistenceConfiguration("care")
            .managedClass(Client.class)
            .property("hibernate.connection.datasource", dataSource)
            .property(SuojaJpaSettings.RUNTIME, suoja) // the only Suoja setting Hibernate needs
            .property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "create") // or migrations
            .createEntityManagerFactory();
    // end::runtime[]
    return new QuickStart(emf, suoja, auditSink);
  }

  /** Records a client as a nurse and finds her again by HETU; returns the last name found. */
  public String recordAndFind() {
    // tag::work[]
    Actor nurse = Actor.tenantUser("u-101", "hoiva-aurinko", Role.EMPLOYEE);

    PrivacyContext.runAs(
        nurse,
        Purpose.CARE,
        () -> {
          try (EntityManager em = emf.createEntityManager()) { // opened inside the unit of work
            em.getTransaction().begin();
            Client helmi = new Client();
            helmi.responsibleEmployee = "u-101";
            helmi.firstName = "Helmi";
            helmi.lastName = "Virtanen";
            helmi.hetu = "131052-308T";
            em.persist(helmi); // sealed at flush; one CREATE audit event
            em.getTransaction().commit();
          }
        });

    List<Client> found =
        PrivacyContext.callAs(
            nurse,
            Purpose.CARE,
            () -> {
              try (EntityManager em = emf.createEntityManager()) {
                // through the blind index; also: "select c from Client c where c.hetu = :hetu"
                return PrivacyQueries.findBy(em, Client.class, "hetu", "131052-308t");
              }
            });
    // end::work[]
    return found.size() == 1 ? found.get(0).lastName : null;
  }

  /** The entity manager factory, for the test's own checks. */
  public EntityManagerFactory entityManagerFactory() {
    return emf;
  }

  /** The runtime, for the test's own checks. */
  public Suoja suoja() {
    return suoja;
  }

  @Override
  public void close() {
    emf.close();
    auditSink.close();
  }

  /**
   * Runs the quick start on an in-memory H2 database with the keys in {@code args[0]}.
   *
   * @param args the directory holding {@code suoja.p12} and {@code suoja-audit.p12}
   */
  public static void main(String[] args) throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:quickstart;DB_CLOSE_DELAY=-1");
    try (QuickStart q = start(h2, Path.of(args.length > 0 ? args[0] : "."))) {
      System.out.println("found by HETU: " + (q.recordAndFind() != null ? "one client" : "none"));
    }
  }
}
