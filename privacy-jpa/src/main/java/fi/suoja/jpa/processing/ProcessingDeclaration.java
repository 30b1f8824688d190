package fi.suoja.jpa.processing;

import fi.suoja.SuojaConfigurationException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The facts of a processing description that the code cannot know: who the controller and the
 * processor are, the purposes and legal basis in words, sub-processors, how long the audit trail is
 * kept, where processing happens, legal retention holds, and the claims the host makes about its
 * processing. A {@link ProcessingRecord} prints them marked as <em>declared</em>; {@link
 * ProcessingConsistency} checks the {@link Claim claims} against what the running configuration
 * shows.
 *
 * <p>Immutable. Build it in code ({@link #builder()}) or from a properties file ({@link
 * #fromProperties}).
 *
 * <p>Warning: nothing here is verified except the claims. A wrong controller name or legal basis is
 * printed as given.
 */
public final class ProcessingDeclaration {

  /** Statements a host makes about its processing that the configuration can contradict. */
  public enum Claim {
    /** Client data never appears in logs, not even as pseudonymous tokens. */
    CLIENT_DATA_NEVER_IN_LOGS,
    /** Every personal-data field of a client-data entity is encrypted at rest. */
    ALL_CLIENT_DATA_ENCRYPTED,
    /** Every personal-data field is encrypted at rest. */
    ALL_PERSONAL_DATA_ENCRYPTED,
    /** The connection to the database is protected by TLS (or never leaves the machine). */
    TRANSPORT_ENCRYPTED
  }

  private final String controller;
  private final String processor;
  private final String dpoContact;
  private final String location;
  private final String legalBasis;
  private final String auditRetention;
  private final List<String> purposes;
  private final List<String> subProcessors;
  private final Map<String, String> retentionHolds;
  private final Set<Claim> claims;

  private ProcessingDeclaration(Builder b) {
    this.controller = b.controller;
    this.processor = b.processor;
    this.dpoContact = b.dpoContact;
    this.location = b.location;
    this.legalBasis = b.legalBasis;
    this.auditRetention = b.auditRetention;
    this.purposes = List.copyOf(b.purposes);
    this.subProcessors = List.copyOf(b.subProcessors);
    this.retentionHolds = Map.copyOf(b.retentionHolds);
    this.claims = Set.copyOf(b.claims);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Nothing declared: every declared statement prints as "not declared". */
  public static ProcessingDeclaration none() {
    return builder().build();
  }

  /**
   * Reads a declaration from properties: {@code controller}, {@code processor}, {@code dpo}, {@code
   * location}, {@code legalBasis}, {@code auditRetention}, {@code purpose.<n>}, {@code
   * subProcessor.<n>}, {@code retention.<Entity>} (a legal retention hold of an entity, e.g. {@code
   * retention.Client=Social welfare client documents act 254/2015: 12 years}) and {@code claims}
   * (comma-separated {@link Claim} names).
   *
   * @throws SuojaConfigurationException {@code SUOJA-7002} for an unknown key or claim
   */
  public static ProcessingDeclaration fromProperties(Properties p) {
    Builder b = builder();
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      String v = p.getProperty(key).trim();
      if (key.startsWith("purpose.")) {
        b.purpose(v);
      } else if (key.startsWith("subProcessor.")) {
        b.subProcessor(v);
      } else if (key.startsWith("retention.")) {
        b.retentionHold(key.substring("retention.".length()), v);
      } else {
        switch (key) {
          case "controller" -> b.controller(v);
          case "processor" -> b.processor(v);
          case "dpo" -> b.dpoContact(v);
          case "location" -> b.location(v);
          case "legalBasis" -> b.legalBasis(v);
          case "auditRetention" -> b.auditRetention(v);
          case "claims" -> {
            for (String c : v.split(",", -1)) {
              if (!c.isBlank()) {
                b.claim(claim(c.trim()));
              }
            }
          }
          default ->
              throw new SuojaConfigurationException(
                  "SUOJA-7002", "unknown processing declaration key '" + key + "'");
        }
      }
    }
    return b.build();
  }

  private static Claim claim(String name) {
    try {
      return Claim.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SuojaConfigurationException(
          "SUOJA-7002",
          "unknown processing claim '" + name + "', known: " + List.of(Claim.values()));
    }
  }

  public String controller() {
    return controller;
  }

  public String processor() {
    return processor;
  }

  public String dpoContact() {
    return dpoContact;
  }

  /** Where processing happens, in words (e.g. {@code Finland}). */
  public String location() {
    return location;
  }

  public String legalBasis() {
    return legalBasis;
  }

  /** How long the host keeps the audit trail, in words. */
  public String auditRetention() {
    return auditRetention;
  }

  public List<String> purposes() {
    return purposes;
  }

  public List<String> subProcessors() {
    return subProcessors;
  }

  /** Legal retention holds by JPA entity name, in words (basis and period). */
  public Map<String, String> retentionHolds() {
    return retentionHolds;
  }

  public Set<Claim> claims() {
    return claims;
  }

  @Override
  public String toString() {
    return "ProcessingDeclaration[controller=" + controller + ", claims=" + claims + "]";
  }

  /** Collects the declared facts; every one is optional. */
  public static final class Builder {
    private String controller;
    private String processor;
    private String dpoContact;
    private String location;
    private String legalBasis;
    private String auditRetention;
    private final List<String> purposes = new ArrayList<>();
    private final List<String> subProcessors = new ArrayList<>();
    private final Map<String, String> retentionHolds = new LinkedHashMap<>();
    private final Set<Claim> claims = EnumSet.noneOf(Claim.class);

    private Builder() {}

    /** The controller (the tenant organisation, or a placeholder in a template). */
    public Builder controller(String controller) {
      this.controller = Objects.requireNonNull(controller, "controller");
      return this;
    }

    /** The processor (the service provider). */
    public Builder processor(String processor) {
      this.processor = Objects.requireNonNull(processor, "processor");
      return this;
    }

    /** How to reach the data protection officer. */
    public Builder dpoContact(String dpoContact) {
      this.dpoContact = Objects.requireNonNull(dpoContact, "dpoContact");
      return this;
    }

    /** Where processing happens (e.g. {@code Finland}). */
    public Builder location(String location) {
      this.location = Objects.requireNonNull(location, "location");
      return this;
    }

    /** The legal basis in words (e.g. GDPR Art. 6(1)(c) and 9(2)(h)). */
    public Builder legalBasis(String legalBasis) {
      this.legalBasis = Objects.requireNonNull(legalBasis, "legalBasis");
      return this;
    }

    /** How long the audit trail is kept. */
    public Builder auditRetention(String auditRetention) {
      this.auditRetention = Objects.requireNonNull(auditRetention, "auditRetention");
      return this;
    }

    /** One purpose of the processing, in words. */
    public Builder purpose(String purpose) {
      purposes.add(Objects.requireNonNull(purpose, "purpose"));
      return this;
    }

    /** One sub-processor: name, service and place of processing, in words. */
    public Builder subProcessor(String subProcessor) {
      subProcessors.add(Objects.requireNonNull(subProcessor, "subProcessor"));
      return this;
    }

    /**
     * A legal retention hold of an entity (JPA entity name): basis and period in words. Declared
     * here because this build has no retention annotation to derive it from.
     */
    public Builder retentionHold(String entity, String basisAndPeriod) {
      retentionHolds.put(
          Objects.requireNonNull(entity, "entity"),
          Objects.requireNonNull(basisAndPeriod, "basisAndPeriod"));
      return this;
    }

    /** A claim {@link ProcessingConsistency} checks against the configuration. */
    public Builder claim(Claim claim) {
      claims.add(Objects.requireNonNull(claim, "claim"));
      return this;
    }

    public ProcessingDeclaration build() {
      return new ProcessingDeclaration(this);
    }
  }
}
