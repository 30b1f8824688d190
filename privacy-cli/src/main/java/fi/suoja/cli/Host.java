package fi.suoja.cli;

import fi.suoja.Suoja;
import fi.suoja.SuojaException;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JdbcAuditSink;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.policy.AccessPolicy;
import fi.suoja.policy.CareAccessPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.cfg.Configuration;

/**
 * The host's persistence unit as a command runs it: its entity classes ({@link HostClasses}), its
 * database, and, in {@link #open} mode, the Suoja runtime the host's application would use - the
 * master keys from the PKCS#12 file, the wrapped-key table and the audit table in the same
 * database, the care access policy - integrated into a Hibernate {@code SessionFactory} exactly as
 * privacy-jpa integrates it in the application ({@link SuojaJpaSettings#RUNTIME}). The schema is
 * never changed ({@code hibernate.hbm2ddl.auto=none}). Close it when the command ends.
 */
final class Host implements AutoCloseable {
  private static final Pattern CREDENTIAL_KEY =
      Pattern.compile("(?i).*(password|passwd|pwd|secret|credential|\\.user(name)?$|\\.url$).*");

  private final HostClasses classes;
  private final DataSource dataSource;
  private final String url;
  private final KeyProvider keyProvider;
  private final WrappedKeyStore keyStore;
  private final JdbcAuditSink auditSink;
  private final Suoja suoja;
  private final SessionFactory sessionFactory;

  private Host(
      HostClasses classes,
      DataSource dataSource,
      String url,
      KeyProvider keyProvider,
      WrappedKeyStore keyStore,
      JdbcAuditSink auditSink,
      Suoja suoja,
      SessionFactory sessionFactory) {
    this.classes = classes;
    this.dataSource = dataSource;
    this.url = url;
    this.keyProvider = keyProvider;
    this.keyStore = keyStore;
    this.auditSink = auditSink;
    this.suoja = suoja;
    this.sessionFactory = sessionFactory;
  }

  /**
   * The host's persistence unit with Suoja's runtime: master keys, wrapped-key table, audit table.
   *
   * @throws CliException {@code SUOJA-9060..9068} for bad options, an unreadable key store, a
   *     missing table or a persistence unit that does not build; {@code SUOJA-9010} when the
   *     database does not connect
   * @throws SuojaException the library's own boot check (e.g. {@code SUOJA-5001}), with its code
   */
  static Host open(HostOptions o, Map<String, String> env) {
    return open(o, env, true);
  }

  /**
   * The host's persistence unit without Suoja's runtime ({@code suoja.enabled=false}): the mapping
   * and the database only, for commands that read the schema and never a value.
   */
  static Host openModel(HostOptions o, Map<String, String> env) {
    return open(o, env, false);
  }

  /**
   * The host's persistence unit integrated with a throwaway Suoja runtime (a random in-memory
   * master key, an in-memory key store and audit sink; nothing is sealed or written): the
   * integration's boot checks - column widths of envelopes and blind indexes, against the mapping
   * and the database's own metadata, transport security - run as in the application, without the
   * host's keys.
   *
   * @throws SuojaException the first boot check that fails, with its code
   */
  static Host openChecked(HostOptions o, Map<String, String> env) {
    checkHibernateProperties(o.hibernate);
    DataSource ds = o.database.open(o.url, env);
    HostClasses classes = HostClasses.load(o.classpath, o.entities);
    try {
      byte[] throwaway = new byte[32];
      new java.security.SecureRandom().nextBytes(throwaway);
      Suoja suoja =
          Suoja.builder()
              .keyProvider(KeyProvider.inMemory(Map.of(1, throwaway)))
              .wrappedKeyStore(WrappedKeyStore.inMemory())
              .policy(CareAccessPolicy.builder().build())
              .auditor(
                  Auditor.builder(new fi.suoja.audit.sink.InMemoryAuditSink())
                      .application("suoja-cli")
                      .node(node())
                      .build())
              .entities(classes.entities().toArray(Class<?>[]::new))
              .build();
      Arrays.fill(throwaway, (byte) 0);
      SessionFactory sf = sessionFactory(o, ds, classes, suoja);
      return new Host(classes, ds, o.url, null, null, null, null, sf);
    } catch (RuntimeException e) {
      classes.close();
      throw e;
    }
  }

