package fi.suoja.cli;

import fi.suoja.crypto.spi.JdbcWrappedKeyStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of a command that works on the host's entities (a {@code @Mixin}): the host's
 * database (JDBC URL, credentials through {@link DatabaseOptions}), its entity classes ({@code
 * --classpath}, {@code --entities}), how it maps them ({@code --naming}, {@code --hibernate}) and
 * the Suoja runtime it uses (master key, key table, audit table, single tenant). {@link Host#open}
 * turns them into a running persistence unit.
 */
final class HostOptions {
  static final String MASTER_KEY_PASSWORD_ENV = "SUOJA_KEYSTORE_PASSWORD";

  /** The physical naming of tables and columns. */
  enum Naming {
    /** Hibernate's default: names as the entities spell them. */
    standard,
    /** Spring Boot's default: {@code camelCase} becomes {@code camel_case}. */
    snake_case
  }

  @Parameters(
      index = "0",
      paramLabel = "<jdbc-url>",
      description = "The host's database, without credentials (e.g. jdbc:postgresql://db/care).")
  String url;

  @Mixin DatabaseOptions database = new DatabaseOptions();

  @Option(
      names = "--classpath",
      required = true,
      split = "${sys:path.separator}",
      paramLabel = "JAR|DIR",
      description =
          "The host's entity classes and what they need: jars (a Spring Boot jar too) or class"
              + " directories, separated by the path separator or given repeatedly.")
  List<Path> classpath = new ArrayList<>();

  @Option(
      names = "--entities",
      split = ",",
      paramLabel = "CLASS",
      description =
          "Entity classes by name (comma separated); default: every @Entity class found in the"
              + " --classpath entries.")
  List<String> entities = new ArrayList<>();

  @Option(
      names = "--naming",
      paramLabel = "NAMING",
      defaultValue = "standard",
      description =
          "Table and column names: standard (Hibernate's default) or snake_case (Spring Boot's"
              + " default); default: ${DEFAULT-VALUE}.")
  Naming naming;

  @Option(
      names = "--hibernate",
      paramLabel = "KEY=VALUE",
      description =
          "A further Hibernate property of the host's persistence unit (e.g."
              + " hibernate.default_schema=care); repeatable. Never a credential.")
  Map<String, String> hibernate = new LinkedHashMap<>();

  @Option(
      names = "--transport-security",
      paramLabel = "MODE",
      description =
          "suoja.transport_security: strict (default), encrypted or off; see docs/PROCESSING.md.")
  String transportSecurity;

  @Option(
      names = "--single-tenant",
      paramLabel = "TENANT",
      description = "suoja.single_tenant: the tenant id of a single-tenant deployment.")
  String singleTenant;

  @Option(
      names = "--master-key",
      paramLabel = "FILE",
      description =
          "The PKCS#12 key store holding the master keys (as keys create-master writes it).")
  Path masterKey;

  @Option(
      names = "--master-key-password-env",
      paramLabel = "VAR",
      description =
          "Environment variable holding the key store password (default "
              + MASTER_KEY_PASSWORD_ENV
              + ").")
  String masterKeyPasswordEnv;

  @Option(
      names = "--master-key-password-file",
      paramLabel = "FILE",
      description = "File holding the key store password (first line).")
  Path masterKeyPasswordFile;

  @Option(
      names = "--key-table",
      paramLabel = "NAME",
      defaultValue = JdbcWrappedKeyStore.DEFAULT_TABLE,
      description = "The wrapped-key table in the host's database (default: ${DEFAULT-VALUE}).")
  String keyTable;

  @Option(
      names = "--audit-table",
      paramLabel = "NAME",
      defaultValue = "suoja_audit",
      description =
          "The audit table in the host's database the command's events go to (default:"
              + " ${DEFAULT-VALUE}).")
  String auditTable;

  @Option(
      names = "--audit-chain-key-env",
      paramLabel = "VAR",
      description =
          "Environment variable holding the audit chain key (Base64 of 32+ bytes), as the"
              + " application's suoja.audit.chain-key-env.")
  String auditChainKeyEnv;
}
