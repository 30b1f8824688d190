package fi.suoja.audit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.internal.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Maps Suoja audit events to HL7 FHIR R4 {@code AuditEvent} resources following the IHE Basic Audit
 * Log Patterns (BALP): PatientRead, PatientQuery, PatientCreate, PatientUpdate, PatientDelete and
 * PrivacyDisclosure.Source, with their required type, subtype, action, agent and entity codes.
 *
 * <p>What Suoja events do not record is filled as follows, and a consumer should know it: the
 * client agent is the emitting application (Suoja runs inside the server and sees no client
 * address), both agents' network address is the node name; a query's raw request is not recorded,
 * so {@code entity[query].query} holds the base64 of the queried field names; a disclosure's
 * recipient is whatever the caller passes to {@link #toFhir(AuditEvent, String)}, else {@code
 * not-recorded}. Denied and failed outcomes map to FHIR outcome 4 and 8 with the reason code as
 * {@code outcomeDesc}. Key and configuration events map to DICOM "Security Alert".
 */
public final class FhirAuditEvents {
  static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
  static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
  static final String REST = "http://hl7.org/fhir/restful-interaction";
  static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
  static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
  static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
  static final String BALP_ENTITY = "https://profiles.ihe.net/ITI/BasicAudit/CodeSystem/BasicAuditEntityType";
  static final String PROVENANCE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
  static final String LIFECYCLE = "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle";
  static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";

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
   * The FHIR R4 AuditEvent; for a {@link AuditAction#DISCLOSURE}, {@code recipientId} names the
   * recipient (an organisation or authority id, never a person's name).
   */
  public static ObjectNode toFhir(AuditEvent e, String recipientId) {
    ObjectNode r = F.objectNode();
    r.put("resourceType", "AuditEvent");
    r.put("id", e.id().replaceAll("[^A-Za-z0-9.-]", "-"));
    AuditAction a = e.action();
    String[] subtype = subtype(a);
    switch (a) {
      case DISCLOSURE -> r.set("type", coding(DCM, "110106", "Export"));
      case EXPORT -> r.set("type", coding(DCM, "110106", "Export"));
      case KEY_ROTATED, KEY_DESTROYED, TENANT_OFFBOARDED, CONFIGURATION_CHANGED ->
          r.set("type", coding(DCM, "110113", "Security Alert"));
      default -> r.set("type", coding(EVENT_TYPE, "rest", "Restful Operation"));
    }
    ArrayNode subtypes = r.putArray("subtype");
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
    ArrayNode agents = r.putArray("agent");
    if (a == AuditAction.DISCLOSURE) {
      agents.add(systemAgent(DCM, "110153", "Source Role ID", app, node));
      agents.add(
          systemAgent(DCM, "110152", "Destination Role ID",
              recipientId != null ? recipientId : "not-recorded", "not-recorded"));
      // the custodian that released the data: this application
      ObjectNode custodian = F.objectNode();
      custodian.set("type", concept("http://snomed.info/sct", "159541003", "Record keeping/library clerk"));
      custodian.putObject("who").putObject("identifier").put("value", app + "@" + node);
      custodian.put("requestor", false);
      custodian.putObject("network").put("address", node).put("type", "1");
      agents.add(custodian);
    } else if (a == AuditAction.READ || a == AuditAction.EXPORT) {
      // BALP Read: the client receives the data (Destination), the server sends it (Source)
      agents.add(systemAgent(DCM, "110152", "Destination Role ID", app, node));
      agents.add(systemAgent(DCM, "110153", "Source Role ID", app + "@" + node, node));
    } else if (a == AuditAction.DELETE || a == AuditAction.ERASE) {
      agents.add(systemAgent(DCM, "110150", "Application", app, node));
      agents.add(systemAgent(PROVENANCE, "custodian", "Custodian", app + "@" + node, node));
    } else {
      agents.add(systemAgent(DCM, "110153", "Source Role ID", app, node));
      agents.add(systemAgent(DCM, "110152", "Destination Role ID", app + "@" + node, node));
    }
    agents.add(user(e));

    ObjectNode source = r.putObject("source");
    source.put("site", e.actor().tenantId());
    source.putObject("observer").putObject("identifier").put("value", app + "@" + node);
    source.putArray("type").add(coding(SOURCE_TYPE, "4", "Application Server"));

    ArrayNode entities = r.putArray("entity");
    if (e.correlationId() != null) {
      ObjectNode tx = entities.addObject();
      tx.set("type", coding(BALP_ENTITY, "XrequestId", null));
      tx.putObject("what").putObject("identifier").put("value", e.correlationId());
    }
    if (a == AuditAction.QUERY) {
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
      what.putObject("identifier").put("system", "urn:suoja:subject").put("value", e.subjectId());
    }
    return r;
  }

  private static String[] subtype(AuditAction a) {
    return switch (a) {
      case READ, EXPORT -> new String[] {REST, "read", "read"};
      case QUERY -> new String[] {REST, "search", "search"};
      case CREATE -> new String[] {REST, "create", "create"};
      case UPDATE -> new String[] {REST, "update", "update"};
      case DELETE, ERASE -> new String[] {REST, "delete", "delete"};
      case DISCLOSURE -> new String[] {LIFECYCLE, "disclose", "Disclose"};
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
