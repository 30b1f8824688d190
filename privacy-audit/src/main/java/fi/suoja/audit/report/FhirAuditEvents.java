package fi.suoja.audit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Outcome;
import fi.suoja.audit.internal.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Maps Suoja audit events to HL7 FHIR R4 {@code AuditEvent} resources following the IHE Basic Audit
 * Log Patterns (BALP). A successful event names the profile it meets in {@code meta.profile}
 * (PatientRead, PatientQuery, PatientCreate, PatientUpdate, PatientDelete or their non-patient
 * forms; PrivacyDisclosure.Source for disclosures and exports); denied and failed events claim none
 * (BALP fixes outcome 0), keep the refused operation's codes, and carry the reason in {@code
 * outcomeDesc} and, coded, in the {@code outcome-reason} extension. Key and configuration events
 * map to DICOM "Security Alert".
 *
 * <p>Deliberate deviations a consumer should know: Suoja runs inside the server, so the client
 * agent is the emitting application and network addresses are node names; {@code
 * entity[query].query} holds the base64 of the queried field names, not the raw request (which
 * would carry the searched HETU); the user agent's name is the pseudonymous user id. Unknown
 * recipients carry FHIR's data-absent-reason, never a placeholder. docs/AUDIT.md has the table.
 */
public final class FhirAuditEvents {
  static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
  static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
  static final String REST = "http://hl7.org/fhir/restful-interaction";
  static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
  static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
  static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
  static final String BALP_ENTITY =
      "https://profiles.ihe.net/ITI/BasicAudit/CodeSystem/BasicAuditEntityType";
  static final String PROVENANCE =
      "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
  static final String LIFECYCLE = "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle";
  static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
  static final String BALP = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/";
  static final String DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
  static final String SUBJECT = "urn:suoja:subject";

  /** Extension carrying a denial's or failure's reason code (R4 has only {@code outcomeDesc}). */
  static final String OUTCOME_REASON = "https://suoja.fi/fhir/StructureDefinition/outcome-reason";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private FhirAuditEvents() {}

