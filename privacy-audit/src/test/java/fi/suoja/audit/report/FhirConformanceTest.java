package fi.suoja.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import fi.suoja.audit.AccessBasis;
import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of audit event Suoja emits, mapped to FHIR and checked by tools this project did not
 * write: HAPI FHIR's R4 parser with a strict error handler (unknown elements, wrong types, bad
 * codes of required bindings fail), the core AuditEvent and DomainResource invariants evaluated by
 * HAPI's FHIRPath engine, and the IHE BALP invariants and fixed codes of the profile each event
 * claims in {@code meta.profile} ({@code val-audit-source} for disclosures). A regression in the
 * mapping fails the build. The fixed codes of each profile are also checked rule by rule from the
 * profiles' FSH sources in {@link FhirAuditEventsTest}.
 */
class FhirConformanceTest {
  private static final FhirContext R4 = FhirContext.forR4();
  private static final String BALP = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/";

  /** Core R4 invariants of AuditEvent and its DomainResource base (FHIRPath, from the spec). */
  private static final List<String[]> CORE_INVARIANTS =
      List.of(
          new String[] {"sev-1", "entity.all(name.empty() or query.empty())"},
          new String[] {"dom-2", "contained.contained.empty()"},
          new String[] {"dom-3", "contained.empty()"},
          new String[] {
            "dom-4", "contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()"
          },
          new String[] {"dom-5", "contained.meta.security.empty()"},
          new String[] {
            "ele-1", "descendants().all(hasValue() or children().exists() or $this is Extension)"
          });

  static Stream<Arguments> events() {
    List<Arguments> all = new ArrayList<>();
    AuditActor nurse = AuditActor.tenantUser("u-3", "t-1", Set.of("EMPLOYEE"));
    AuditActor admin = AuditActor.tenantUser("u-9", "t-1", Set.of("ORG_ADMIN"));
    AuditActor support = AuditActor.providerUser("p-2", "provider", Set.of("PROVIDER_SUPPORT"));
    AuditActor job = AuditActor.system("retention-job", "t-1");
    add(all, "read", base(nurse, AuditAction.READ).build(), null);
    add(
        all,
        "read of a record with no data subject",
        base(nurse, AuditAction.READ).resource("Employee", "e-4", "t-1").subject(null).build(),
        null);
    add(all, "query", base(nurse, AuditAction.QUERY).resource(null).build(), null);
    add(all, "create", base(nurse, AuditAction.CREATE).build(), null);
    add(all, "update", base(nurse, AuditAction.UPDATE).build(), null);
    add(all, "delete", base(nurse, AuditAction.DELETE).build(), null);
    add(all, "export to the data subject", base(admin, AuditAction.EXPORT).build(), null);
    add(
        all,
        "export handed over to another controller",
        base(admin, AuditAction.EXPORT).basis(AccessBasis.legalObligation()).build(),
        "org-2");
    add(
        all,
        "erase",
        base(admin, AuditAction.ERASE).basis(AccessBasis.legalObligation()).build(),
        null);
    add(
        all,
        "disclosure with recipient",
        base(admin, AuditAction.DISCLOSURE).basis(AccessBasis.legalObligation()).build(),
        "kela");
    add(all, "disclosure without recipient", base(admin, AuditAction.DISCLOSURE).build(), null);
    add(
        all,
        "disclosure on the tenant's consent",
        base(admin, AuditAction.DISCLOSURE).basis(AccessBasis.tenantConsent()).build(),
        "thl");
    add(
        all,
        "denied read",
        base(nurse, AuditAction.READ).outcome(Outcome.denied("NOT_OWNER")).build(),
        null);
    add(
        all,
        "failed read",
        base(nurse, AuditAction.READ).outcome(Outcome.failure("DECRYPTION_FAILED")).build(),
        null);
    add(
        all,
        "denied query",
        base(nurse, AuditAction.QUERY).resource(null).outcome(Outcome.denied("NOT_OWNER")).build(),
        null);
    add(
        all,
        "failed query",
        base(nurse, AuditAction.QUERY)
            .resource(null)
            .outcome(Outcome.failure("KEY_UNAVAILABLE"))
            .build(),
        null);
    add(
        all,
        "elevated admin read",
        base(admin, AuditAction.READ).basis(AccessBasis.orgAdmin()).build(),
        null);
    add(
        all,
        "provider read under an incident grant",
        base(support, AuditAction.READ).basis(AccessBasis.incident("g-7")).build(),
        null);
    add(
        all,
        "provider read with an expired grant",
        base(support, AuditAction.READ)
            .basis(AccessBasis.incident("g-7"))
            .outcome(Outcome.denied("GRANT_EXPIRED"))
            .build(),
        null);
    add(
        all,
        "access denied",
        base(nurse, AuditAction.ACCESS_DENIED).outcome(Outcome.denied("OTHER_TENANT")).build(),
        null);
    add(all, "key rotated", system(job, AuditAction.KEY_ROTATED), null);
    add(all, "key destroyed", system(job, AuditAction.KEY_DESTROYED), null);
    add(all, "tenant offboarded", system(job, AuditAction.TENANT_OFFBOARDED), null);
    add(all, "configuration changed", system(admin, AuditAction.CONFIGURATION_CHANGED), null);
    return all.stream();
  }