  private static Host open(HostOptions o, Map<String, String> env, boolean runtime) {
    checkHibernateProperties(o.hibernate);
    if (runtime && o.masterKey == null) {
      throw new CliException(
          "SUOJA-9064",
          SuojaCommand.USAGE,
          "--master-key is required: the PKCS#12 key store of the host's master keys");
    }
    DataSource ds = o.database.open(o.url, env);
    HostClasses classes = HostClasses.load(o.classpath, o.entities);
    JdbcAuditSink sink = null;
    try {
      KeyProvider keys = null;
      WrappedKeyStore store = null;
      Suoja suoja = null;
      if (runtime) {
        keys = masterKeys(o, env);
        store = keyStore(ds, o.keyTable);
        sink = auditSink(ds, o, env);
        Auditor auditor = Auditor.builder(sink).application("suoja-cli").node(node()).build();
        AccessPolicy policy = CareAccessPolicy.builder().build();
        suoja =
            Suoja.builder()
                .keyProvider(keys)
                .wrappedKeyStore(store)
                .policy(policy)
                .auditor(auditor)
                .entities(classes.entities().toArray(Class<?>[]::new))
                .crypto(c -> c.createTenantKeysOnFirstUse(false))
                .build();
      }
      SessionFactory sf = sessionFactory(o, ds, classes, suoja);
      return new Host(classes, ds, o.url, keys, store, sink, suoja, sf);
    } catch (RuntimeException e) {
      if (sink != null) {
        sink.close();
      }
      classes.close();
      throw e;
    }
  }

  /** The host's entity classes. */
  List<Class<?>> entities() {
    return classes.entities();
  }

  /** The host's class loader. */
  ClassLoader loader() {
    return classes.loader();
  }

  /** The host's database (credentials applied). */
  DataSource dataSource() {
    return dataSource;
  }

  /** The JDBC URL as given (no credential: {@link DatabaseOptions} refuses one). */
  String url() {
    return url;
  }

  /** The Suoja runtime; null for {@link #openModel}. */
  Suoja suoja() {
    return suoja;
  }

  /** The master keys; null for {@link #openModel}. */
  KeyProvider keyProvider() {
    return keyProvider;
  }

  /** The wrapped-key table; null for {@link #openModel}. */
  WrappedKeyStore keyStore() {
    return keyStore;
  }

  /** The audit table the command's events go to; null for {@link #openModel}. */
  JdbcAuditSink auditSink() {
    return auditSink;
  }

  /** The host's persistence unit, integrated with Suoja unless {@link #openModel}. */
  SessionFactory sessionFactory() {
    return sessionFactory;
  }

  @Override
  public void close() {
    try {
      sessionFactory.close();
    } finally {
      try {
        if (auditSink != null) {
          auditSink.close();
        }
      } finally {
        classes.close();
      }
    }
  }

  private static SessionFactory sessionFactory(
      HostOptions o, DataSource ds, HostClasses classes, Suoja suoja) {
    if (System.getProperty("org.jboss.logging.provider") == null) {
      System.setProperty("org.jboss.logging.provider", "slf4j"); // Hibernate's logging: silenced
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classes.loader());
    try {
      BootstrapServiceRegistryBuilder bootstrap =
          new BootstrapServiceRegistryBuilder().applyClassLoader(classes.loader());
      Configuration cfg = new Configuration(bootstrap.build());
      classes.entities().forEach(cfg::addAnnotatedClass);
      if (o.naming == HostOptions.Naming.snake_case) {
        cfg.setPhysicalNamingStrategy(new PhysicalNamingStrategySnakeCaseImpl());
      }
      Map<Object, Object> props = cfg.getProperties();
      props.putAll(o.hibernate);
      props.put("hibernate.connection.datasource", ds);
      props.put("hibernate.hbm2ddl.auto", "none");
      props.put("hibernate.connection.provider_disables_autocommit", "false");
      if (o.transportSecurity != null) {
        props.put(SuojaJpaSettings.TRANSPORT_SECURITY, o.transportSecurity);
      }
      if (o.singleTenant != null) {
        props.put(SuojaJpaSettings.SINGLE_TENANT, o.singleTenant);
      }
      if (suoja != null) {
        props.put(SuojaJpaSettings.RUNTIME, suoja);
      } else {
        props.put(SuojaJpaSettings.ENABLED, "false");
      }
      return cfg.buildSessionFactory();
    } catch (RuntimeException e) {
      SuojaException coded = coded(e);
      if (coded != null) {
        throw coded;
      }
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      // Hibernate's messages name classes and columns, but its wrapped driver messages may quote
      // values: only the exception classes are shown
      throw new CliException(
          "SUOJA-9063",
          SuojaCommand.USAGE,
          "the host's persistence unit does not build ("
              + e.getClass().getSimpleName()
              + (root == e ? "" : ", caused by " + root.getClass().getSimpleName())
              + "); check --classpath, --entities, --naming and --hibernate");
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static SuojaException coded(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SuojaException s) {
        return s;
      }
    }
    return null;
  }

  private static void checkHibernateProperties(Map<String, String> props) {
    for (String key : props.keySet()) {
      if ((!key.startsWith("hibernate.") && !key.startsWith("jakarta.persistence."))
          || CREDENTIAL_KEY.matcher(key).matches()
          || key.startsWith("suoja.")) {
        throw new CliException(
            "SUOJA-9068",
            SuojaCommand.USAGE,
            "--hibernate "
                + key
                + " is not accepted: only hibernate.* and jakarta.persistence.* mapping"
                + " properties; connection and credentials come from the JDBC URL and the"
                + " environment, Suoja's settings from their own options");
      }
    }
  }

