package fi.suoja.spring.boot.internal;

import fi.suoja.SuojaException;
import fi.suoja.audit.AuditException;
import fi.suoja.audit.ChainKey;
import fi.suoja.audit.sink.ChainOptions;
import fi.suoja.audit.sink.JdbcAuditSink;
import fi.suoja.audit.sink.JsonLinesFileSink;
import fi.suoja.audit.spi.AuditSink;
import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.spring.boot.SuojaProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Builds the parts of the runtime from the {@code suoja.*} properties. Every setting that cannot
 * work fails here, at start-up, as a {@link StartupFailure} naming the property and the fix.
 */
public final class Parts {
  private Parts() {}

  /** The master keys. */
  public static KeyProvider keyProvider(SuojaProperties.MasterKey p, Map<String, String> env) {
    if (p.getSource() == SuojaProperties.MasterKeySource.ENVIRONMENT) {
      try {
        return KeyProvider.environment(p.getEnvironmentPrefix());
      } catch (SuojaException e) {
        throw new StartupFailure(
            "SUOJA-8002",
            "no master key in the environment variables " + p.getEnvironmentPrefix() + "<version>",
            "Set "
                + p.getEnvironmentPrefix()
                + "1 to the Base64 of 32 random bytes, or set"
                + " suoja.master-key.source=pkcs12 and suoja.master-key.location.",
            e);
      }
    }
    if (p.getLocation() == null) {
      throw new StartupFailure(
          "SUOJA-8001",
          "no master key configured: suoja.master-key.location is not set",
          "Set suoja.master-key.location to a PKCS#12 key store holding an AES-256 entry"
              + " 'suoja-master-1' (keytool -genseckey -keyalg AES -keysize 256 -storetype PKCS12"
              + " -alias suoja-master-1) and its password in the environment variable named by"
              + " suoja.master-key.password-env (default SUOJA_KEYSTORE_PASSWORD); or define a"
              + " KeyProvider bean.");
    }
    if (!Files.isReadable(p.getLocation())) {
      throw new StartupFailure(
          "SUOJA-8002",
          "the master key store "
              + p.getLocation()
              + " (suoja.master-key.location) cannot be"
              + " read",
          "Point suoja.master-key.location at an existing, readable PKCS#12 file.");
    }
    String password = p.getPassword();
    if (password == null) {
      if (p.getPasswordEnv() == null || env.get(p.getPasswordEnv()) == null) {
        throw new StartupFailure(
            "SUOJA-8003",
            "no password for the master key store: the environment variable '"
                + p.getPasswordEnv()
                + "' (suoja.master-key.password-env) is not set",
            "Set the environment variable "
                + p.getPasswordEnv()
                + " to the store password, or"
                + " name another one with suoja.master-key.password-env.");
      }
      password = env.get(p.getPasswordEnv());
    }
    try {
      return KeyProvider.pkcs12(p.getLocation(), password.toCharArray());
    } catch (SuojaException e) {
      throw new StartupFailure(
          "SUOJA-8002",
          "the master key store " + p.getLocation() + " (suoja.master-key.location) did not open",
          "Check the file, its password and that it holds an AES-256 secret-key entry"
              + " 'suoja-master-<version>'.",
          e);
    }
  }

  /** The wrapped tenant data keys. */
  public static WrappedKeyStore wrappedKeyStore(
      SuojaProperties.KeyStore p, SchemaTools schema, DataSource dataSource) {
    if (p.getType() == SuojaProperties.KeyStoreType.DIRECTORY) {
      if (p.getDirectory() == null) {
        throw new StartupFailure(
            "SUOJA-8005",
            "suoja.key-store.type=directory but suoja.key-store.directory is not set",
            "Set suoja.key-store.directory, or use the default JDBC store.");
      }
      return WrappedKeyStore.directory(p.getDirectory());
    }
    DataSource ds = requireDataSource(dataSource, "suoja.key-store.type", "directory");
    try {
      return JdbcWrappedKeyStore.builder(ds)
          .table(p.getTable())
          .createTableIfMissing(schema.suojaCreatesTables(ds))
          .build();
    } catch (SuojaException e) {
      throw new StartupFailure(
          "SUOJA-8006",
          "the wrapped key table '" + p.getTable() + "' (suoja.key-store.table) cannot be used",
          "Create it with the DDL of docs/OPERATIONS.md, or set"
              + " suoja.jdbc.initialize-schema=always.",
          e);
    }
  }