  private static void add(List<Arguments> all, String name, AuditEvent e, String recipient) {
    all.add(Arguments.of(name, e, recipient));
  }

  private static AuditEvent.Builder base(AuditActor actor, AuditAction action) {
    return AuditEvent.builder()
        .id("ev-" + action.name().toLowerCase(java.util.Locale.ROOT))
        .time(Instant.parse("2026-12-07T10:15:30.123456Z"))
        .actor(actor)
        .action(action)
        .resource("Client", "c-1", "t-1")
        .subject("s-1")
        .fields("firstName", "hetu")
        .basis(AccessBasis.owner())
        .purpose("CARE")
        .outcome(Outcome.success())
        .correlationId("req-1")
        .application("echat")
        .node("node-1");
  }

  private static AuditEvent system(AuditActor actor, AuditAction action) {
    return base(actor, action)
        .resource(null)
        .subject(null)
        .fields()
        .basis(null)
        .purpose(null)
        .build();
  }

  private static org.hl7.fhir.r4.model.AuditEvent parse(AuditEvent e, String recipient) {
    String json = FhirAuditEvents.toFhir(e, recipient).toString();
    IParser strict = R4.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    return strict.parseResource(org.hl7.fhir.r4.model.AuditEvent.class, json);
  }

  private static boolean holds(IBase resource, String expression) {
    IFhirPath fhirPath = R4.newFhirPath();
    List<BooleanType> result = fhirPath.evaluate(resource, expression, BooleanType.class);
    return result.size() == 1 && result.get(0).booleanValue();
  }

