package fi.suoja.spring.boot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The suoja.* properties of the Spring Boot starter (docs/SPRING.md has the table). Each maps onto
 * one option of {@link fi.suoja.Suoja.Builder} or of the Hibernate integration; a Boot application
 * with a DataSource needs only the master key:
 *
 * <pre>
 * suoja.master-key.location=/run/secrets/suoja.p12
 * suoja.master-key.password-env=SUOJA_KEYSTORE_PASSWORD
 * </pre>
 *
 * <p>toString is not overridden on purpose: Spring never prints the binding, and {@link
 * MasterKey#getPassword()} is meant for tests only.
 */
@ConfigurationProperties("suoja")
public class SuojaProperties {
  /** Whether the starter configures Suoja at all. Off: no runtime, no integration. */
  private boolean enabled = true;

  /** The application name in audit events. Default: spring.application.name, else "application". */
  private String application;

  /** The node name in audit events and in the audit chain id. Default: the host name. */
  private String node;

  /** The organisation id recorded for provider-side actors. */
  private String providerId = "provider";

  private final MasterKey masterKey = new MasterKey();
  private final KeyStore keyStore = new KeyStore();
  private final Audit audit = new Audit();
  private final Jdbc jdbc = new Jdbc();
  private final Policy policy = new Policy();
  private final Actor actor = new Actor();
  private final Correlation correlation = new Correlation();
  private final Web web = new Web();
  private final Masking masking = new Masking();
  private final Processing processing = new Processing();
  private final Migration migration = new Migration();

  /** Background jobs that may act as a system actor (SystemActors.runAsSystem). */
  private final Map<String, SystemJob> system = new LinkedHashMap<>();

  /**
   * Each tenant's privacy decisions, by tenant id (read when the application defines no
   * TenantSettingsSource bean). A tenant not named here has decided nothing: no incident access.
   */
  private final Map<String, Tenant> tenants = new LinkedHashMap<>();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getApplication() {
    return application;
  }

  public void setApplication(String application) {
    this.application = application;
  }

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public String getProviderId() {
    return providerId;
  }

  public void setProviderId(String providerId) {
    this.providerId = providerId;
  }

  public MasterKey getMasterKey() {
    return masterKey;
  }

  public KeyStore getKeyStore() {
    return keyStore;
  }

  public Audit getAudit() {
    return audit;
  }

  public Jdbc getJdbc() {
    return jdbc;
  }

  public Policy getPolicy() {
    return policy;
  }

  public Actor getActor() {
    return actor;
  }

  public Correlation getCorrelation() {
    return correlation;
  }

  public Web getWeb() {
    return web;
  }

  public Masking getMasking() {
    return masking;
  }

  public Processing getProcessing() {
    return processing;
  }

  public Migration getMigration() {
    return migration;
  }

  public Map<String, SystemJob> getSystem() {
    return system;
  }

  public Map<String, Tenant> getTenants() {
    return tenants;
  }

  /** Where the master keys (key-encryption keys) come from. */
  public enum MasterKeySource {
    /** A PKCS#12 key store with AES-256 entries {@code suoja-master-<version>}. */
    PKCS12,
    /** Environment variables {@code <prefix><version>}, Base64 of 32 bytes each. */
    ENVIRONMENT
  }

  /** The master keys. */
  public static class MasterKey {
    /** Where the master keys come from. */
    private MasterKeySource source = MasterKeySource.PKCS12;

    /** The PKCS#12 key store file (source pkcs12). Required for that source. */
    private Path location;

    /** The environment variable holding the PKCS#12 store password (source pkcs12). */
    private String passwordEnv = "SUOJA_KEYSTORE_PASSWORD";

    /**
     * The PKCS#12 store password itself, when a secret store hands it to Spring as a property; wins
     * over password-env. Never put it in a file under version control.
     */
    private String password;

    /** The prefix of the master key variables (source environment). */
    private String environmentPrefix = "SUOJA_MASTER_KEY_";

    public MasterKeySource getSource() {
      return source;
    }

    public void setSource(MasterKeySource source) {
      this.source = source;
    }

    public Path getLocation() {
      return location;
    }

    public void setLocation(Path location) {
      this.location = location;
    }

    public String getPasswordEnv() {
      return passwordEnv;
    }

    public void setPasswordEnv(String passwordEnv) {
      this.passwordEnv = passwordEnv;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public String getEnvironmentPrefix() {
      return environmentPrefix;
    }

    public void setEnvironmentPrefix(String environmentPrefix) {
      this.environmentPrefix = environmentPrefix;
    }
  }

  /** Where the wrapped tenant data keys are kept. */
  public enum KeyStoreType {
    /** A table in the application's DataSource (JdbcWrappedKeyStore). */
    JDBC,
    /** One file per key version in a directory (single-node deployments). */
    DIRECTORY
  }

  /** The wrapped data keys. */
  public static class KeyStore {
    /** Where the wrapped tenant data keys are kept. */
    private KeyStoreType type = KeyStoreType.JDBC;

    /** The table of the JDBC store. */
    private String table = "suoja_wrapped_key";

    /** The directory of the directory store. Required for that type. */
    private Path directory;

    /**
     * Whether a tenant's data key is created the first time one of its records is sealed; otherwise
     * the host creates it at on-boarding (suoja.keyring().create(tenant)).
     */
    private boolean createOnFirstUse = true;

    public KeyStoreType getType() {
      return type;
    }

    public void setType(KeyStoreType type) {
      this.type = type;
    }

    public String getTable() {
      return table;
    }

    public void setTable(String table) {
      this.table = table;
    }

    public Path getDirectory() {
      return directory;
    }

    public void setDirectory(Path directory) {
      this.directory = directory;
    }

    public boolean isCreateOnFirstUse() {
      return createOnFirstUse;
    }

    public void setCreateOnFirstUse(boolean createOnFirstUse) {
      this.createOnFirstUse = createOnFirstUse;
    }
  }

  /** Where audit events go. */
  public enum AuditSinkType {
    /** A hash-chained table in the application's DataSource, committed before access. */
    JDBC,
    /** Hash-chained JSON lines files, fsynced before access. */
    FILE
  }

  /** The audit trail. */
  public static class Audit {
    /** Where audit events go. */
    private AuditSinkType sink = AuditSinkType.JDBC;

    /** The table of the JDBC sink (its checkpoints go to <table>_checkpoint). */
    private String table = "suoja_audit";

    /** The directory of the file sink. Required for that sink. */
    private Path directory;

    /**
     * The environment variable holding the chain key (Base64 of at least 32 bytes). Unset: the
     * chain is plain SHA-256, which detects accidental damage but not a rewrite by someone who can
     * write the trail.
     */
    private String chainKeyEnv;

    public AuditSinkType getSink() {
      return sink;
    }

    public void setSink(AuditSinkType sink) {
      this.sink = sink;
    }

    public String getTable() {
      return table;
    }

    public void setTable(String table) {
      this.table = table;
    }

    public Path getDirectory() {
      return directory;
    }

    public void setDirectory(Path directory) {
      this.directory = directory;
    }

    public String getChainKeyEnv() {
      return chainKeyEnv;
    }

    public void setChainKeyEnv(String chainKeyEnv) {
      this.chainKeyEnv = chainKeyEnv;
    }
  }

  /** How Suoja's own tables (wrapped keys, audit) come to exist in the DataSource. */
  public enum SchemaInitialization {
    /**
     * With the application's own migration tool when it runs one (Boot's Flyway, else Boot's
     * Liquibase): Suoja's shipped migrations run with it, before Suoja opens the tables; otherwise
     * as EMBEDDED.
     */
    AUTO,
    /** Suoja's shipped migrations with the application's Flyway (own history table). */
    FLYWAY,
    /** Suoja's shipped changelog with the application's Liquibase. */
    LIQUIBASE,
    /** Only in an in-memory database (H2, HSQLDB, Derby), as Boot does for schema.sql. */
    EMBEDDED,
    /** In every database, when missing. */
    ALWAYS,
    /** Never: a migration tool runs the DDL of docs/OPERATIONS.md and docs/AUDIT.md. */
    NEVER
  }

  /** Suoja's own tables. */
  public static class Jdbc {
    /**
     * How Suoja's own tables (wrapped keys, audit trail) come to exist: migrated with the
     * application's Flyway or Liquibase, created when missing, or expected.
     */
    private SchemaInitialization initializeSchema = SchemaInitialization.AUTO;

    public SchemaInitialization getInitializeSchema() {
      return initializeSchema;
    }

    public void setInitializeSchema(SchemaInitialization initializeSchema) {
      this.initializeSchema = initializeSchema;
    }
  }

  /** What a denied load does. */
  public enum OnDenied {
    /** The load throws AccessDeniedException. */
    FAIL,
    /** The entity loads with its encrypted attributes masked, read-only. */
    MASK
  }

  /** The access policy. */
  public static class Policy {
    /** What a load does when the policy denies it (docs/POLICY.md, docs/JPA.md). */
    private OnDenied onDenied = OnDenied.FAIL;

    /**
     * Actions each Suoja role may take on any record of its tenant, e.g. VET=READ,CREATE,UPDATE.
     * Set: this table is the policy instead of the care rules (for records without an @Owner).
     */
    private Map<String, List<fi.suoja.policy.Action>> permissions = new LinkedHashMap<>();

    public OnDenied getOnDenied() {
      return onDenied;
    }

    public Map<String, List<fi.suoja.policy.Action>> getPermissions() {
      return permissions;
    }

    public void setPermissions(Map<String, List<fi.suoja.policy.Action>> permissions) {
      this.permissions = permissions;
    }

    public void setOnDenied(OnDenied onDenied) {
      this.onDenied = onDenied;
    }
  }

  /** The acting user, from Spring Security. */
  public static class Actor {
    /**
     * Spring Security authorities mapped to Suoja roles, e.g. ROLE_ADMIN=ORG_ADMIN. Empty: an
     * authority ROLE_X is the role X. Authorities mapped to nothing grant nothing.
     */
    private Map<String, String> roles = new LinkedHashMap<>();

    /**
     * The principal attribute or JWT claim naming the user's tenant (OAuth2 / OIDC logins and
     * resource servers).
     */
    private String tenantAttribute;

    /** The tenant of every user, for an application that serves one organisation. */
    private String tenant;

    public Map<String, String> getRoles() {
      return roles;
    }

    public void setRoles(Map<String, String> roles) {
      this.roles = roles;
    }

    public String getTenantAttribute() {
      return tenantAttribute;
    }

    public void setTenantAttribute(String tenantAttribute) {
      this.tenantAttribute = tenantAttribute;
    }

    public String getTenant() {
      return tenant;
    }

    public void setTenant(String tenant) {
      this.tenant = tenant;
    }
  }

  /** The correlation id recorded in every audit event. */
  public static class Correlation {
    /** Whether audit events carry the request's trace id. */
    private boolean enabled = true;

    /** The MDC key read when neither Micrometer Tracing nor a traceparent header has one. */
    private String mdcKey = "traceId";

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getMdcKey() {
      return mdcKey;
    }

    public void setMdcKey(String mdcKey) {
      this.mdcKey = mdcKey;
    }
  }

  /** Spring MVC. */
  public static class Web {
    /**
     * Whether Suoja's refusals become RFC 9457 problem details (403 denied, 503 keys or audit
     * unavailable) carrying the SUOJA code and no personal data.
     */
    private boolean problemDetails = true;

    /**
     * Whether each request runs as its signed-in user: a PrivacyContext with the user's tenant
     * (which the @TenantId filter and the policy use) and the tenant's log masker.
     */
    private boolean requestScope = true;

    /** The purpose recorded in the audit events of requests (e.g. CARE); unset: none. */
    private String purpose;

    public boolean isProblemDetails() {
      return problemDetails;
    }

    public void setProblemDetails(boolean problemDetails) {
      this.problemDetails = problemDetails;
    }

    public String getPurpose() {
      return purpose;
    }

    public void setPurpose(String purpose) {
      this.purpose = purpose;
    }

    public boolean isRequestScope() {
      return requestScope;
    }

    public void setRequestScope(boolean requestScope) {
      this.requestScope = requestScope;
    }
  }

  /** Log and JSON masking. */
  public static class Masking {
    /** Whether the console and file appenders of Logback mask every line they write. */
    private boolean logback = true;

    /**
     * Whether every appender of Log4j 2, when it is the logging backend, gets events whose message,
     * throwable and ThreadContext are masked.
     */
    private boolean log4j2 = true;

    /**
     * Whether Boot's own JSON mapper masks @PersonalData properties and personal data in strings.
     * Off by default: that mapper also writes API responses, which would then lose the data the
     * user is entitled to see; turn it on for services whose JSON is logs only.
     */
    private boolean json = false;

    public boolean isLogback() {
      return logback;
    }

    public void setLogback(boolean logback) {
      this.logback = logback;
    }

    public boolean isLog4j2() {
      return log4j2;
    }

    public void setLog4j2(boolean log4j2) {
      this.log4j2 = log4j2;
    }

    public boolean isJson() {
      return json;
    }

    public void setJson(boolean json) {
      this.json = json;
    }
  }

  /** The declared facts of the record of processing (docs/PROCESSING.md). */
  public static class Processing {
    /** The controller (the care organisation). */
    private String controller;

    /** The processor (the software provider). */
    private String processor;

    /** The data protection officer's contact. */
    private String dpo;

    /** Where the processing happens. */
    private String location;

    /** The legal basis of the processing, in words. */
    private String legalBasis;

    /** How long the audit trail is kept. */
    private String auditRetention;

    /** The purposes of the processing, in words. */
    private List<String> purposes = new ArrayList<>();

    /** The sub-processors. */
    private List<String> subProcessors = new ArrayList<>();

    /** Legal retention holds by entity name, e.g. Client=Act 254/2015: 12 years. */
    private Map<String, String> retention = new LinkedHashMap<>();

    /** The claims made about the processing (ProcessingDeclaration.Claim names). */
    private List<String> claims = new ArrayList<>();

    public String getController() {
      return controller;
    }

    public void setController(String controller) {
      this.controller = controller;
    }

    public String getProcessor() {
      return processor;
    }

    public void setProcessor(String processor) {
      this.processor = processor;
    }

    public String getDpo() {
      return dpo;
    }

    public void setDpo(String dpo) {
      this.dpo = dpo;
    }

    public String getLocation() {
      return location;
    }

    public void setLocation(String location) {
      this.location = location;
    }

    public String getLegalBasis() {
      return legalBasis;
    }

    public void setLegalBasis(String legalBasis) {
      this.legalBasis = legalBasis;
    }

    public String getAuditRetention() {
      return auditRetention;
    }

    public void setAuditRetention(String auditRetention) {
      this.auditRetention = auditRetention;
    }

    public List<String> getPurposes() {
      return purposes;
    }

    public void setPurposes(List<String> purposes) {
      this.purposes = purposes;
    }

    public List<String> getSubProcessors() {
      return subProcessors;
    }

    public void setSubProcessors(List<String> subProcessors) {
      this.subProcessors = subProcessors;
    }

    public Map<String, String> getRetention() {
      return retention;
    }

    public void setRetention(Map<String, String> retention) {
      this.retention = retention;
    }

    public List<String> getClaims() {
      return claims;
    }

    public void setClaims(List<String> claims) {
      this.claims = claims;
    }
  }

  /** Sealing plaintext rows (data.sql seeds, data written before Suoja). */
  public static class Migration {
    /**
     * Whether every plaintext value of the protected entities is sealed at start-up, after the
     * schema and data.sql and before the web server takes requests (PlaintextMigration.runAll(),
     * audited as the system actor suoja-plaintext-migration).
     */
    private boolean onStartup = false;

    public boolean isOnStartup() {
      return onStartup;
    }

    public void setOnStartup(boolean onStartup) {
      this.onStartup = onStartup;
    }
  }

  /** A background job allowed to act as a system actor. */
  public static class SystemJob {
    /** The tenant the job works in; unset for a provider-side job. */
    private String tenant;

    /** The Suoja roles the job acts with (at least one). */
    private List<String> roles = new ArrayList<>();

    /** The purpose recorded in its audit events. */
    private String purpose = "ADMINISTRATION";

    public String getTenant() {
      return tenant;
    }

    public void setTenant(String tenant) {
      this.tenant = tenant;
    }

    public List<String> getRoles() {
      return roles;
    }

    public void setRoles(List<String> roles) {
      this.roles = roles;
    }

    public String getPurpose() {
      return purpose;
    }

    public void setPurpose(String purpose) {
      this.purpose = purpose;
    }
  }

  /** One tenant's privacy decisions (fi.suoja.policy.TenantPrivacySettings). */
  public static class Tenant {
    /**
     * Whether the provider's support staff may read the tenant's client data under an incident
     * grant the tenant's admin gives (the care policy's incident access).
     */
    private boolean incidentAccessConsent = false;

    public boolean isIncidentAccessConsent() {
      return incidentAccessConsent;
    }

    public void setIncidentAccessConsent(boolean incidentAccessConsent) {
      this.incidentAccessConsent = incidentAccessConsent;
    }
  }
}