  /** The FHIR R4 AuditEvent as a JSON string. */
  public static String toFhirJson(AuditEvent event) {
    try {
      return EventCodec.MAPPER.writeValueAsString(toFhir(event, null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The FHIR R4 AuditEvent as a JSON tree. */
  public static ObjectNode toFhir(AuditEvent event) {
    return toFhir(event, null);
  }

  /**
   * The FHIR R4 AuditEvent; for a {@link AuditAction#DISCLOSURE} or {@link AuditAction#EXPORT},
   * {@code recipientId} names the recipient (an organisation or authority id, never a person's
   * name); an export without one went to the data subject.
   */
  public static ObjectNode toFhir(AuditEvent e, String recipientId) {
    ObjectNode r = F.objectNode();
    r.put("resourceType", "AuditEvent");
    r.put("id", e.id().replaceAll("[^A-Za-z0-9.-]", "-"));
    AuditAction a = e.action();
    boolean success = e.outcome().status() == Outcome.Status.SUCCESS;
    String profile = success ? profile(a, e.subjectId() != null) : null;
    if (profile != null) {
      r.putObject("meta").putArray("profile").add(BALP + profile);
    }
    if (!success && e.outcome().reason() != null) {
      // R4 has no coded outcome detail: the reason code rides in an extension, readable text in
      // outcomeDesc
      ObjectNode reason = r.putArray("extension").addObject();
      reason.put("url", OUTCOME_REASON);
      reason.set("valueCoding", coding("urn:suoja:outcome-reason", e.outcome().reason(), null));
    }
    String[] subtype = subtype(a);
    switch (a) {
      case DISCLOSURE, EXPORT -> r.set("type", coding(DCM, "110106", "Export"));
      case KEY_ROTATED, KEY_DESTROYED, TENANT_OFFBOARDED, CONFIGURATION_CHANGED ->
          r.set("type", coding(DCM, "110113", "Security Alert"));
      default -> r.set("type", coding(EVENT_TYPE, "rest", "Restful Operation"));
    }
    ArrayNode subtypes = r.putArray("subtype");
    if (a == AuditAction.DISCLOSURE || a == AuditAction.EXPORT) {
      subtypes.add(coding(LIFECYCLE, "disclose", "Disclose"));
    }
    if (subtype != null) {
      subtypes.add(coding(subtype[0], subtype[1], subtype[2]));
    }
    subtypes.add(coding("urn:suoja:audit-action", a.name(), null));
    r.put("action", action(a));
    r.put("recorded", e.time().toString());
    switch (e.outcome().status()) {
      case SUCCESS -> r.put("outcome", "0");
      case DENIED -> r.put("outcome", "4");
      case FAILURE -> r.put("outcome", "8");
    }
    if (e.outcome().reason() != null) {
      r.put("outcomeDesc", e.outcome().reason());
    }
    if (e.purpose() != null) {
      r.putArray("purposeOfEvent").add(concept("urn:suoja:purpose", e.purpose()));
    }

    String app = e.application() != null ? e.application() : "unknown-application";
    String node = e.node() != null ? e.node() : "unknown-node";
    // the audit source: this application on this node (BALP val-audit-source ties the source
    // agent of a disclosure to it)
    String server = app + "@" + node;
    ArrayNode agents = r.putArray("agent");
    if (a == AuditAction.DISCLOSURE || a == AuditAction.EXPORT) {
      agents.add(systemAgent(DCM, "110153", "Source Role ID", server, node));
      agents.add(recipient(e, recipientId));
      agents.add(
          organisationAgent(
              "159541003", "Record keeping/library clerk", e.actor().tenantId(), null));
      if (e.basis() != null && consented(e.basis().code())) {
        // the organisation that consented (or granted the incident access) speaks for its clients
        agents.add(
            organisationAgent(
                "429577009", "Patient Advocate", e.actor().tenantId(), e.basis().code()));
      }
    } else if (a == AuditAction.READ) {
      // BALP Read: the client receives the data (Destination), the server sends it (Source)
      agents.add(systemAgent(DCM, "110152", "Destination Role ID", app, node));
      agents.add(systemAgent(DCM, "110153", "Source Role ID", server, node));
    } else if (a == AuditAction.DELETE || a == AuditAction.ERASE) {
      agents.add(systemAgent(DCM, "110150", "Application", app, node));
      agents.add(systemAgent(PROVENANCE, "custodian", "Custodian", server, node));
    } else {
      agents.add(systemAgent(DCM, "110153", "Source Role ID", app, node));
      agents.add(systemAgent(DCM, "110152", "Destination Role ID", server, node));
    }
    agents.add(user(e));

    ObjectNode source = r.putObject("source");
    source.put("site", e.actor().tenantId());
    source.putObject("observer").putObject("identifier").put("value", server);
    source.putArray("type").add(coding(SOURCE_TYPE, "4", "Application Server"));

    ArrayNode entities = r.putArray("entity");
    if (e.correlationId() != null) {
      ObjectNode tx = entities.addObject();
      tx.set("type", coding(BALP_ENTITY, "XrequestId", null));
      tx.putObject("what").putObject("identifier").put("value", e.correlationId());
    }
    if (a == AuditAction.QUERY) {
      // deliberately not the raw request BALP describes: it would carry the searched HETU
      ObjectNode q = entities.addObject();
      q.set("type", coding(ENTITY_TYPE, "2", "System Object"));
      q.set("role", coding(OBJECT_ROLE, "24", "Query"));
      String fields = "fields=" + String.join(",", e.fields());
      q.put("query", Base64.getEncoder().encodeToString(fields.getBytes(StandardCharsets.UTF_8)));
      q.put("description", fields);
    } else if (e.resource() != null) {
      ObjectNode data = entities.addObject();
      data.set("type", coding(ENTITY_TYPE, "2", "System Object"));
      data.set("role", coding(OBJECT_ROLE, "4", "Domain Resource"));
      ObjectNode what = data.putObject("what");
      what.putObject("identifier")
          .put("system", "urn:suoja:entity:" + e.resource().type())
          .put("value", e.resource().id());
      if (!e.fields().isEmpty()) {
        data.putArray("detail")
            .addObject()
            .put("type", "fields")
            .put("valueString", String.join(",", e.fields()));
      }
    }
    if (e.subjectId() != null) {
      ObjectNode patient = entities.addObject();
      patient.set("type", coding(ENTITY_TYPE, "1", "Person"));
      patient.set("role", coding(OBJECT_ROLE, "1", "Patient"));
      ObjectNode what = patient.putObject("what");
      what.put("type", "Patient");
      what.putObject("identifier").put("system", SUBJECT).put("value", e.subjectId());
    }
    return r;
  }

  /**
   * The BALP profile a successful event of {@code action} meets, by its id, or null. Denied and
   * failed events claim none (every BALP profile fixes outcome 0); key and configuration events
   * have no BALP pattern. A disclosure pattern needs a patient entity.
   */
  static String profile(AuditAction action, boolean patient) {
    String prefix = patient ? "IHE.BasicAudit.Patient" : "IHE.BasicAudit.";
    return switch (action) {
      case READ -> prefix + "Read";
      case QUERY -> prefix + "Query";
      case CREATE -> prefix + "Create";
      case UPDATE -> prefix + "Update";
      case DELETE, ERASE -> prefix + "Delete";
      case DISCLOSURE, EXPORT -> patient ? "IHE.BasicAudit.PrivacyDisclosure.Source" : null;
      case ACCESS_DENIED, KEY_ROTATED, KEY_DESTROYED, TENANT_OFFBOARDED, CONFIGURATION_CHANGED ->
          null;
    };
  }

  private static boolean consented(String basis) {
    return basis.equals("TENANT_CONSENT") || basis.startsWith("INCIDENT:");
  }

  /**
   * The recipient of a disclosure or export: the named organisation or authority; for an export
   * without one, the data subject (a subject access copy); else marked as unknown with FHIR's
   * data-absent-reason rather than a placeholder value. Suoja sees no recipient address.
   */
  private static ObjectNode recipient(AuditEvent e, String recipientId) {
    ObjectNode agent = F.objectNode();
    agent.set("type", concept(DCM, "110152", "Destination Role ID"));
    ObjectNode who = agent.putObject("who");
    if (recipientId != null) {
      who.put("type", "Organization");
      who.putObject("identifier").put("system", "urn:suoja:recipient").put("value", recipientId);
    } else if (e.action() == AuditAction.EXPORT && e.subjectId() != null) {
      who.put("type", "Patient");
      who.putObject("identifier").put("system", SUBJECT).put("value", e.subjectId());
    } else {
      absent(who, "unknown");
    }
    agent.put("requestor", false);
    absent(agent.putObject("network"), "not-applicable");
    return agent;
  }

  private static ObjectNode organisationAgent(
      String sctCode, String display, String tenant, String basis) {
    ObjectNode agent = F.objectNode();
    agent.set("type", concept("http://snomed.info/sct", sctCode, display));
    ObjectNode who = agent.putObject("who");
    who.put("type", "Organization");
    who.putObject("identifier").put("system", "urn:suoja:tenant").put("value", tenant);
    agent.put("requestor", false);
    if (basis != null) {
      agent.putArray("policy").add("urn:suoja:basis:" + basis);
    }
    return agent;
  }

  private static void absent(ObjectNode element, String reason) {
    ObjectNode ext = element.putArray("extension").addObject();
    ext.put("url", DATA_ABSENT);
    ext.put("valueCode", reason);
  }

  private static String[] subtype(AuditAction a) {
    return switch (a) {
      case READ, EXPORT, DISCLOSURE -> new String[] {REST, "read", "read"};
      case QUERY -> new String[] {REST, "search", "search"};
      case CREATE -> new String[] {REST, "create", "create"};
      case UPDATE -> new String[] {REST, "update", "update"};
      case DELETE, ERASE -> new String[] {REST, "delete", "delete"};
      default -> null;
    };
  }

  private static String action(AuditAction a) {
    return switch (a) {
      case READ, EXPORT, DISCLOSURE -> "R";
      case CREATE -> "C";
      case UPDATE -> "U";
      case DELETE, ERASE -> "D";
      default -> "E";
    };
  }

  private static ObjectNode user(AuditEvent e) {
    ObjectNode u = F.objectNode();
    boolean writes =
        e.action() == AuditAction.CREATE
            || e.action() == AuditAction.UPDATE
            || e.action() == AuditAction.DELETE
            || e.action() == AuditAction.ERASE;
    u.set(
        "type",
        writes
            ? concept(PARTICIPATION, "AUT", "author (originator)")
            : concept(PARTICIPATION, "IRCP", "information recipient"));
    // BALP must-support: the user's name, here the pseudonymous user id the trail already holds
    // (Suoja never records a person's real name)
    u.put("name", e.actor().userId());
    ObjectNode who = u.putObject("who");
    who.putObject("identifier")
        .put("system", "urn:suoja:tenant:" + e.actor().tenantId() + ":user")
        .put("value", e.actor().userId());
    u.put("requestor", true);
    ArrayNode roles = u.putArray("role");
    for (String role : e.actor().roles()) {
      roles.add(concept("urn:suoja:role", role));
    }
    roles.add(concept("urn:suoja:side", e.actor().side().name()));
    if (e.purpose() != null) {
      u.putArray("purposeOfUse").add(concept("urn:suoja:purpose", e.purpose()));
    }
    if (e.basis() != null) {
      ArrayNode policy = u.putArray("policy");
      policy.add("urn:suoja:basis:" + e.basis().code());
      if (e.basis().elevated()) {
        policy.add("urn:suoja:basis:elevated");
      }
    }
    return u;
  }

  private static ObjectNode systemAgent(
      String system, String code, String display, String who, String address) {
    ObjectNode agent = F.objectNode();
    agent.set("type", concept(system, code, display));
    agent.putObject("who").putObject("identifier").put("value", who);
    agent.put("requestor", false);
    agent.putObject("network").put("address", address).put("type", "1");
    return agent;
  }

  private static ObjectNode coding(String system, String code, String display) {
    ObjectNode c = F.objectNode();
    c.put("system", system);
    c.put("code", code);
    if (display != null) {
      c.put("display", display);
    }
    return c;
  }

  private static ObjectNode concept(String system, String code) {
    return concept(system, code, null);
  }

  private static ObjectNode concept(String system, String code, String display) {
    ObjectNode cc = F.objectNode();
    cc.putArray("coding").add(coding(system, code, display));
    return cc;
  }
}