  private static List<String> profiles(org.hl7.fhir.r4.model.AuditEvent r) {
    return r.getMeta().getProfile().stream()
        .map(CanonicalType::getValue)
        .collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void parsesStrictly_andMeetsTheCoreInvariants(String name, AuditEvent e, String recipient) {
    org.hl7.fhir.r4.model.AuditEvent r = parse(e, recipient);
    for (String[] invariant : CORE_INVARIANTS) {
      assertThat(holds(r, invariant[1])).as("%s: %s", name, invariant[0]).isTrue();
    }
    // no placeholder values stand in for what Suoja did not record
    assertThat(FhirAuditEvents.toFhir(e, recipient).toString()).doesNotContain("not-recorded");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void claimsABalpProfile_onlyWhenItMeetsItsInvariantsAndFixedCodes(
      String name, AuditEvent e, String recipient) {
    org.hl7.fhir.r4.model.AuditEvent r = parse(e, recipient);
    List<String> claimed = profiles(r);
    if (e.outcome().status() != Outcome.Status.SUCCESS) {
      // every BALP profile fixes outcome 0: a denial or failure claims none, keeps the refused
      // operation's subtype and carries its reason coded
      assertThat(claimed).as(name).isEmpty();
      assertThat(r.getOutcome().toCode()).isIn("4", "8");
      assertThat(
              holds(
                  r,
                  "extension.where(url = '"
                      + FhirAuditEvents.OUTCOME_REASON
                      + "').value.code = '"
                      + e.outcome().reason()
                      + "'"))
          .as(name)
          .isTrue();
      if (e.action() != AuditAction.ACCESS_DENIED) {
        assertThat(r.getSubtype())
            .extracting(Coding::getSystem)
            .as(name)
            .contains(FhirAuditEvents.REST);
      }
      return;
    }
    assertThat(r.getOutcome().toCode()).isEqualTo("0");
    for (String profile : claimed) {
      assertThat(profile).startsWith(BALP);
      String id = profile.substring(BALP.length());
      switch (id) {
        case "IHE.BasicAudit.PrivacyDisclosure.Source" -> {
          assertThat(holds(r, "type.code = '110106' and action = 'R'")).isTrue();
          assertThat(
                  holds(
                      r,
                      "subtype.where(system = '"
                          + FhirAuditEvents.LIFECYCLE
                          + "' and code = 'disclose').exists()"))
              .isTrue();
          // val-audit-source (error): the source agent is the audit source
          assertThat(holds(r, "agent.where(type.coding.code = '110153').who = source.observer"))
              .as("%s: val-audit-source", name)
              .isTrue();
          assertThat(holds(r, "agent.where(type.coding.code = '110152').who.exists()")).isTrue();
          assertThat(holds(r, "entity.where(role.code = '1' and what.type = 'Patient').exists()"))
              .as(name)
              .isTrue();
          assertThat(holds(r, "entity.count() >= 2")).as(name).isTrue();
        }
        case "IHE.BasicAudit.PatientRead", "IHE.BasicAudit.Read" ->
            restProfile(r, name, "read", "R", id.startsWith("IHE.BasicAudit.Patient"));
        case "IHE.BasicAudit.PatientQuery", "IHE.BasicAudit.Query" ->
            restProfile(r, name, "search", "E", id.startsWith("IHE.BasicAudit.Patient"));
        case "IHE.BasicAudit.PatientCreate", "IHE.BasicAudit.Create" ->
            restProfile(r, name, "create", "C", id.startsWith("IHE.BasicAudit.Patient"));
        case "IHE.BasicAudit.PatientUpdate", "IHE.BasicAudit.Update" ->
            restProfile(r, name, "update", "U", id.startsWith("IHE.BasicAudit.Patient"));
        case "IHE.BasicAudit.PatientDelete", "IHE.BasicAudit.Delete" ->
            restProfile(
                r,
                name,
                "delete",
                "D",
                id.startsWith("IHE.BasicAudit.Patient"),
                "'110150'",
                "'custodian'");
        default -> throw new AssertionError(name + " claims an unknown profile " + profile);
      }
    }
  }

  private static void restProfile(
      org.hl7.fhir.r4.model.AuditEvent r,
      String name,
      String subtype,
      String action,
      boolean patient) {
    restProfile(r, name, subtype, action, patient, "'110152'", "'110153'");
  }

  /** A BALP RESTful profile; client and server agent type codes as FHIRPath string literals. */
  private static void restProfile(
      org.hl7.fhir.r4.model.AuditEvent r,
      String name,
      String subtype,
      String action,
      boolean patient,
      String clientType,
      String serverType) {
    assertThat(holds(r, "type.code = 'rest' and action = '" + action + "'")).as(name).isTrue();
    assertThat(
            holds(
                r,
                "subtype.where(system = '"
                    + FhirAuditEvents.REST
                    + "' and code = '"
                    + subtype
                    + "').exists()"))
        .as(name)
        .isTrue();
    // client and server agents with who and network; the user agent requests, has no network
    for (String type : List.of(clientType, serverType)) {
      assertThat(
              holds(
                  r,
                  "agent.where(type.coding.code = "
                      + type
                      + ").where(who.exists() and"
                      + " network.exists()).count() = 1"))
          .as("%s: agent %s", name, type)
          .isTrue();
    }
    assertThat(holds(r, "agent.where(requestor = true).all(network.empty() and name.exists())"))
        .as("%s: the user agent is named (pseudonymously) and has no network", name)
        .isTrue();
    assertThat(holds(r, "entity.where(role.code = '1' and what.type = 'Patient').exists()"))
        .as(name)
        .isEqualTo(patient);
  }

  @Test
  void everyAuditAction_isCovered() {
    Set<AuditAction> covered =
        events().map(a -> ((AuditEvent) a.get()[1]).action()).collect(Collectors.toSet());
    assertThat(covered).containsExactlyInAnyOrder(AuditAction.values());
  }

  @Test
  void successfulPatientEvents_claimTheirBalpProfile() {
    for (Arguments a : events().collect(Collectors.toList())) {
      AuditEvent e = (AuditEvent) a.get()[1];
      boolean claims = !profiles(parse(e, (String) a.get()[2])).isEmpty();
      boolean expected =
          e.outcome().status() == Outcome.Status.SUCCESS
              && switch (e.action()) {
                case READ, QUERY, CREATE, UPDATE, DELETE, ERASE, EXPORT, DISCLOSURE -> true;
                default -> false;
              };
      assertThat(claims).as("%s claims a profile", a.get()[0]).isEqualTo(expected);
    }
  }
}