  private static KeyProvider masterKeys(HostOptions o, Map<String, String> env) {
    char[] password = masterKeyPassword(o, env);
    try {
      return KeyProvider.pkcs12(o.masterKey, password);
    } catch (SuojaException e) {
      throw new CliException(
          "SUOJA-9064",
          SuojaCommand.UNAVAILABLE,
          "the master key store "
              + o.masterKey.getFileName()
              + " does not open (missing, corrupt or wrong password; "
              + e.code()
              + ")");
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] masterKeyPassword(HostOptions o, Map<String, String> env) {
    if (o.masterKeyPasswordFile != null) {
      try {
        String text = Files.readString(o.masterKeyPasswordFile, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip().toCharArray();
      } catch (IOException e) {
        throw new CliException(
            "SUOJA-9003",
            SuojaCommand.USAGE,
            "cannot read the master key password file " + o.masterKeyPasswordFile.getFileName());
      }
    }
    String var =
        o.masterKeyPasswordEnv != null
            ? o.masterKeyPasswordEnv
            : HostOptions.MASTER_KEY_PASSWORD_ENV;
    String value = env.get(var);
    if (value == null) {
      throw new CliException(
          "SUOJA-9003",
          SuojaCommand.USAGE,
          "environment variable "
              + var
              + " (the master key store password; --master-key-password-env) is not set");
    }
    return value.toCharArray();
  }

  private static WrappedKeyStore keyStore(DataSource ds, String table) {
    JdbcWrappedKeyStore store;
    try {
      store = JdbcWrappedKeyStore.builder(ds).table(table).build();
    } catch (SuojaException e) {
      throw new CliException(
          "SUOJA-9067",
          SuojaCommand.UNAVAILABLE,
          "Suoja's table "
              + table
              + " (--key-table) cannot be used ("
              + e.code()
              + "); create it with suoja schema ddl or the shipped migrations");
    }
    requireTable(ds, table, "--key-table");
    return store;
  }

  private static JdbcAuditSink auditSink(DataSource ds, HostOptions o, Map<String, String> env) {
    ChainOptions.Builder chain =
        ChainOptions.builder()
            .chainId(chainId(node(), System.currentTimeMillis()))
            .withoutCheckpoints();
    if (o.auditChainKeyEnv != null) {
      chain.chainKey(chainKey(o.auditChainKeyEnv, env));
    }
    JdbcAuditSink sink;
    try {
      sink = JdbcAuditSink.builder(ds).table(o.auditTable).chain(chain.build()).build();
    } catch (AuditException e) {
      throw new CliException(
          "SUOJA-9067",
          SuojaCommand.UNAVAILABLE,
          "the audit table " + o.auditTable + " cannot be used (" + e.code() + ")");
    }
    try {
      requireTable(ds, o.auditTable, "--audit-table");
    } catch (RuntimeException e) {
      sink.close();
      throw e;
    }
    return sink;
  }

  private static ChainKey chainKey(String variable, Map<String, String> env) {
    String value = env.get(variable);
    if (value == null) {
      throw new CliException(
          "SUOJA-9003",
          SuojaCommand.USAGE,
          "environment variable " + variable + " (named by --audit-chain-key-env) is not set");
    }
    try {
      return ChainKey.of(Base64.getDecoder().decode(value.strip()));
    } catch (IllegalArgumentException | AuditException e) {
      throw new CliException(
          "SUOJA-9066",
          SuojaCommand.USAGE,
          "the audit chain key in " + variable + " is not the Base64 of 32 or more bytes");
    }
  }

  /** Fails unless {@code table} (a name the store's builder accepted) can be read. */
  private static void requireTable(DataSource ds, String table, String option) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
    } catch (SQLException e) {
      throw new CliException(
          "SUOJA-9067",
          SuojaCommand.UNAVAILABLE,
          "Suoja's table "
              + table
              + " ("
              + option
              + ") cannot be read (SQL state "
              + e.getSQLState()
              + "); create it with suoja schema ddl or the shipped migrations");
    }
  }

  static String node() {
    try {
      String host = InetAddress.getLocalHost().getHostName();
      return host == null || host.isBlank() ? "cli" : host;
    } catch (IOException e) {
      return "cli";
    }
  }

  static String chainId(String node, long millis) {
    String safe = node.replaceAll("[^A-Za-z0-9_.-]", "_");
    if (safe.length() > 90) {
      safe = safe.substring(0, 90);
    }
    return "suoja-cli-" + safe.toLowerCase(Locale.ROOT) + "-" + millis;
  }

  /** Runs {@code work} with the thread's context class loader set to the host's. */
  <T> T withHostLoader(Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classes.loader());
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