  /** The audit sink; durable in both forms. */
  public static AuditSink auditSink(
      SuojaProperties.Audit p,
      SchemaTools schema,
      DataSource dataSource,
      String node,
      Map<String, String> env) {
    ChainOptions.Builder chain =
        ChainOptions.builder()
            .chainId(chainId(node, System.currentTimeMillis()))
            .withoutCheckpoints();
    if (p.getChainKeyEnv() != null) {
      chain.chainKey(chainKey(p.getChainKeyEnv(), env));
    }
    if (p.getSink() == SuojaProperties.AuditSinkType.FILE) {
      if (p.getDirectory() == null) {
        throw new StartupFailure(
            "SUOJA-8005",
            "suoja.audit.sink=file but suoja.audit.directory is not set",
            "Set suoja.audit.directory, or use the default JDBC sink.");
      }
      return JsonLinesFileSink.builder(p.getDirectory())
          .chain(chain.build())
          .durability(JsonLinesFileSink.Durability.DURABLE)
          .build();
    }
    DataSource ds = requireDataSource(dataSource, "suoja.audit.sink", "file");
    try {
      // build() checks the table name before any SQL names it
      JdbcAuditSink sink =
          JdbcAuditSink.builder(ds).table(p.getTable()).chain(chain.build()).build();
      if (schema.suojaCreatesTables(ds) && !tableExists(ds, p.getTable())) {
        JdbcAuditSink.createTables(ds, p.getTable());
      }
      if (!tableExists(ds, p.getTable())) {
        sink.close();
        throw new StartupFailure(
            "SUOJA-8007",
            "the audit table '" + p.getTable() + "' (suoja.audit.table) does not exist",
            "Create it with the DDL of docs/AUDIT.md (JdbcAuditSink.ddl), or set"
                + " suoja.jdbc.initialize-schema=always.");
      }
      return sink;
    } catch (AuditException e) {
      throw new StartupFailure(
          "SUOJA-8007",
          "the audit table '" + p.getTable() + "' (suoja.audit.table) cannot be used",
          "Check the table name and the database; docs/AUDIT.md has the DDL.",
          e);
    }
  }

  /** The host name, for the node name of audit events. */
  public static String hostName() {
    try {
      String host = InetAddress.getLocalHost().getHostName();
      return host == null || host.isBlank() ? "node" : host;
    } catch (UnknownHostException e) {
      return "node";
    }
  }

  /** {@code <node>-<millis>} with every character a chain id may not hold replaced. */
  static String chainId(String node, long millis) {
    String safe = node.replaceAll("[^A-Za-z0-9_.-]", "_");
    if (safe.length() > 100) {
      safe = safe.substring(0, 100);
    }
    return safe + "-" + millis;
  }

  private static ChainKey chainKey(String variable, Map<String, String> env) {
    String value = env.get(variable);
    if (value == null) {
      throw new StartupFailure(
          "SUOJA-8008",
          "the audit chain key variable '" + variable + "' (suoja.audit.chain-key-env) is not set",
          "Set it to the Base64 of 32 random bytes, or remove suoja.audit.chain-key-env.");
    }
    try {
      return ChainKey.of(Base64.getDecoder().decode(value.trim()));
    } catch (IllegalArgumentException | AuditException e) {
      // neither the value nor the decoder's message (which quotes characters) is shown
      throw new StartupFailure(
          "SUOJA-8008",
          "the audit chain key variable '" + variable + "' is not the Base64 of 32 or more bytes",
          "Set it to e.g. $(head -c32 /dev/urandom | base64).");
    }
  }

  private static DataSource requireDataSource(DataSource ds, String property, String other) {
    if (ds == null) {
      throw new StartupFailure(
          "SUOJA-8004",
          "the JDBC default of " + property + " needs a DataSource, and the application has none",
          "Configure spring.datasource.*, or set " + property + "=" + other + ".");
    }
    return ds;
  }

  static boolean embedded(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      String url = c.getMetaData().getURL();
      String u = url == null ? "" : url.toLowerCase(Locale.ROOT);
      return u.startsWith("jdbc:h2:mem:")
          || u.startsWith("jdbc:hsqldb:mem:")
          || u.startsWith("jdbc:derby:memory:");
    } catch (SQLException e) {
      return false;
    }
  }

  static boolean tableExists(DataSource ds, String table) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      // the name passed JdbcAuditSink.Builder.build's check
      s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }
}
