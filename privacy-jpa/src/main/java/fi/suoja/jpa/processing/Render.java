package fi.suoja.jpa.processing;

import fi.suoja.jpa.internal.JsonDocuments;
import fi.suoja.jpa.internal.TransportSecurity;
import fi.suoja.policy.Action;
import fi.suoja.policy.CareAccessPolicy;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a {@link ProcessingRecord}. The JSON tree is built once (Jackson writes it) and the
 * Markdown follows the same sections, so both forms say the same things.
 */
final class Render {
  static final String SCHEMA = "suoja-processing-record-v1";
  static final String NOT_DECLARED = "not declared";
  static final String NOT_CONFIGURED = "not configured";

  static final List<String> AUDITED_ACTIONS =
      List.of(
          "READ (every load: find, query, association, cache hit), before the data is opened",
          "CREATE, UPDATE, DELETE at flush, before the statement",
          "denied attempts of each (outcome DENIED with reason)",
          "writes whose transaction rolled back (outcome FAILURE ROLLED_BACK)",
          "elevated accesses flagged with their basis (ORG_ADMIN, INCIDENT:<id>)");

  private Render() {}

  // ---- the tree -------------------------------------------------------------------------------

  static Map<String, Object> tree(ProcessingRecord r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema", SCHEMA);
    ProcessingDeclaration d = r.declared();
    Map<String, Object> declared = new LinkedHashMap<>();
    declared.put("controller", d.controller());
    declared.put("processor", d.processor());
    declared.put("dpoContact", d.dpoContact());
    declared.put("purposes", d.purposes());
    declared.put("legalBasis", d.legalBasis());
    declared.put("subProcessors", d.subProcessors());
    declared.put("auditRetention", d.auditRetention());
    declared.put("location", d.location());
    declared.put("retentionHolds", new TreeMap<>(d.retentionHolds()));
    declared.put("claims", d.claims().stream().map(Enum::name).sorted().toList());
    root.put("declared", declared);

    Map<String, Object> derived = new LinkedHashMap<>();
    List<Object> subjects = new ArrayList<>();
    for (String s : r.subjects()) {
      Map<String, Object> subject = new LinkedHashMap<>();
      subject.put("subject", s);
      List<Object> fields = new ArrayList<>();
      for (PersonalField f : r.fields()) {
        if (!f.subject().equals(s)) {
          continue;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entity", f.entity());
        m.put("field", f.field());
        m.put("category", f.category().name());
        m.put("specialCategory", f.specialCategory());
        m.put("encrypted", f.encrypted());
        m.put("paddingBucket", f.paddingBucket());
        if (f.blindIndexBits() > 0) {
          Map<String, Object> bi = new LinkedHashMap<>();
          bi.put("bits", f.blindIndexBits());
          bi.put("normalization", f.blindIndexNormalization());
          bi.put(
              "expectedFalsePositivesPerLookupIn10000Rows",
              sixDigits(f.expectedFalsePositives(10_000)));
          m.put("blindIndex", bi);
        } else {
          m.put("blindIndex", null);
        }
        fields.add(m);
      }
      subject.put("fields", fields);
      subjects.add(subject);
    }
    derived.put("dataSubjects", subjects);

    Map<String, Object> enc = new LinkedHashMap<>();
    enc.put("envelopeFormat", 1);
    enc.put("algorithm", "AES-256-GCM, random 96-bit nonce, 128-bit tag");
    enc.put("contextBinding", "tenant, entity, field and row id in the associated data");
    enc.put(
        "keyHierarchy",
        "master key (key provider) -> tenant data key (stored wrapped) -> HKDF-SHA256 field keys");
    enc.put(
        "blindIndex",
        "HMAC-SHA256 under a per-tenant, per-field key, truncated;"
            + " leaks equality of values within a tenant and field");
    enc.put("keyProvider", orNull(r.keyProviderKind()));
    derived.put("encryption", enc);

    Map<String, Object> access = new LinkedHashMap<>();
    access.put("policy", r.policy() == null ? null : r.policy().getClass().getName());
    List<Object> rules = new ArrayList<>();
    for (AccessMatrix.Row row : r.accessMatrix()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("who", row.who());
      m.put("relation", row.relation());
      m.put("data", row.data());
      Map<String, Object> decisions = new LinkedHashMap<>();
      row.decisions().forEach((action, decision) -> decisions.put(action.name(), decision));
      m.put("decisions", decisions);
      rules.add(m);
    }
    access.put("rules", rules);
    access.put(
        "alwaysEnforced",
        List.of(
            "no actor, no access",
            "never across tenants",
            "every decision audited; no audit, no access"));
    access.put("incidentAccessConsent", new TreeMap<>(r.incidentConsent()));
    derived.put("access", access);

    Map<String, Object> audit = new LinkedHashMap<>();
    audit.put("sink", r.auditSinkKind() == null ? null : sinkDescription(r.auditSinkKind()));
    audit.put(
        "tamperEvidence", r.auditSinkKind() == null ? null : tamperEvidence(r.auditSinkKind()));
    audit.put("actions", AUDITED_ACTIONS);
    audit.put("failClosed", true);
    derived.put("audit", audit);

    Map<String, Object> logs = new LinkedHashMap<>();
    logs.put("default", "anonymise");
    Map<String, Object> tenants = new TreeMap<>();
    r.clientDataInLogs()
        .forEach((t, pseudo) -> tenants.put(t, pseudo ? "pseudonymise" : "anonymise"));
    logs.put("tenants", tenants);
    derived.put("logs", logs);

    derived.put("capabilities", r.capabilities());
    derived.put("retentionHolds", r.retentionHolds());

    TransportSecurity.Assessment t = r.transport();
    Map<String, Object> place = new LinkedHashMap<>();
    place.put("database", t.database());
    place.put("databaseHosts", t.hosts());
    place.put("transport", t.protection().name());
    place.put("transportDescription", t.protection().description());
    place.put("transportSetting", t.setting());
    place.put("transportCheck", r.transportMode());
    place.put("keyProvider", orNull(r.keyProviderKind()));
    derived.put("placeOfProcessing", place);
    root.put("derived", derived);
    return root;
  }

  private static Object orNull(String s) {
    return s;
  }

  static String sinkDescription(String kind) {
    return switch (kind) {
      case "JsonLinesFileSink" -> "hash-chained JSON-lines files (JsonLinesFileSink)";
      case "JdbcAuditSink" -> "database table (JdbcAuditSink)";
      case "Slf4jAuditSink" -> "application log, logger suoja.audit (Slf4jAuditSink)";
      case "InMemoryAuditSink" ->
          "in memory, not durable: demonstrations and tests only (InMemoryAuditSink)";
      case "CompositeAuditSink" -> "several sinks together (CompositeAuditSink)";
      default -> "host sink " + kind;
    };
  }

  static String tamperEvidence(String kind) {
    return switch (kind) {
      case "JsonLinesFileSink", "JdbcAuditSink" ->
          "per-writer hash chain and RFC 6962 Merkle tree; Ed25519-signed checkpoints when"
              + " configured; verified by AuditVerifier";
      case "CompositeAuditSink" -> "as the member sinks provide";
      default -> "none";
    };
  }

  // ---- JSON -----------------------------------------------------------------------------------

  static String json(ProcessingRecord r) {
    return JsonDocuments.text(tree(r));
  }

  /**
   * Six significant digits: the figure is an estimate, and the digits of its binary expansion would
   * only be noise.
   */
  private static BigDecimal sixDigits(double d) {
    return BigDecimal.valueOf(d)
        .round(new MathContext(6, RoundingMode.HALF_UP))
        .stripTrailingZeros();
  }

  // ---- Markdown -------------------------------------------------------------------------------

  private static final String DERIVED = " *(derived)*";
  private static final String DECLARED = " *(declared)*";

  static String markdown(ProcessingRecord r) {
    ProcessingDeclaration d = r.declared();
    StringBuilder sb = new StringBuilder();
    sb.append("# Record of processing / Käsittelyn kuvaus\n\n");
    sb.append(
        "Statements marked *(derived)* were read from the running code and configuration;"
            + " *(declared)* ones were supplied by the host and are not verified (except the claims,"
            + " which ProcessingConsistency checks).\n\n");

    sb.append("## Parties / Osapuolet\n\n");
    line(sb, "Controller / Rekisterinpitäjä", d.controller(), DECLARED);
    line(sb, "Processor / Käsittelijä", d.processor(), DECLARED);
    line(sb, "Data protection officer / Tietosuojavastaava", d.dpoContact(), DECLARED);
    line(
        sb,
        "Sub-processors / Alihankkijat",
        d.subProcessors().isEmpty() ? null : String.join("; ", d.subProcessors()),
        DECLARED);
    sb.append('\n');

    sb.append("## Purposes and legal basis / Käsittelyn tarkoitus ja peruste\n\n");
    line(
        sb,
        "Purposes / Tarkoitukset",
        d.purposes().isEmpty() ? null : String.join("; ", d.purposes()),
        DECLARED);
    line(sb, "Legal basis / Oikeusperuste", d.legalBasis(), DECLARED);
    sb.append('\n');

    sb.append("## Categories of data subjects / Rekisteröityjen ryhmät\n\n");
    for (String s : r.subjects()) {
      sb.append("- ").append(s).append(DERIVED).append('\n');
    }
    sb.append('\n');

    sb.append("## Personal data / Henkilötiedot\n\n");
    for (String s : r.subjects()) {
      sb.append("### ").append(s).append("\n\n");
      sb.append(
          "| entity | field | category | Art. 9 | encrypted | padding bucket | blind index |"
              + " expected false positives per lookup in 10 000 rows |\n");
      sb.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
      for (PersonalField f : r.fields()) {
        if (!f.subject().equals(s)) {
          continue;
        }
        sb.append("| ")
            .append(f.entity())
            .append(" | ")
            .append(f.field())
            .append(" | ")
            .append(f.category())
            .append(" | ")
            .append(f.specialCategory() ? "yes" : "no")
            .append(" | ")
            .append(f.encrypted() ? "AES-256-GCM" : "**no**")
            .append(" | ")
            .append(f.paddingBucket() == 0 ? "-" : f.paddingBucket() + " B")
            .append(" | ")
            .append(
                f.blindIndexBits() == 0
                    ? "-"
                    : f.blindIndexBits() + " bits, " + f.blindIndexNormalization())
            .append(" | ")
            .append(
                f.blindIndexBits() == 0
                    ? "-"
                    : String.format(Locale.ROOT, "%.2g", f.expectedFalsePositives(10_000)))
            .append(" |\n");
      }
      sb.append("\n*(derived from @PersonalData, @Encrypted and @BlindIndex)*\n\n");
    }

    sb.append("## Retention / Säilytysajat\n\n");
    line(sb, "Audit trail / Lokitiedot", d.auditRetention(), DECLARED);
    r.retentionHolds()
        .forEach(
            (e, h) ->
                sb.append("- Legal retention hold of ")
                    .append(e)
                    .append(": ")
                    .append(h)
                    .append(DERIVED)
                    .append('\n'));
    if (d.retentionHolds().isEmpty() && r.retentionHolds().isEmpty()) {
      line(sb, "Legal retention holds / Lakisääteiset säilytysajat", null, DECLARED);
    }
    new TreeMap<>(d.retentionHolds())
        .forEach((e, h) -> line(sb, "Legal retention hold of " + e, h, DECLARED));
    sb.append('\n');

    sb.append("## Safeguards / Suojaustoimet\n\n");
    sb.append("### Encryption at rest / Salaus\n\n");
    sb.append(
        "- Envelope format 1: AES-256-GCM, random 96-bit nonce, bound to tenant, entity,"
            + " field and row id"
            + DERIVED
            + "\n");
    sb.append(
        "- Keys: master key -> tenant data key (stored wrapped) -> HKDF-SHA256 field keys;"
            + " key provider: "
            + orNot(r.keyProviderKind(), NOT_CONFIGURED)
            + DERIVED
            + "\n");
    sb.append(
        "- Blind indexes: keyed HMAC-SHA256 per tenant and field, truncated; they reveal"
            + " which records share a value within a tenant"
            + DERIVED
            + "\n\n");

    sb.append("### Access rules / Käyttöoikeudet\n\n");
    if (r.policy() == null) {
      sb.append("Policy in force: ").append(NOT_CONFIGURED).append(DERIVED).append('\n');
    } else {
      sb.append("Policy in force: ")
          .append(r.policy().getClass().getName())
          .append(DERIVED)
          .append(
              "\n\nDecisions of that policy, asked for each standard role and relation"
                  + " (synthetic requests, not audited)"
                  + DERIVED
                  + ":\n\n");
      sb.append("| who | record | data |");
      for (Action a : Action.values()) {
        sb.append(' ').append(a.name()).append(" |");
      }
      sb.append("\n| --- | --- | --- |");
      for (int i = 0; i < Action.values().length; i++) {
        sb.append(" --- |");
      }
      sb.append('\n');
      for (AccessMatrix.Row row : r.accessMatrix()) {
        sb.append("| ")
            .append(row.who())
            .append(" | ")
            .append(row.relation())
            .append(" | ")
            .append(row.data())
            .append(" |");
        row.decisions().values().forEach(decision -> sb.append(' ').append(decision).append(" |"));
        sb.append('\n');
      }
      sb.append(
          "\n- \"elevated\": allowed, and audited with its basis as an elevated access."
              + " Rules that depend on state are decided with the state at access time: incident"
              + " grants (provider support may read client data of a consenting tenant under a"
              + " valid grant, elevated `INCIDENT:<id>`; see docs/POLICY.md), and whatever a host"
              + " rule looks up\n");
      if (r.policy() instanceof CareAccessPolicy) {
        new TreeMap<>(r.incidentConsent())
            .forEach(
                (t, c) ->
                    sb.append("- Tenant ")
                        .append(t)
                        .append(": provider support incident access ")
                        .append(c ? "consented" : "not consented")
                        .append(DERIVED)
                        .append('\n'));
      }
    }
    sb.append(
        "- Always: no actor no access; never across tenants; every decision audited, and"
            + " no audit means no access"
            + DERIVED
            + "\n\n");

    sb.append("### Audit trail / Lokitus\n\n");
    sb.append("- Sink: ")
        .append(r.auditSinkKind() == null ? NOT_CONFIGURED : sinkDescription(r.auditSinkKind()))
        .append(DERIVED)
        .append('\n');
    sb.append("- Tamper evidence: ")
        .append(r.auditSinkKind() == null ? NOT_CONFIGURED : tamperEvidence(r.auditSinkKind()))
        .append(DERIVED)
        .append('\n');
    for (String a : AUDITED_ACTIONS) {
      sb.append("- Recorded: ").append(a).append(DERIVED).append('\n');
    }
    sb.append('\n');

    sb.append("### Application logs / Sovelluslokit\n\n");
    sb.append("- Tenants without settings: anonymise" + DERIVED + "\n");
    new TreeMap<>(r.clientDataInLogs())
        .forEach(
            (t, p) ->
                sb.append("- Tenant ")
                    .append(t)
                    .append(": ")
                    .append(p ? "pseudonymise (keyed tokens)" : "anonymise")
                    .append(DERIVED)
                    .append('\n'));
    sb.append('\n');

    sb.append("### Data subject rights / Rekisteröidyn oikeudet\n\n");
    r.capabilities()
        .forEach(
            (k, v) ->
                sb.append("- ")
                    .append(k)
                    .append(": ")
                    .append(v ? "available" : "not available in this build")
                    .append(DERIVED)
                    .append('\n'));
    sb.append('\n');

    sb.append("## Place of processing / Käsittelyn sijainti\n\n");
    line(sb, "Location / Sijainti", d.location(), DECLARED);
    TransportSecurity.Assessment t = r.transport();
    sb.append("- Database / Tietokanta: ")
        .append(t.database())
        .append(t.hosts().isEmpty() ? "" : ", hosts " + String.join(", ", t.hosts()))
        .append(DERIVED)
        .append('\n');
    sb.append("- Transport / Tiedonsiirto: ")
        .append(t.protection().description())
        .append(" [")
        .append(t.setting())
        .append("], checked at boot in mode ")
        .append(r.transportMode())
        .append(DERIVED)
        .append('\n');
    sb.append("- Key provider / Avainten säilytys: ")
        .append(orNot(r.keyProviderKind(), NOT_CONFIGURED))
        .append(DERIVED)
        .append('\n');
    sb.append('\n');

    sb.append("## Claims / Vakuutukset\n\n");
    if (d.claims().isEmpty()) {
      sb.append("- none" + DECLARED + "\n");
    }
    d.claims().stream()
        .map(Enum::name)
        .sorted()
        .forEach(c -> sb.append("- ").append(c).append(DECLARED).append('\n'));
    return sb.toString();
  }

  private static void line(StringBuilder sb, String label, String value, String source) {
    sb.append("- ")
        .append(label)
        .append(": ")
        .append(orNot(value, NOT_DECLARED))
        .append(source)
        .append('\n');
  }

  private static String orNot(String v, String otherwise) {
    return v == null ? otherwise : v;
  }
}
