package fi.suoja.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.policy.Action;
import fi.suoja.policy.Actor;
import fi.suoja.policy.DataCategory;
import fi.suoja.policy.Decision;
import fi.suoja.policy.DenyReason;
import fi.suoja.policy.RecordRef;
import fi.suoja.policy.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolePermissionsPolicyTest {
  private static final RecordRef OWNER =
      new RecordRef("Owner", "7", "clinic", null, null, DataCategory.CLIENT_DATA);
  private static final RolePermissionsPolicy POLICY =
      new RolePermissionsPolicy(
          Map.of("VET", List.of(Action.READ, Action.CREATE, Action.UPDATE), "DESK", List.of()));

  @Test
  void aListedAction_isAllowedWithTheRoleAsBasis() {
    Actor vet = Actor.tenantUser("maria.vet", "clinic", Role.of("VET"));

    assertThat(POLICY.decide(vet, Action.CREATE, OWNER)).isEqualTo(new Decision.Allow("ROLE:VET"));
    assertThat(POLICY.decide(vet, Action.READ, OWNER).allowed()).isTrue();
  }

  @Test
  void anUnlistedAction_anEmptyRole_andAnUnknownRole_areDenied() {
    Decision denied = new Decision.Deny(DenyReason.ROLE_NOT_PERMITTED);

    assertThat(
            POLICY.decide(
                Actor.tenantUser("maria.vet", "clinic", Role.of("VET")), Action.DELETE, OWNER))
        .isEqualTo(denied);
    assertThat(
            POLICY.decide(
                Actor.tenantUser("pekka.desk", "clinic", Role.of("DESK")), Action.READ, OWNER))
        .isEqualTo(denied);
    assertThat(
            POLICY.decide(
                Actor.tenantUser("aino.admin", "clinic", Role.ORG_ADMIN), Action.READ, OWNER))
        .isEqualTo(denied);
  }

  @Test
  void providerSideActors_areDenied_whateverTheirRoles() {
    Actor support = Actor.providerUser("tuki.henkilo", Role.PROVIDER_SUPPORT, Role.of("VET"));

    assertThat(POLICY.decide(support, Action.READ, OWNER))
        .isEqualTo(new Decision.Deny(DenyReason.ROLE_NOT_PERMITTED));
  }
}
