package fi.suoja.jpa.processing;

import fi.suoja.Suoja;
import fi.suoja.annotation.LegalRetention;
import fi.suoja.annotation.PersonalData;
import fi.suoja.annotation.PersonalDataCategory;
import fi.suoja.annotation.ProtectedType;
import fi.suoja.annotation.ProtectedType.EncryptedAttribute;
import fi.suoja.annotation.ProtectedType.IndexAttribute;
import fi.suoja.audit.spi.AuditSink;
import fi.suoja.crypto.FieldOptions;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.jpa.internal.TransportSecurity;
import fi.suoja.policy.AccessPolicy;
import fi.suoja.policy.CareAccessPolicy;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The record of processing of one deployment, generated from its code and configuration: the
 * categories of data subjects and their personal data (from {@code @PersonalData}), how each field
 * is protected (from {@code @Encrypted} / {@code @BlindIndex}), the access rules in force, the
 * audit coverage, the log masking mode per tenant, subject-rights capabilities and the place of
 * processing (database hosts, transport protection, key provider), together with the host's {@link
 * ProcessingDeclaration declared} facts. {@link #toMarkdown()} and {@link #toJson()} print it with
 * English and Finnish headings; every statement says whether it was <em>derived</em> from the
 * running configuration or <em>declared</em> by the host. The JSON form follows {@code
 * fi/suoja/jpa/processing/processing-record.schema.json} (in the jar); see {@code
 * docs/PROCESSING.md}.
 *
 * <pre>{@code
 * ProcessingRecord record = ProcessingRecord.builder()
 *     .sessionFactory(sessionFactory)             // entities, JDBC URL, transport
 *     .policy(carePolicy).tenants("hoiva", "kuu") // access rules, log modes
 *     .auditSink(sink).keyProvider(masterKeys)
 *     .declared(ProcessingDeclaration.fromProperties(props))
 *     .build();
 * ProcessingConsistency.assertConsistent(record);  // in the host's test suite
 * }</pre>
 *
 * <p>Holds names and settings only, never a personal-data value or key material. Immutable.
 *
 * <p>Warning: what the builder is not given is printed as "not configured", never guessed. Pass the
 * same policy, sink and key provider the runtime was built with, or the document describes a
 * different system.
 */
public final class ProcessingRecord {
  private final List<Class<?>> entityTypes;
  private final List<PersonalField> fields;
  private final ProcessingDeclaration declared;
  private final AccessPolicy policy;
  private final Map<String, Boolean> clientDataInLogs;
  private final Map<String, Boolean> incidentConsent;
  private final String auditSinkKind;
  private final String keyProviderKind;
  private final TransportSecurity.Assessment transport;
  private final String transportMode;
  private final Map<String, Boolean> capabilities;
  private final Map<String, String> retentionHolds;
  private final List<AccessMatrix.Row> accessMatrix;

  private ProcessingRecord(Builder b) {
    this.entityTypes = List.copyOf(b.entityTypes);
    this.fields = fieldsOf(this.entityTypes);
    this.declared = b.declared;
    this.policy = b.policy;
    Map<String, Boolean> logs = new LinkedHashMap<>();
    Map<String, Boolean> consent = new LinkedHashMap<>();
    if (b.policy instanceof CareAccessPolicy care) {
      for (String t : b.tenants) {
        logs.put(t, care.settingsOf(t).clientDataInLogs());
        consent.put(t, care.settingsOf(t).incidentAccessConsent());
      }
    }
    this.clientDataInLogs = Map.copyOf(logs);
    this.incidentConsent = Map.copyOf(consent);
    this.auditSinkKind = b.auditSink == null ? null : b.auditSink.getClass().getSimpleName();
    this.keyProviderKind = b.keyProvider == null ? null : keyProviderKind(b.keyProvider);
    this.transport = TransportSecurity.assess(b.jdbcUrl, b.driverProperties);
    this.transportMode = b.transportMode;
    Map<String, Boolean> caps = new LinkedHashMap<>();
    caps.put("export", present("fi.suoja.jpa.SubjectRights"));
    caps.put("erasure", present("fi.suoja.jpa.SubjectRights"));
    caps.put("handover", present("fi.suoja.jpa.TenantOffboarding"));
    this.capabilities = caps;
    Map<String, String> holds = new TreeMap<>();
    for (Class<?> type : entityTypes) {
      ProtectedType model = ProtectedType.of(type);
      model
          .annotation(LegalRetention.class)
          .ifPresent(
              hold ->
                  holds.put(
                      model.entityName(),
                      hold.basis() + " (" + hold.period() + " from " + hold.from() + ")"));
    }
    this.retentionHolds = Collections.unmodifiableMap(holds);
    String probeTenant = b.tenants.isEmpty() ? "tenant-a" : b.tenants.get(0);
    this.accessMatrix =
        b.policy == null
            ? List.of()
            : AccessMatrix.probe(b.policy, probeTenant, probeTenant + "-other");
  }

  /** The access rules in force, derived by asking the policy (empty without a policy). */
  List<AccessMatrix.Row> accessMatrix() {
    return accessMatrix;
  }

  /** Legal retention holds read from {@code @LegalRetention}, by JPA entity name. */
  Map<String, String> retentionHolds() {
    return retentionHolds;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every personal-data attribute of the registered entities, in declaration order. */
  public List<PersonalField> fields() {
    return fields;
  }

  /** The data-subject categories, in order of first appearance. */
  public List<String> subjects() {
    Set<String> s = new LinkedHashSet<>();
    fields.forEach(f -> s.add(f.subject()));
    return List.copyOf(s);
  }

  /** The host's declared facts. */
  public ProcessingDeclaration declared() {
    return declared;
  }

  /** The Markdown document. */
  public String toMarkdown() {
    return Render.markdown(this);
  }

  /** The JSON document (compact, stable field order). */
  public String toJson() {
    return Render.json(this);
  }

  @Override
  public String toString() {
    return "ProcessingRecord[subjects=" + subjects() + ", fields=" + fields.size() + "]";
  }

  // ---- package-private views for rendering and the consistency check ----------------------------

  List<Class<?>> entityTypes() {
    return entityTypes;
  }

  AccessPolicy policy() {
    return policy;
  }

  /** Tenant -> client data in logs as pseudonyms (true) or anonymised (false). */
  Map<String, Boolean> clientDataInLogs() {
    return clientDataInLogs;
  }

  Map<String, Boolean> incidentConsent() {
    return incidentConsent;
  }

  String auditSinkKind() {
    return auditSinkKind;
  }

  String keyProviderKind() {
    return keyProviderKind;
  }

  TransportSecurity.Assessment transport() {
    return transport;
  }

  String transportMode() {
    return transportMode;
  }

  Map<String, Boolean> capabilities() {
    return capabilities;
  }

  // ---- derivation -----------------------------------------------------------------------------

  static List<PersonalField> fieldsOf(List<Class<?>> types) {
    List<PersonalField> out = new ArrayList<>();
    for (Class<?> type : types) {
      ProtectedType model = ProtectedType.of(type);
      String typeSubject =
          model.annotation(PersonalData.class).map(PersonalData::subject).orElse("");
      for (Field f : model.instanceFields()) {
        String name = f.getName();
        PersonalData pd = model.personalData(name).orElse(null);
        EncryptedAttribute enc = model.encrypted(name).orElse(null);
        if (pd == null && enc == null) {
          continue;
        }
        String subject =
            pd != null && !pd.subject().isEmpty()
                ? pd.subject()
                : typeSubject.isEmpty() ? "unspecified" : typeSubject;
        IndexAttribute index = model.indexOf(name).orElse(null);
        out.add(
            new PersonalField(
                subject,
                model.entityName(),
                name,
                pd == null ? PersonalDataCategory.OTHER : pd.category(),
                enc != null,
                enc == null ? 0 : enc.padToBucket(),
                index == null
                    ? 0
                    : index.bits() > 0 ? index.bits() : FieldOptions.DEFAULT_BLIND_INDEX_BITS,
                index == null ? "" : index.normalization().name()));
      }
    }
    return List.copyOf(out);
  }

  private static String keyProviderKind(KeyProvider p) {
    return switch (p.getClass().getSimpleName()) {
      case "Pkcs12KeyProvider" -> "PKCS#12 key store (local file)";
      case "InMemoryKeyProvider" -> "master keys from environment variables or memory";
      case "Pkcs11KeyProvider" -> "PKCS#11 token (HSM), keys non-extractable";
      case "KmsKeyProvider" -> "key management service (master key never leaves it)";
      default -> "host key provider " + p.getClass().getName();
    };
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, ProcessingRecord.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** Collects what the record is generated from. */
  public static final class Builder {
    private final List<Class<?>> entityTypes = new ArrayList<>();
    private ProcessingDeclaration declared = ProcessingDeclaration.none();
    private AccessPolicy policy;
    private final List<String> tenants = new ArrayList<>();
    private AuditSink auditSink;
    private KeyProvider keyProvider;
    private String jdbcUrl;
    private Map<String, ?> driverProperties = Map.of();
    private String transportMode = "strict";

    private Builder() {}

    /**
     * Takes the entity classes, the JDBC URL (configured, or reported by the connection provider),
     * the driver properties and {@link SuojaJpaSettings#TRANSPORT_SECURITY} from a Hibernate {@code
     * SessionFactory}.
     */
    public Builder sessionFactory(SessionFactory factory) {
      Objects.requireNonNull(factory, "factory");
      factory.getMetamodel().getEntities().stream()
          .map(e -> (Class<?>) e.getJavaType())
          .filter(Objects::nonNull)
          .sorted((a, b) -> Suoja.entityName(a).compareTo(Suoja.entityName(b)))
          .forEach(entityTypes::add);
      Map<String, Object> props = factory.getProperties();
      this.driverProperties = Map.copyOf(props);
      this.jdbcUrl =
          TransportSecurity.jdbcUrl(factory.unwrap(SessionFactoryImplementor.class), props);
      Object mode = props.get(SuojaJpaSettings.TRANSPORT_SECURITY);
      this.transportMode = TransportSecurity.mode(mode).name().toLowerCase(Locale.ROOT);
      return this;
    }

    /** Entity classes, when there is no {@code SessionFactory} (tools, tests). */
    public Builder entities(Class<?>... types) {
      entityTypes.addAll(List.of(types));
      return this;
    }

    /** The JDBC URL, when there is no {@code SessionFactory}. Never printed whole. */
    public Builder jdbcUrl(String url) {
      this.jdbcUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The access policy in force. */
    public Builder policy(AccessPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The tenants whose log masking mode and incident consent the record lists. */
    public Builder tenants(String... tenants) {
      this.tenants.addAll(List.of(tenants));
      return this;
    }

    /** The audit sink the runtime records to. */
    public Builder auditSink(AuditSink sink) {
      this.auditSink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** The master key provider. Only its kind is printed. */
    public Builder keyProvider(KeyProvider keyProvider) {
      this.keyProvider = Objects.requireNonNull(keyProvider, "keyProvider");
      return this;
    }

    /** The host's declared facts. Default: {@link ProcessingDeclaration#none()}. */
    public Builder declared(ProcessingDeclaration declared) {
      this.declared = Objects.requireNonNull(declared, "declared");
      return this;
    }

    public ProcessingRecord build() {
      return new ProcessingRecord(this);
    }
  }
}
