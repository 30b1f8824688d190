package fi.suoja.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.suoja.audit.AuditAction;
import fi.suoja.audit.AuditActor;
import fi.suoja.audit.AuditEvent;
import fi.suoja.audit.Auditor;
import fi.suoja.audit.Outcome;
import fi.suoja.audit.sink.InMemoryAuditSink;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessGuardTest {
  final InMemoryAuditSink sink = new InMemoryAuditSink();
  final Auditor auditor = Auditor.builder(sink).application("test").node("n1").build();
  final AccessGuard guard =
      AccessGuard.builder(CareAccessPolicy.builder().build(), auditor).build();

  final Actor owner = Actor.tenantUser("e-1", "A", Role.EMPLOYEE);
  final Actor admin = Actor.tenantUser("adm-1", "A", Role.ORG_ADMIN);
  final Actor other = Actor.tenantUser("e-2", "A", Role.EMPLOYEE);
  final RecordRef client = RecordRef.client("Client", "c-1", "A", "e-1");

  @Test
  void decide_allowed_recordsOneSuccessEventWithBasisFieldsAndPurpose() {
    Decision d =
        PrivacyContext.callAs(
            owner, Purpose.CARE, () -> guard.decide(Action.READ, client, List.of("lastName")));

    assertThat(d).isEqualTo(new Decision.Allow("OWNER"));
    assertThat(sink.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(AuditAction.READ);
              assertThat(e.actor().userId()).isEqualTo("e-1");
              assertThat(e.actor().side()).isEqualTo(AuditActor.Side.TENANT);
              assertThat(e.resource().id()).isEqualTo("c-1");
              assertThat(e.subjectId()).isEqualTo("c-1");
              assertThat(e.fields()).containsExactly("lastName");
              assertThat(e.basis().code()).isEqualTo("OWNER");
              assertThat(e.elevated()).isFalse();
              assertThat(e.purpose()).isEqualTo("CARE");
              assertThat(e.outcome()).isEqualTo(Outcome.success());
            });
  }

  @Test
  void decide_actorsAlternating_eachEventNamesItsOwnActor() {
    Actor providerAdmin = Actor.providerUser("p-9", Role.PROVIDER_ADMIN);
    List<Actor> actors = List.of(owner, admin, owner, providerAdmin, admin, owner);
    for (Actor actor : actors) {
      PrivacyContext.callAs(actor, Purpose.CARE, () -> guard.decide(Action.READ, client));
    }

    assertThat(sink.events())
        .extracting(e -> e.actor().userId() + "/" + e.actor().side() + "/" + e.actor().roles())
        .containsExactly(
            "e-1/TENANT/[EMPLOYEE]",
            "adm-1/TENANT/[ORG_ADMIN]",
            "e-1/TENANT/[EMPLOYEE]",
            "p-9/PROVIDER/[PROVIDER_ADMIN]",
            "adm-1/TENANT/[ORG_ADMIN]",
            "e-1/TENANT/[EMPLOYEE]");
  }

  @Test
  void decide_orgAdminOnOthersClient_isElevatedAndAuditedAsSuch() {
    Decision d = PrivacyContext.callAs(admin, null, () -> guard.decide(Action.READ, client));

    assertThat(d).isEqualTo(new Decision.AllowElevated("ORG_ADMIN"));
    AuditEvent e = sink.events().get(0);
    assertThat(e.elevated()).isTrue();
    assertThat(e.basis().code()).isEqualTo("ORG_ADMIN");
  }

  @Test
  void require_denied_throwsWithDecision_andRecordsDeniedEvent() {
    assertThatThrownBy(
            () ->
                PrivacyContext.runAs(other, Purpose.CARE, () -> guard.require(Action.READ, client)))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            ex -> assertThat(ex.decision().reason()).isEqualTo(DenyReason.NOT_OWNER))
        .hasMessageStartingWith("SUOJA-3100")
        .hasMessageContaining("Client (")
        .hasMessageNotContaining("c-1");
    assertThat(sink.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(AuditAction.READ);
              assertThat(e.outcome()).isEqualTo(Outcome.denied("NOT_OWNER"));
              assertThat(e.basis()).isNull();
            });
  }

  @Test
  void decide_auditUnavailable_failsClosed() {
    sink.failing(true);

    Decision d =
        PrivacyContext.callAs(owner, Purpose.CARE, () -> guard.decide(Action.READ, client));

    assertThat(d).isEqualTo(new Decision.Deny(DenyReason.AUDIT_UNAVAILABLE));
  }

  @Test
  void decideBeforeId_allowedIsRecordedOnlyByRecordAllowed_namingTheRecordItsIdGot() {
    RecordRef unnumbered = RecordRef.client("Client", null, "A", "e-1");
    Decision d =
        guard.decideBeforeId(owner, Purpose.CARE, Action.CREATE, unnumbered, List.of("lastName"));

    assertThat(d).isEqualTo(new Decision.Allow("OWNER"));
    assertThat(sink.events()).isEmpty();

    guard.recordAllowed(owner, Purpose.CARE, Action.CREATE, client, List.of("lastName"), d);
    assertThat(sink.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(AuditAction.CREATE);
              assertThat(e.resource().id()).isEqualTo("c-1");
              assertThat(e.fields()).containsExactly("lastName");
              assertThat(e.outcome()).isEqualTo(Outcome.success());
            });
  }

  @Test
  void decideBeforeId_deniedIsRecordedAtOnce_andCannotBeRecordedAgain() {
    RecordRef unnumbered = RecordRef.client("Client", null, "A", "e-1");
    Actor elsewhere = Actor.tenantUser("e-1", "B", Role.EMPLOYEE);
    Decision d = guard.decideBeforeId(elsewhere, null, Action.CREATE, unnumbered, List.of());

    assertThat(d.allowed()).isFalse();
    assertThat(sink.events())
        .singleElement()
        .satisfies(e -> assertThat(e.outcome().status()).isEqualTo(Outcome.Status.DENIED));
    assertThatThrownBy(
            () -> guard.recordAllowed(elsewhere, null, Action.CREATE, client, List.of(), d))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recordAllowed_auditUnavailable_throwsAccessDenied() {
    Decision d = guard.decideBeforeId(owner, null, Action.CREATE, client, List.of());
    sink.failing(true);

    assertThatThrownBy(() -> guard.recordAllowed(owner, null, Action.CREATE, client, List.of(), d))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e ->
                assertThat(e.decision())
                    .isEqualTo(new Decision.Deny(DenyReason.AUDIT_UNAVAILABLE)));
  }

  @Test
  void decide_noActor_throwsAndRecordsNothing() {
    assertThatThrownBy(() -> guard.decide(Action.READ, client))
        .isInstanceOf(NoActorException.class);
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void decide_policyAllowsAcrossTenants_guardDeniesAnyway() {
    AccessGuard permissive =
        AccessGuard.builder((a, act, r) -> new Decision.Allow("ANY"), auditor).build();
    Actor foreign = Actor.tenantUser("e-9", "B", Role.EMPLOYEE);

    Decision d = PrivacyContext.callAs(foreign, null, () -> permissive.decide(Action.READ, client));

    assertThat(d).isEqualTo(new Decision.Deny(DenyReason.CROSS_TENANT));
    assertThat(sink.events().get(0).outcome()).isEqualTo(Outcome.denied("CROSS_TENANT"));
  }

  @Test
  void decide_policyThrowsOrReturnsNull_denies() {
    AccessGuard throwing =
        AccessGuard.builder(
                (a, act, r) -> {
                  throw new IllegalStateException("bug");
                },
                auditor)
            .build();
    AccessGuard nulling = AccessGuard.builder((a, act, r) -> null, auditor).build();

    PrivacyContext.runAs(
        owner,
        null,
        () -> {
          assertThat(throwing.decide(Action.READ, client))
              .isEqualTo(new Decision.Deny(DenyReason.POLICY_ERROR));
          assertThat(nulling.decide(Action.READ, client))
              .isEqualTo(new Decision.Deny(DenyReason.POLICY_ERROR));
        });
    assertThat(sink.events()).hasSize(2);
  }

  @Test
  void decide_resolverSuppliesActor_whenNoScopeIsOpen() {
    AccessGuard resolving =
        AccessGuard.builder(CareAccessPolicy.builder().build(), auditor)
            .actorResolver(() -> Optional.of(owner))
            .build();

    assertThat(resolving.decide(Action.UPDATE, client)).isEqualTo(new Decision.Allow("OWNER"));
  }

  @Test
  void hostRule_careRelationship_takesPrecedence_butNeverCrossesTenants() {
    AccessRule careRelationship =
        (actor, action, record) ->
            record.category() == DataCategory.CLIENT_DATA
                    && action == Action.READ
                    && actor.hasRole(Role.of("NURSE"))
                ? Optional.of(new Decision.Allow("CARE_RELATIONSHIP"))
                : Optional.empty();
    AccessGuard homeCare =
        AccessGuard.builder(
                CareAccessPolicy.builder().build().withRulesFirst(careRelationship), auditor)
            .build();
    Actor nurse = Actor.tenantUser("n-1", "A", Role.of("NURSE"));
    Actor foreignNurse = Actor.tenantUser("n-2", "B", Role.of("NURSE"));

    assertThat(PrivacyContext.callAs(nurse, null, () -> homeCare.decide(Action.READ, client)))
        .isEqualTo(new Decision.Allow("CARE_RELATIONSHIP"));
    assertThat(PrivacyContext.callAs(nurse, null, () -> homeCare.decide(Action.UPDATE, client)))
        .isEqualTo(new Decision.Deny(DenyReason.ROLE_NOT_PERMITTED));
    assertThat(
            PrivacyContext.callAs(foreignNurse, null, () -> homeCare.decide(Action.READ, client)))
        .isEqualTo(new Decision.Deny(DenyReason.CROSS_TENANT));
  }

  @Test
  void requireAs_tenantWideActions_recordTheirAuditActionsWithBasisAndCorrelation() {
    Actor adminA = Actor.tenantUser("adm-1", "A", Role.ORG_ADMIN);
    guard.require(
        adminA,
        Purpose.DATA_SUBJECT_REQUEST,
        Action.DISCLOSE,
        client,
        List.of("hetu"),
        "org-municipality-1");
    guard.require(
        adminA, Purpose.ADMINISTRATION, Action.OFFBOARD, RecordRef.tenant("A"), List.of(), null);
    guard.require(
        adminA,
        Purpose.ADMINISTRATION,
        Action.DESTROY_KEY,
        RecordRef.key("tenant:A:v1", "A"),
        List.of(),
        null);

    assertThat(sink.events())
        .extracting(e -> e.action() + " " + e.resource().type() + "#" + e.resource().id())
        .containsExactly(
            "DISCLOSURE Client#c-1", "TENANT_OFFBOARDED tenant#A", "KEY_DESTROYED key#tenant:A:v1");
    assertThat(sink.events())
        .allSatisfy(
            e -> {
              assertThat(e.actor())
                  .isEqualTo(AuditActor.tenantUser("adm-1", "A", java.util.Set.of("ORG_ADMIN")));
              assertThat(e.basis().code()).isEqualTo("ORG_ADMIN");
              assertThat(e.elevated()).isTrue();
              assertThat(e.outcome()).isEqualTo(Outcome.success());
            });
    assertThat(sink.events().get(0).correlationId()).isEqualTo("org-municipality-1");
  }

  @Test
  void requireAs_providerSideActorRefused_recordedAsProviderActor_thenThrows() {
    AccessGuard named =
        AccessGuard.builder(CareAccessPolicy.builder().build(), auditor)
            .providerId("prov-1")
            .build();
    Actor providerAdmin = Actor.providerUser("p-9", Role.PROVIDER_ADMIN);

    assertThatThrownBy(
            () ->
                named.require(
                    providerAdmin,
                    Purpose.ADMINISTRATION,
                    Action.DESTROY_KEY,
                    RecordRef.key("tenant:A:v1", "A"),
                    List.of(),
                    null))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e ->
                assertThat(e.decision())
                    .isEqualTo(new Decision.Deny(DenyReason.ROLE_NOT_PERMITTED)));

    assertThat(sink.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(AuditAction.KEY_DESTROYED);
              assertThat(e.actor())
                  .isEqualTo(
                      AuditActor.providerUser("p-9", "prov-1", java.util.Set.of("PROVIDER_ADMIN")));
              assertThat(e.outcome()).isEqualTo(Outcome.denied("ROLE_NOT_PERMITTED"));
            });
  }

  @Test
  void requireAs_auditUnavailable_throwsAccessDenied() {
    sink.failing(true);

    assertThatThrownBy(
            () ->
                guard.require(
                    admin,
                    Purpose.ADMINISTRATION,
                    Action.OFFBOARD,
                    RecordRef.tenant("A"),
                    List.of(),
                    null))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e ->
                assertThat(e.decision())
                    .isEqualTo(new Decision.Deny(DenyReason.AUDIT_UNAVAILABLE)));
  }

  @Test
  void auditAction_everyAction_mapsToItsAuditAction() {
    java.util.Map<Action, AuditAction> expected = new java.util.EnumMap<>(Action.class);
    for (Action a :
        List.of(
            Action.READ,
            Action.CREATE,
            Action.UPDATE,
            Action.DELETE,
            Action.EXPORT,
            Action.ERASE)) {
      expected.put(a, AuditAction.valueOf(a.name()));
    }
    expected.put(Action.DISCLOSE, AuditAction.DISCLOSURE);
    expected.put(Action.OFFBOARD, AuditAction.TENANT_OFFBOARDED);
    expected.put(Action.DESTROY_KEY, AuditAction.KEY_DESTROYED);

    for (Action a : Action.values()) {
      assertThat(AccessGuard.auditAction(a)).as("%s", a).isEqualTo(expected.get(a));
    }
  }
}
